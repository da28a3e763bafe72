from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify

from exports import services
from exports.models import PdfJob, RenderedPdf
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
        approved = bool(getattr(snapshot, "review", None) and snapshot.review.decision == "approve")
        cached = services.cached_by_alias(services.snapshot_alias(snapshot.pk, approved))
        if cached is not None:
            return respond(request, "ready", cached, name)
        state, result = services.snapshot_pdf_request(
            snapshot, country=strategy.country, approved=approved, filename=name
        )
        return respond(request, state, result, name)
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


@login_required
def all_countries_zip(request):
    """Reviewers: one ZIP with the newest PDF they may see of every country. Missing PDFs are queued and
    the page shows how many are ready; the ZIP is built from the cache once all are."""
    import io
    import zipfile

    from comparisons.services import latest_snapshots

    if not (request.user.is_reviewer or request.user.is_superuser):
        raise Http404
    views = latest_snapshots(request.user)
    snapshots = Snapshot.objects.in_bulk([v.snapshot_id for v in views])
    aliases = {v.snapshot_id: services.snapshot_alias(v.snapshot_id, v.approved) for v in views}
    by_alias = {pdf.alias: pdf for pdf in RenderedPdf.objects.filter(alias__in=aliases.values())}
    ready, pending = [], []
    for view in views:
        snapshot = snapshots[view.snapshot_id]
        name = slugify(f"{view.country.code}-{snapshot.data.get('title', '')}-v{snapshot.version}")
        cached = by_alias.get(aliases[view.snapshot_id])
        if cached is None:
            state, cached = services.snapshot_pdf_request(
                snapshot, country=view.country, approved=view.approved, filename=name
            )
            if state != "ready":
                pending.append(view.country.name)
                continue
        ready.append((name, cached))
    if pending:
        context = {"ready": len(ready), "total": len(views), "pending": pending}
        return render(request, "exports/zip_pending.html", context, status=202)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, pdf in ready:
            archive.writestr(f"{name}.pdf", bytes(pdf.content))
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="1mg-strategies.zip"'
    return response
