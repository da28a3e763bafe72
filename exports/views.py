import io
import zipfile
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify

from accounts import policy
from audit import services as audit
from comparisons import services as comparison_services
from core.redirects import safe_url
from exports import services
from exports.models import RenderedPdf
from factsheets.permissions import factsheet_or_404
from guide.models import SectionTemplate
from guide.selectors import content_stamp
from reviews.models import Snapshot
from reviews.permissions import visible_snapshots
from strategies.permissions import get_strategy_or_404

#: Job status links are signed for the user the document was shown to (see job_status).
_JOB_SALT = "exports.job-status"
_JOB_LINK_AGE = 24 * 3600


def job_status_url(request, job: services.RenderJob, download: str) -> str:
    token = signing.dumps({"job": job.pk, "user": request.user.pk, "next": download}, salt=_JOB_SALT)
    return f"{reverse('exports:job', args=[job.pk])}?{urlencode({'t': token})}"


def retrying(request) -> bool:
    """The progress page's "Try again" button: a field-less POST to the download URL (CSRF-checked like any
    form); a GET only asks."""
    return request.method == "POST"


def respond(request, state: str, result, filename: str):
    """Serve a ready PDF, or a page that follows the render task until it is ready (or says why it could
    not be made, with a button to try again)."""
    if state == "ready":
        audit.record(
            audit.AuditEvent.Action.PDF_DOWNLOAD,
            summary=f"Downloaded {filename}.pdf",
            target=f"pdf:{result.kind}:{result.pk}",
            details={"title": result.title, "pages": result.pages},
        )
        response = HttpResponse(bytes(result.content), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{filename}.pdf"'
        return response
    download = request.get_full_path()
    context = {
        "job": result,
        "download": download,
        "status_url": job_status_url(request, result, download),
    }
    return render(request, "exports/pending.html", context, status=422 if state == "failed" else 202)


@login_required
def strategy_pdf(request, pk: int):
    """The strategy as a branded PDF: the working copy for the country (watermarked until approved), the
    newest snapshot they may see for everybody else. Same permission policy as the pages."""
    strategy = get_strategy_or_404(request.user, pk)
    name = slugify(f"{strategy.country.code}-{strategy.title}-v{strategy.version}")
    if policy.pdf_of_working_copy(request.user, strategy):
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
        state, result = services.snapshot_pdf_request(snapshot, approved=approved, retry=retrying(request))
        return respond(request, state, result, name)
    state, result = services.pdf_request(
        kind="strategy",
        template="pdf/strategy.html",
        document=document,
        filename=name,
        title=f"{strategy.country.name} – {strategy.title}",
        alias=alias,
        retry=retrying(request),
    )
    return respond(request, state, result, name)


@login_required
def job_status(request, pk: str):
    """Polled by the pending page. Only the user whom the download URL showed this job (after its own
    permission check) holds a valid link; anyone else gets a 404. The file itself is served by the
    permission-checked download URL."""
    try:
        claim = signing.loads(request.GET.get("t", ""), salt=_JOB_SALT, max_age=_JOB_LINK_AGE)
    except signing.BadSignature:
        raise Http404 from None
    if claim.get("job") != pk or claim.get("user") != request.user.pk:
        raise Http404
    job = services.render_job(pk)
    if job is None:
        raise Http404
    context = {
        "job": job,
        # Signed by us for this user, but checked like any other return address all the same.
        "download": safe_url(request, claim["next"], "strategies:home"),
        "status_url": request.get_full_path(),
    }
    return render(request, "exports/_job_status.html", context)


@login_required
def factsheet_pdf(request, pk: int):
    """A country's factsheet as a draft PDF, or (?final=1) the final one once every placeholder is filled
    and every answer translated or kept in English on purpose. Its members and admins only."""
    factsheet = factsheet_or_404(request.user, pk)
    final = request.GET.get("final") == "1"
    try:
        state, result = services.factsheet_pdf_request(factsheet, final=final, retry=retrying(request))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("factsheets:edit", pk=factsheet.pk)
    return respond(request, state, result, slugify(services.factsheet_filename(factsheet, final=final)))


@login_required
def comparison_pdf(request, key: str):
    """One section side by side for the countries picked (?country=, two to four), from the newest snapshot
    of each that the reader may see: never a working draft."""
    if key not in comparison_services.SECTION_KEYS:
        raise Http404
    visible = comparison_services.latest_snapshots(request.user)
    views = comparison_services.chosen(visible, comparison_services.country_codes(request.GET.getlist("country")))
    views = views[: comparison_services.MAX_COLUMNS]
    template = get_object_or_404(SectionTemplate, key=key)
    document = services.comparison_document(template, views, comparison_services.section_rows(views, key))
    name = slugify(f"compare-{template.key}-" + "-".join(v.country.code for v in views))
    state, result = services.pdf_request(
        kind="comparison",
        template="pdf/comparison.html",
        document=document,
        filename=name,
        title=document["title"],
        retry=retrying(request),
    )
    return respond(request, state, result, name)


@login_required
def all_countries_zip(request):
    """Reviewers: one ZIP with the newest PDF they may see of every country, built from the PDFs rendered
    when each snapshot was made. Any still missing is queued as a render task (by snapshot id: this request
    gathers no document) and the page shows how many are ready; the ZIP is built once all are."""
    if not policy.can_download_all_countries(request.user):
        raise Http404
    views = comparison_services.latest_snapshots(request.user)
    snapshots = Snapshot.objects.in_bulk([v.snapshot_id for v in views])
    guide = content_stamp()
    aliases = {v.snapshot_id: services.snapshot_alias(v.snapshot_id, v.approved, guide) for v in views}
    by_alias = {pdf.alias: pdf for pdf in RenderedPdf.objects.filter(alias__in=aliases.values())}
    ready, pending, failed = [], [], []
    for view in views:
        snapshot = snapshots[view.snapshot_id]
        name = slugify(f"{view.country.code}-{snapshot.data.get('title', '')}-v{snapshot.version}")
        cached = by_alias.get(aliases[view.snapshot_id])
        if cached is None:
            state, cached = services.snapshot_pdf_request(
                snapshot, approved=view.approved, guide=guide, retry=retrying(request)
            )
            if state == "failed":
                failed.append(view.country.name)
                continue
            if state != "ready":
                pending.append(view.country.name)
                continue
        ready.append((name, cached))
    if pending:
        context = {"ready": len(ready), "total": len(views), "pending": pending, "failed": failed}
        return render(request, "exports/zip_pending.html", context, status=202)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, pdf in ready:
            archive.writestr(f"{name}.pdf", bytes(pdf.content))
        if failed:
            note = "These countries' PDFs could not be made (see the strategy's PDF link for why):\n"
            archive.writestr("NOT-INCLUDED.txt", note + "\n".join(failed) + "\n")
    audit.record(
        audit.AuditEvent.Action.EXPORT,
        summary=f"Downloaded the ZIP of {len(ready)} countries' PDFs",
        target="pdf:all-countries.zip",
        details={"files": [name for name, _pdf in ready], "left_out": failed},
    )
    response = HttpResponse(buffer.getvalue(), content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="1mg-strategies.zip"'
    return response
