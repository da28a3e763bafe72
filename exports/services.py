"""Strategy PDFs: gather the content once, fingerprint it, render it once, serve it from then on."""

from __future__ import annotations

import hashlib
import json
import time

from django.conf import settings
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from exports.models import PdfJob, RenderedPdf
from exports.pdf import render_pdf, run_with_time_limit
from guide.models import GlossaryTerm, GuideText, Resource, SectionPrompt, SectionTemplate
from onemg_planner.limits import date_in_range
from strategies.forms import PART_KINDS
from strategies.services import sanitize_html

#: Bump when the print template or its CSS changes, so cached PDFs are rendered again.
TEMPLATE_VERSION = "3"

WATERMARKS = {"draft": "DRAFT", "changes_requested": "DRAFT", "submitted": "IN REVIEW", "approved": ""}


def strategy_document(*, content: dict, country, status: str, label: str) -> dict:
    """Everything the print template shows, as plain data (this is also what the cache key covers)."""
    prompts: dict[str, list] = {}
    for prompt in SectionPrompt.objects.select_related("section").order_by("section__number", "position"):
        prompts.setdefault(prompt.section.key, []).append((prompt.field, prompt.prompt))
    sections = [
        {
            "key": t.key,
            "title": str(t),
            "prompts": [
                {"prompt": text, "html": sanitize_html(content["sections"].get(t.key, {}).get(field, ""))}
                for field, text in prompts.get(t.key, [])
            ],
        }
        for t in SectionTemplate.objects.order_by("number")
    ]
    tables = []
    for kind, (model, fields) in PART_KINDS.items():
        rows = content.get("parts", {}).get(kind, [])
        if kind == "tasks" or not rows:
            continue
        tables.append(
            {
                "title": str(model._meta.verbose_name_plural).capitalize(),
                "headers": [str(model._meta.get_field(f).verbose_name).capitalize() for f in fields],
                "rows": [[row["fields"].get(f, "") for f in fields] for row in rows],
            }
        )
    risks = content.get("parts", {}).get("risks", [])
    matrix = [
        [
            {
                "n": sum(1 for r in risks if (r["values"]["impact"], r["values"]["likelihood"]) == (impact, lk)),
                "band": "high" if impact * lk >= 15 else "medium" if impact * lk >= 6 else "low",
            }
            for lk in range(1, 6)
        ]
        for impact in range(5, 0, -1)
    ]
    tasks = content.get("parts", {}).get("tasks", [])
    phases = []
    for value, label_ in (("initiate", "Initiate"), ("execute", "Execute"), ("evaluate", "Evaluate and report")):
        in_phase = [t for t in tasks if t["values"].get("phase") == value]
        ordered = []
        for top in (t for t in in_phase if not t["values"].get("parent")):
            ordered.append(top)
            ordered.extend(t for t in in_phase if t["values"].get("parent") == top["id"])
        phases.append({"label": label_, "tasks": ordered})
    return {
        "timeline": _timeline(tasks),
        "country": country.name,
        "country_code": country.code,
        "language": content.get("language", "en"),
        "title": content.get("title", ""),
        "period": content.get("period", ""),
        "version": content.get("version", 1),
        "status": status,
        "status_label": label,
        "watermark": WATERMARKS.get(status, "DRAFT"),
        "sections": sections,
        "tables": tables,
        "matrix": matrix,
        "phases": phases,
        "assessments": content.get("assessments", []),
        "resources": list(Resource.objects.values("title", "description", "url", "group")),
        "glossary": list(GlossaryTerm.objects.values("term", "definition")),
        "texts": {t.key: t.text for t in GuideText.objects.filter(key__in=["funding_statement", "contact"])},
    }


def snapshot_pdf_request(snapshot, *, country, approved: bool, filename: str):
    """The PDF of a frozen snapshot (approved, or in review): served from the cache or queued."""
    status, label = ("approved", "Approved") if approved else ("submitted", "In review")
    document = strategy_document(content=snapshot.data, country=country, status=status, label=label)
    return pdf_request(
        kind="strategy",
        template="pdf/strategy.html",
        document=document,
        filename=filename,
        title=f"{country.name} – {snapshot.data.get('title', '')}",
        alias=snapshot_alias(snapshot.pk, approved),
    )


def snapshot_alias(snapshot_id: int, approved: bool) -> str:
    """Snapshots never change: their id and whether they were approved say everything."""
    return f"snapshot:{snapshot_id}:{'approved' if approved else 'submitted'}:{TEMPLATE_VERSION}"


def working_copy_alias(strategy) -> str:
    """Changes whenever anything printed changes: every edit moves the strategy's updated_at (see
    strategies.services._touch), workflow steps move status or version, assessments carry their own
    timestamp, and the print template has a version."""
    from django.db.models import Max

    last_assessment = strategy.assessments.aggregate(t=Max("updated_at"))["t"]
    stamps = f"{strategy.updated_at.timestamp()}:{last_assessment.timestamp() if last_assessment else 0}"
    return f"draft:{strategy.pk}:{strategy.status}:{strategy.version}:{stamps}:{TEMPLATE_VERSION}"


def working_copy_document(strategy) -> dict:
    """The print document of a country's live draft (what its members download)."""
    from reviews.services import snapshot_content

    return strategy_document(
        content=snapshot_content(strategy),
        country=strategy.country,
        status=strategy.status,
        label=strategy.get_status_display(),
    )


def _timeline(tasks: list[dict]) -> dict:
    """Bars for the dated tasks, in percent of the plan's span, plus yearly ticks."""
    import datetime

    dated = []
    for task in tasks:
        start, due = task["values"].get("start"), task["values"].get("due")
        if start or due:
            first = datetime.date.fromisoformat(start or due)
            last = datetime.date.fromisoformat(due or start)
            if date_in_range(first) and date_in_range(last):  # rows stored before the range existed
                dated.append((first, last, task))
    if not dated:
        return {"rows": [], "ticks": []}
    begin, end = min(d[0] for d in dated), max(d[1] for d in dated)
    span = max((end - begin).days, 1)
    rows = [
        {
            "title": task["fields"].get("title", ""),
            "sub": bool(task["values"].get("parent")),
            "status": task["values"].get("status"),
            "left": round(100 * (first - begin).days / span, 1),
            "width": max(round(100 * (last - first).days / span, 1), 0.8),
        }
        for first, last, task in sorted(dated, key=lambda d: d[0])
    ]
    ticks = []
    month = datetime.date(begin.year, begin.month, 1)
    while month <= end:
        if month >= begin and month.month in (1, 7):
            ticks.append({"label": month.strftime("%b %Y"), "left": round(100 * (month - begin).days / span, 1)})
        month = datetime.date(month.year + (month.month // 12), month.month % 12 + 1, 1)
    return {"rows": rows, "ticks": ticks}


def fingerprint(document: dict, template: str = "pdf/strategy.html") -> str:
    payload = json.dumps(
        {"v": TEMPLATE_VERSION, "template": template, "doc": document}, sort_keys=True, default=str, ensure_ascii=False
    )
    return hashlib.sha256(payload.encode()).hexdigest()


def render_document(*, key: str, kind: str, template: str, document: dict, title: str, alias: str = "") -> RenderedPdf:
    """Render now and keep the result. Holds no database transaction open while WeasyPrint works: the
    data was gathered before, the row is written after (a concurrent render of the same key loses)."""
    html = render_to_string(template, {"doc": document, "generated": timezone.now()})
    started = time.perf_counter()
    content, pages = run_with_time_limit(render_pdf, html, seconds=settings.PDF_RENDER_TIMEOUT)
    rendered, _created = RenderedPdf.objects.get_or_create(
        key=key,
        defaults={
            "alias": alias,
            "kind": kind,
            "title": title[:300],
            "content": content,
            "pages": pages,
            "render_seconds": time.perf_counter() - started,
        },
    )
    return rendered


def cached_by_alias(alias: str) -> RenderedPdf | None:
    return RenderedPdf.objects.filter(alias=alias).order_by("-created_at").first() if alias else None


def pdf_request(*, kind: str, template: str, document: dict, filename: str, title: str, alias: str = ""):
    """("ready", RenderedPdf) when this exact content was rendered before, else ("pending", PdfJob): the
    job is queued once for a worker and the caller shows progress; ("failed", PdfJob) when this content
    could not be rendered."""
    key = fingerprint(document, template)
    cached = RenderedPdf.objects.filter(key=key).first()
    if cached is not None:
        if alias and cached.alias != alias:
            RenderedPdf.objects.filter(pk=cached.pk).update(alias=alias)
        return "ready", cached
    job, _created = PdfJob.objects.get_or_create(
        key=key,
        defaults={"kind": kind, "template": template, "document": document, "filename": filename, "alias": alias},
    )
    job.title = title
    if job.status == PdfJob.Status.FAILED:
        # The same content through the same template fails the same way: queueing it again would only
        # hold the worker (and everyone's PDFs behind it). Changed content has a new key, a new job.
        return "failed", job
    return "pending", job


def run_pending_jobs(limit: int = 10) -> int:
    """Render queued jobs; several workers on several machines can run this side by side."""
    done = 0
    for _i in range(limit):
        with transaction.atomic():
            queryset = PdfJob.objects.filter(status=PdfJob.Status.QUEUED).order_by("created_at")
            if connection.features.has_select_for_update_skip_locked:
                queryset = queryset.select_for_update(skip_locked=True)
            job = queryset.first()
            if job is None:
                break
            job.status, job.started_at = PdfJob.Status.RUNNING, timezone.now()
            job.save(update_fields=["status", "started_at"])
        try:
            render_document(
                key=job.key,
                kind=job.kind,
                template=job.template,
                document=job.document,
                title=job.filename,
                alias=job.alias,
            )
        except Exception as error:  # noqa: BLE001 - a broken document must not stop the worker
            PdfJob.objects.filter(pk=job.pk).update(
                status=PdfJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
            )
        else:
            PdfJob.objects.filter(pk=job.pk).update(status=PdfJob.Status.DONE, finished_at=timezone.now())
        done += 1
    return done


def strategy_pdf(document: dict) -> RenderedPdf:
    """Render a strategy document at once (benchmarks, tests); web requests go through pdf_request."""
    key = fingerprint(document)
    return RenderedPdf.objects.filter(key=key).first() or render_document(
        key=key,
        kind="strategy",
        template="pdf/strategy.html",
        document=document,
        title=f"{document['country']} – {document['title']}",
    )
