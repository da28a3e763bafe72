from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.utils.text import slugify

from exports import services
from reviews.models import Snapshot
from reviews.services import snapshot_content
from strategies.permissions import can_read_working_copy, get_strategy_or_404, visible_snapshots


@login_required
def strategy_pdf(request, pk: int):
    """The strategy as a branded PDF: the working copy for the country (watermarked until approved), the
    newest snapshot they may see for everybody else. Same permission policy as the pages."""
    strategy = get_strategy_or_404(request.user, pk)
    if can_read_working_copy(request.user, strategy):
        content, status, label = snapshot_content(strategy), strategy.status, strategy.get_status_display()
    else:
        snapshot = (
            visible_snapshots(request.user, Snapshot.objects.filter(strategy=strategy).select_related("review"))
            .order_by("-number")
            .first()
        )
        if snapshot is None:
            raise Http404
        approved = getattr(snapshot, "review", None) and snapshot.review.decision == "approve"
        content = snapshot.data
        status, label = ("approved", "Approved") if approved else ("submitted", "In review")
    document = services.strategy_document(content=content, country=strategy.country, status=status, label=label)
    pdf = services.strategy_pdf(document)
    response = HttpResponse(bytes(pdf.content), content_type="application/pdf")
    name = slugify(f"{strategy.country.code}-{strategy.title}-v{strategy.version}")
    response["Content-Disposition"] = f'inline; filename="{name}.pdf"'
    return response
