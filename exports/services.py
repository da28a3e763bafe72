"""Strategy PDFs: gather the content once, fingerprint it, render it once, serve it from then on."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import time
from dataclasses import asdict
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from pathlib import Path

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from accounts.models import GUIDE_LANGUAGE
from core.html import sanitize_html
from exports.models import PdfJob, RenderedPdf
from exports.pdf import render_pdf, run_with_time_limit
from factsheets.services import factsheet_document
from guide.models import GlossaryTerm, GuideText, Resource, SectionPrompt, SectionTemplate
from guide.selectors import content_stamp
from reviews.services import snapshot_content
from strategies import presenters
from strategies.content import Row, StrategyContent
from strategies.forms import PART_KINDS
from strategies.models import Strategy

logger = logging.getLogger(__name__)

#: What decides how a PDF looks, besides its content: the print templates, the print stylesheet and the code
#: that lays the printed document out. Their text is hashed, so a cached PDF is never served from an older
#: layout and there is no version number to remember to bump.
PRINT_LAYOUT_FILES = (
    "templates/pdf/**/*.html",
    "static/css/print.css",
    "exports/services.py",
    "exports/pdf.py",
    "strategies/presenters.py",
    "strategies/content.py",
    "monitoring/charts.py",
    "factsheets/services.py",
)


def _layout_fingerprint() -> str:
    base = Path(settings.BASE_DIR)
    files = sorted({path for pattern in PRINT_LAYOUT_FILES for path in base.glob(pattern) if path.is_file()})
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(base)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@functools.cache
def template_version() -> str:
    """The print layout's fingerprint, computed on first use (the files do not change while the app runs)."""
    return _layout_fingerprint()


WATERMARKS = {
    Strategy.Status.DRAFT: "DRAFT",
    Strategy.Status.CHANGES_REQUESTED: "DRAFT",
    Strategy.Status.SUBMITTED: "IN REVIEW",
    Strategy.Status.APPROVED: "",
}

#: Which structured tables print inside which template section (the rest of the section is its prompts).
SECTION_TABLES = {
    "objectives": ["objectives"],
    "target_audience": ["segments"],
    "key_messages": ["messages"],
    "channels": ["channels", "tactics"],
    "content_strategy": ["content"],
    "stakeholder_engagement": ["stakeholders"],
    "implementation_plan": ["roles", "budget"],
    "monitoring_evaluation": ["kpis"],
    "risk_management": ["risks"],
}
STATUS_LEGEND = (("todo", "To do"), ("in_progress", "In progress"), ("blocked", "Blocked"), ("done", "Done"))


def strategy_document(*, content: dict, country, status: str, label: str, contact: dict | None = None) -> dict:
    """Everything the print template shows, as plain data (this is also what the cache key covers).
    `content` is a frozen strategy (a snapshot's data, or reviews.services.snapshot_content of a working copy),
    read through its typed model; `contact` stands in for a snapshot frozen before strategies had a national contact."""
    content = StrategyContent.from_dict(content)
    parts = content.parts
    prompts: dict[str, list] = {}
    for prompt in SectionPrompt.objects.select_related("section").order_by("section__number", "position"):
        prompts.setdefault(prompt.section.key, []).append((prompt.field, prompt.prompt))
    contact = content.contact or contact or {}
    sections = []
    for template in SectionTemplate.objects.order_by("number"):
        answers = content.section(template.key)
        fields = [(f, text) for f, text in prompts.get(template.key, []) if f != "contact_information"]
        section = {
            "key": template.key,
            "number": template.number,
            "title": str(template),
            "appendix": template.is_appendix,
            "prompts": [{"prompt": text, "html": sanitize_html(answers.get(field, ""))} for field, text in fields],
            "tables": [table for kind in SECTION_TABLES.get(template.key, []) if (table := _table(kind, parts))],
        }
        if template.key == "implementation_plan":
            section["budget_totals"] = _budget_totals(parts.get("budget", []))
            section["phases"] = _phases(parts.get("tasks", []))
            section["timeline"] = _timeline(parts.get("tasks", []))
        if template.key == "monitoring_evaluation":
            section["readings"] = list(content.readings)  # KPI readings and their status (monitoring)
        if template.key == "risk_management":
            section["matrix"] = _risk_matrix(parts.get("risks", []))
        if template.key == "appendices":
            section["contact_text"] = sanitize_html(answers.get("contact_information", ""))
        sections.append(section)
    return {
        "country": country.name,
        "country_code": country.code,
        "website": getattr(country, "website", ""),
        "language": content.language or GUIDE_LANGUAGE,
        "title": content.title,
        "period": content.period,
        "version": 1 if content.version is None else content.version,
        "status": status,
        "status_label": label,
        "watermark": WATERMARKS.get(status, "DRAFT"),
        "sections": sections,
        "status_legend": STATUS_LEGEND,
        "assessments": [asdict(a) for a in content.assessments],
        "resources": list(Resource.objects.values("title", "description", "url", "group")),
        "glossary": list(GlossaryTerm.objects.values("term", "definition")),
        "contact": {key: contact.get(key, "") for key in ("name", "email", "address")},
        "texts": {t.key: t.text for t in GuideText.objects.filter(key__in=["funding_statement"])},
    }


_NAMING_FIELDS = {"name", "title", "item", "role", "metric"}


def _table(kind: str, parts: dict[str, list[Row]]) -> dict | None:
    """One structured part as a table, a row per entry. Parts with several long texts (segments, messages,
    stakeholders, risks, …) print as records: their short fields in columns, the long texts below them at
    full width, so no column shrinks to a word per line."""
    rows = parts.get(kind, [])
    if not rows:
        return None
    model, fields = PART_KINDS[kind]
    long = [f for f in fields if isinstance(model._meta.get_field(f), models.TextField)]
    if len(long) < 2:
        long = []
    short = [f for f in fields if f not in long]
    # A row without a name of its own is led by its first long text (a message, a risk), unlabelled.
    lead = long[0] if long and not _NAMING_FIELDS & set(short) else None

    def label(name):
        return capfirst(str(model._meta.get_field(name).verbose_name))

    def record(row):
        return {
            "cells": [{"text": _cell(kind, f, row), "num": f == "amount"} for f in short],
            "lead": _cell(kind, lead, row) if lead else "",
            "details": [(label(f), text) for f in long if f != lead and (text := _cell(kind, f, row))],
        }

    if kind == "content":  # the content calendar reads in date order
        rows = sorted(rows, key=lambda row: row.value("planned_date") or "9")
    table = {
        "kind": kind,
        "title": "Content calendar" if kind == "content" else capfirst(str(model._meta.verbose_name_plural)),
        "headers": [label(f) for f in short],
        "records": bool(long),
        "rows": [record(row) for row in rows],
    }
    if kind == "risks":  # numbered, so the matrix can point at them, and scored as in the matrix
        at = table["headers"].index(label("impact")) + 1
        table["headers"][at:at] = ["Score"]
        table["headers"].insert(0, "#")
        for number, (row, entry) in enumerate(zip(rows, table["rows"], strict=True), start=1):
            score = presenters.risk_score(row.value("likelihood"), row.value("impact"))
            entry["cells"].insert(
                at, {"text": f"{score} ({presenters.risk_band(score)})" if score else "", "num": False}
            )
            entry["cells"].insert(0, {"text": str(number), "num": True})
    return table


def _cell(kind: str, field: str, row: Row) -> str:
    if field == "amount":
        try:
            return f"{Decimal(str(row.value('amount') or 0)):,.2f}"
        except (InvalidOperation, ValueError):
            return row.text(field)
    if kind in ("segments", "channels") and field == "preset" and not row.text(field):
        return "Other"
    if kind in ("messages", "tactics") and field == "segment" and not row.text(field):
        return "General (every audience)"
    return row.text(field)


def _budget_totals(lines: list[Row]) -> list[dict]:
    """The budget's total in each currency it uses (amounts in different currencies are never added)."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        currency = (line.value("currency") or "").upper() or "—"
        try:
            amount = Decimal(str(line.value("amount") or 0))
        except InvalidOperation:
            continue
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return [{"currency": c, "amount": f"{a:,.2f}"} for c, a in sorted(totals.items())]


def _by_phase(tasks: list[Row]) -> list[tuple[str, list[Row]]]:
    """The action plan's tasks by phase, each sub-task right under its parent."""
    grouped = presenters.tasks_by_phase(
        tasks, phase=lambda t: t.value("phase"), key=attrgetter("id"), parent=lambda t: t.value("parent")
    )
    return [(p["label"], [t for top, subs in p["groups"] for t in (top, *subs)]) for p in grouped]


def _phases(tasks: list[Row]) -> list[dict]:
    """_by_phase as plain data (the document is stored with a PDF job)."""
    return [{"label": label, "tasks": [asdict(t) for t in in_phase]} for label, in_phase in _by_phase(tasks)]


def _risk_matrix(risks: list[Row]) -> dict:
    """The 5x5 matrix (impact 5 at the top, likelihood 1 on the left) with the numbers of the risks in
    each cell, and the key below it: the same numbers as the risks table."""
    numbered = list(enumerate(risks, start=1))
    grid = [
        {
            "impact": row["impact"],
            "cells": [{"numbers": [n for n, _r in c["entries"]], "band": c["band"]} for c in row["cells"]],
        }
        for row in presenters.risk_grid(
            numbered,
            likelihood=lambda nr: nr[1].value("likelihood"),
            impact=lambda nr: nr[1].value("impact"),
        )
    ]
    key = [
        {
            "number": n,
            "description": r.text("description"),
            "likelihood": r.value("likelihood"),
            "impact": r.value("impact"),
        }
        for n, r in numbered
    ]
    return {"grid": grid, "key": key}


def snapshot_pdf_request(snapshot, *, country, approved: bool, filename: str, guide: str | None = None):
    """The PDF of a frozen snapshot (approved, or in review): served from the cache or queued."""
    status, label = ("approved", "Approved") if approved else ("submitted", "In review")
    strategy = snapshot.strategy
    fallback = {"name": strategy.contact_name, "email": strategy.contact_email, "address": strategy.contact_address}
    document = strategy_document(content=snapshot.data, country=country, status=status, label=label, contact=fallback)
    return pdf_request(
        kind="strategy",
        template="pdf/strategy.html",
        document=document,
        filename=filename,
        title=f"{country.name} – {snapshot.data.get('title', '')}",
        alias=snapshot_alias(snapshot.pk, approved, guide),
    )


def snapshot_alias(snapshot_id: int, approved: bool, guide: str | None = None) -> str:
    """Snapshots never change: their id and whether they were approved say everything about their own
    content; the guide's printed text (prompts, glossary, resources, funding statement) and the print
    template may, so they are part of the alias too. `guide`: content_stamp(), when the caller has it."""
    guide = content_stamp() if guide is None else guide
    return f"snapshot:{snapshot_id}:{'approved' if approved else 'submitted'}:{guide}:{template_version()}"


def working_copy_alias(strategy) -> str:
    """Changes whenever anything printed changes: every edit, whatever path made it, moves the strategy's
    updated_at (strategies.services._touch), workflow steps move status or version, assessments carry their
    own timestamp, the guide's printed text its content stamp, and the print template has a version."""
    last_assessment = strategy.assessments.aggregate(t=Max("updated_at"))["t"]
    stamps = f"{strategy.updated_at.timestamp()}:{last_assessment.timestamp() if last_assessment else 0}"
    return f"draft:{strategy.pk}:{strategy.status}:{strategy.version}:{stamps}:{content_stamp()}:{template_version()}"


def working_copy_document(strategy) -> dict:
    """The print document of a country's live draft (what its members download)."""
    return strategy_document(
        content=snapshot_content(strategy),
        country=strategy.country,
        status=strategy.status,
        label=strategy.get_status_display(),
    )


def _date(value) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


def _timeline(tasks: list[Row]) -> dict:
    """The action-plan chart (strategies.presenters.task_timeline, as on the page), as plain data: the
    document is stored with a PDF job."""
    chart = presenters.task_timeline(
        [
            presenters.TimelineTask(
                source=None,
                key=task.id,
                title=task.text("title"),
                phase=task.value("phase"),
                parent=task.value("parent"),
                start=_date(task.value("start")),
                due=_date(task.value("due")),
                status=task.value("status"),
            )
            for task in tasks
        ]
    )
    rows = [{key: value for key, value in row.items() if key != "task"} for row in chart["rows"]]
    return {"rows": rows, "ticks": chart["ticks"]}


def fingerprint(document: dict, template: str = "pdf/strategy.html") -> str:
    payload = json.dumps(
        {"v": template_version(), "template": template, "doc": document},
        sort_keys=True,
        default=str,
        ensure_ascii=False,
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
            logger.exception("PDF job %s (%s) failed", job.pk, job.filename)
            PdfJob.objects.filter(pk=job.pk).update(
                status=PdfJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
            )
        else:
            PdfJob.objects.filter(pk=job.pk).update(status=PdfJob.Status.DONE, finished_at=timezone.now())
        done += 1
    return done


# --- Factsheets and comparisons --------------------------------------------------------------------------


def factsheet_filename(factsheet, *, final: bool) -> str:
    name = f"{factsheet.country.code}-{factsheet.template.key}-{factsheet.language}{'' if final else '-draft'}"
    return name.lower()


def factsheet_pdf_request(factsheet, *, final: bool):
    """The factsheet's PDF, served from the cache or queued (ValidationError when a final PDF is not ready
    to be made: a placeholder or a translation is missing)."""
    document = factsheet_document(factsheet, final=final)
    return pdf_request(
        kind="factsheet",
        template="pdf/factsheet.html",
        document=document,
        filename=factsheet_filename(factsheet, final=final),
        title=f"{factsheet.country.name} – {factsheet.template.title} ({factsheet.language})",
    )


def factsheet_pdf(factsheet, *, final: bool) -> RenderedPdf:
    """Render at once (tests, scripts); web requests queue through factsheet_pdf_request."""
    document = factsheet_document(factsheet, final=final)
    key = fingerprint(document, "pdf/factsheet.html")
    return RenderedPdf.objects.filter(key=key).first() or render_document(
        key=key, kind="factsheet", template="pdf/factsheet.html", document=document, title=document["title"]
    )


def comparison_document(template, views, rows: list[dict]) -> dict:
    """One section of the template side by side for two to four countries (comparisons.services gives the
    rows, read from the snapshots the reader may see)."""
    return {
        "title": f"{template} – " + ", ".join(v.country.name for v in views),
        "note": _("From each country's newest version the reader may see; working drafts are never included."),
        "countries": [f"{v.country.name} (v{v.version})" for v in views],
        "width": round(84 / max(len(views), 1)),
        "rows": [{"prompt": r["prompt"], "cells": [sanitize_html(c["html"]) for c in r["cells"]]} for r in rows],
    }


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
