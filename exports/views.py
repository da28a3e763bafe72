from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from exports import services
from exports.models import PdfJob
from reviews.models import Snapshot
from strategies.permissions import can_read_working_copy, get_strategy_or_404, visible_snapshots


def respond(request, state: str, result, filename: str):
    """Serve a ready PDF, or a page that follows the queued job until it is ready."""
    if state == "ready":
        response = HttpResponse(bytes(result.content), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    return render(request, "exports/pending.html", {"job": result, "download": request.get_full_path()}, status=202)


@login_required
def strategy_pdf(request, pk: int):
    """The strategy as a branded PDF: the working copy for the country (watermarked until approved), the
    newest snapshot they may see for everybody else. Same permission policy as the pages."""
    strategy = get_strategy_or_404(request.user, pk)
    name = slugify(f"{strategy.country.code}-{strategy.title}-v{strategy.version}")
    if can_read_working_copy(request.user, strategy):
        alias = services.working_copy_alias(strategy)
        cached = services.cached_by_alias(alias)
        if cached is not None:
            return respond(request, "ready", cached, name)
        document = services.working_copy_document(strategy)
    else:
        snapshot = (
            visible_snapshots(request.user, Snapshot.objects.filter(strategy=strategy).select_related("review"))
            .order_by("-number")
            .first()
        )
        if snapshot is None:
            raise Http404
        approved = getattr(snapshot, "review", None) and snapshot.review.decision == "approve"
        status, label = ("approved", "Approved") if approved else ("submitted", "In review")
        alias = f"snapshot:{snapshot.pk}:{status}:{services.TEMPLATE_VERSION}"
        cached = services.cached_by_alias(alias)
        if cached is not None:
            return respond(request, "ready", cached, name)
        document = services.strategy_document(
            content=snapshot.data, country=strategy.country, status=status, label=label
        )
    state, result = services.pdf_request(
        kind="strategy",
        template="pdf/strategy.html",
        document=document,
        filename=name,
        title=f"{strategy.country.name} – {strategy.title}",
        alias=alias,
    )
    return respond(request, state, result, name)


@login_required
def job_status(request, pk: int):
    """Polled by the pending page. Reveals only a job's state; the file itself is served by the
    permission-checked download URL."""
    job = get_object_or_404(PdfJob, pk=pk)
    return render(request, "exports/includes/job_status.html", {"job": job, "download": request.GET.get("next", "")})


def factsheet_response(request, factsheet, *, final: bool):
    from factsheets.services import factsheet_pdf_request

    try:
        state, result = factsheet_pdf_request(factsheet, final=final)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("factsheets:edit", pk=factsheet.pk)
    name = slugify(f"{factsheet.country.code}-{factsheet.template.key}-{factsheet.language}{'' if final else '-draft'}")
    return respond(request, state, result, name)
