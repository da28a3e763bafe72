"""Strategy PDFs: gather the content once, fingerprint it, render it once, serve it from then on."""

from __future__ import annotations

import datetime
import functools
import hashlib
import json
import logging
import time
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from operator import attrgetter
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django_tasks import TaskResultStatus

from accounts.models import GUIDE_LANGUAGE
from core.html import sanitize_html
from exports.models import RenderedPdf
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


def snapshot_document(snapshot, *, approved: bool) -> dict:
    """The print document of a frozen snapshot (approved, or in review)."""
    status, label = ("approved", "Approved") if approved else ("submitted", "In review")
    strategy = snapshot.strategy
    fallback = {"name": strategy.contact_name, "email": strategy.contact_email, "address": strategy.contact_address}
    return strategy_document(
        content=snapshot.data, country=strategy.country, status=status, label=label, contact=fallback
    )


def snapshot_pdf_request(snapshot, *, approved: bool, guide: str | None = None, retry: bool = False):
    """The PDF of a frozen snapshot: ("ready", RenderedPdf) from the cache, else its render task (queued
    once, by the snapshot's id: the worker gathers the document, the request does not)."""
    alias = snapshot_alias(snapshot.pk, approved, guide)
    cached = cached_by_alias(alias)
    if cached is not None:
        return "ready", cached
    from exports import tasks

    return _job_state(f"alias:{alias}", tasks.render_snapshot_pdf, snapshot.pk, approved, retry=retry)


def snapshot_alias(snapshot_id: int, approved: bool, guide: str | None = None) -> str:
    """Snapshots never change: their id and whether they were approved say everything about their own
    content; the guide's printed text (prompts, glossary, resources, funding statement) and the print
    template may, so they are part of the alias too. `guide`: content_stamp(), when the caller has it."""
    guide = content_stamp() if guide is None else guide
    return f"snapshot:{snapshot_id}:{'approved' if approved else 'submitted'}:{guide}:{template_version()}"


def working_copy_alias(strategy, guide: str | None = None) -> str:
    """Changes whenever anything printed changes: every edit, whatever path made it, moves the strategy's
    updated_at (strategies.services._touch), workflow steps move status or version, assessments carry their
    own timestamp, the guide's printed text its content stamp, and the print template has a version."""
    last_assessment = strategy.assessments.aggregate(t=Max("updated_at"))["t"]
    stamps = f"{strategy.updated_at.timestamp()}:{last_assessment.timestamp() if last_assessment else 0}"
    guide = content_stamp() if guide is None else guide
    return f"draft:{strategy.pk}:{strategy.status}:{strategy.version}:{stamps}:{guide}:{template_version()}"


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


def fingerprint(document: dict, template: str = "pdf/strategy.html", alias: str = "") -> str:
    """The key a PDF is kept under. With an alias, its kind (`draft`, `snapshot`) is part of it: a working
    copy reads exactly like its snapshot just after a submission or an approval, and one shared row would
    pass its alias back and forth between them (each time the other's download missed its cache)."""
    identity = {"v": template_version(), "template": template, "doc": document}
    if alias:
        identity["scope"] = alias.split(":", 1)[0]
    payload = json.dumps(identity, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(payload.encode()).hexdigest()


def render_document(*, key: str, kind: str, template: str, document: dict, title: str, alias: str = "") -> RenderedPdf:
    """Render now and keep the result. Holds no database transaction open while WeasyPrint works: the
    data was gathered before, the row is written after (a concurrent render of the same key loses)."""
    html = render_to_string(template, {"doc": document, "generated": timezone.now()})
    started = time.perf_counter()
    content, pages = run_with_time_limit(render_pdf, html, seconds=settings.PDF_RENDER_TIMEOUT)
    # One INSERT: the caller has just looked for this key (get_or_create would look again first).
    try:
        with transaction.atomic():
            return RenderedPdf.objects.create(
                key=key,
                alias=alias,
                kind=kind,
                title=title[:300],
                content=content,
                pages=pages,
                render_seconds=time.perf_counter() - started,
            )
    except IntegrityError:  # a concurrent render of the same content was stored first: serve that one
        return RenderedPdf.objects.get(key=key)


def cached_by_alias(alias: str) -> RenderedPdf | None:
    return RenderedPdf.objects.filter(alias=alias).order_by("-created_at").first() if alias else None


def render_snapshot(snapshot, *, approved: bool) -> RenderedPdf:
    """Render a snapshot's PDF now, unless it is in the cache already (the worker's task; tests)."""
    alias = snapshot_alias(snapshot.pk, approved)
    cached = cached_by_alias(alias)
    if cached is not None:
        return cached
    document = snapshot_document(snapshot, approved=approved)
    return _render_or_reuse(
        document,
        kind="strategy",
        template="pdf/strategy.html",
        title=f"{snapshot.strategy.country.name} – {snapshot.data.get('title', '')}",
        alias=alias,
    )


def render_working_copy(strategy) -> RenderedPdf:
    """Render the working copy's PDF as it is now, unless it is in the cache already (the schedule's
    pre-render of idle drafts)."""
    alias = working_copy_alias(strategy)
    cached = cached_by_alias(alias)
    if cached is not None:
        return cached
    return _render_or_reuse(
        working_copy_document(strategy),
        kind="strategy",
        template="pdf/strategy.html",
        title=f"{strategy.country.name} – {strategy.title}",
        alias=alias,
    )


def _render_or_reuse(document: dict, *, kind: str, template: str, title: str, alias: str) -> RenderedPdf:
    key = fingerprint(document, template, alias)
    cached = RenderedPdf.objects.filter(key=key).first()
    if cached is not None:
        if alias and cached.alias != alias:
            RenderedPdf.objects.filter(pk=cached.pk).update(alias=alias)
        return cached
    return render_document(key=key, kind=kind, template=template, document=document, title=title, alias=alias)


def prerender_idle_working_copies(now: datetime.datetime | None = None) -> int:
    """Queue the PDF of every working copy nobody has changed for PDF_PRERENDER_IDLE_MINUTES whose content
    as it stands has no PDF yet, so its members' download is ready before they ask. Once per content: the
    alias moves with every change, and a render queued or failed before is not queued again. Returns how
    many working copies are waiting for their render."""
    if not settings.PDF_PRERENDER:
        return 0
    from exports import tasks

    now = now or timezone.now()
    idle = now - datetime.timedelta(minutes=settings.PDF_PRERENDER_IDLE_MINUTES)
    guide = content_stamp()
    aliases = {
        working_copy_alias(strategy, guide): strategy
        for strategy in Strategy.objects.filter(updated_at__lte=idle).order_by("-updated_at")
    }
    rendered = set(RenderedPdf.objects.filter(alias__in=aliases).values_list("alias", flat=True))
    waiting = 0
    for alias, strategy in aliases.items():
        if alias not in rendered:
            state, _job = _job_state(f"alias:{alias}", tasks.render_working_copy_pdf, strategy.pk)
            waiting += state == "pending"
    return waiting


# --- Render jobs: Django tasks (exports/tasks.py), followed by the progress page ---------------------------

#: How long the web side remembers which task renders which content (any app machine: the shared cache).
#: Forgotten, the next request for a PDF not yet made simply queues it again.
JOB_MEMORY_SECONDS = 24 * 3600


@dataclass(frozen=True)
class RenderJob:
    """What the progress page shows of a render task (exports/tasks.py), whatever the task backend."""

    id: str
    status: str  # queued, running, done, failed
    error: str = ""
    timed_out: bool = False
    attempts: int = 0

    @property
    def pk(self) -> str:
        return self.id

    @classmethod
    def of(cls, result) -> RenderJob:
        status = {
            TaskResultStatus.READY: "queued",
            TaskResultStatus.RUNNING: "running",
            TaskResultStatus.SUCCESSFUL: "done",
            TaskResultStatus.FAILED: "failed",
        }[result.status]
        error, timed_out = "", False
        if status == "failed" and result.errors:
            last = result.errors[-1]
            timed_out = last.exception_class_path.endswith("RenderTimedOut")
            # The traceback's last line is "module.Class: message"; the message is what the person reads.
            line = last.traceback.strip().splitlines()[-1] if last.traceback.strip() else ""
            error = line.split(": ", 1)[1] if ": " in line else line
        return cls(id=str(result.id), status=status, error=error[:2000], timed_out=timed_out, attempts=result.attempts)


def render_job(job_id: str) -> RenderJob | None:
    """The render task with this id (None once the task store has forgotten it)."""
    from django_tasks import default_task_backend
    from django_tasks.exceptions import TaskResultDoesNotExist

    try:
        return RenderJob.of(default_task_backend.get_result(job_id))
    except (TaskResultDoesNotExist, ValueError):
        return None


def _job_state(name: str, task, *args, retry: bool = False, **kwargs) -> tuple[str, RenderJob]:
    """("pending", job) or ("failed", job) for the render called `name`: its task, queued once. A failed
    render stays failed for everyone who asks (the same content fails the same way; queueing it on every
    visit would hold a worker each time) until someone presses "Try again" (`retry`)."""
    memory = f"exports:job:{hashlib.sha256(name.encode()).hexdigest()}"
    job_id = cache.get(memory)
    job = render_job(job_id) if job_id else None
    if job is not None and job.status in ("queued", "running"):
        return "pending", job
    if job is not None and job.status == "failed" and not retry:
        return "failed", job
    # Not queued yet, tried again, or done while the caller still finds no PDF (its row was deleted, or
    # the same content was filed under another alias since): queue it (again). A render already in the
    # cache under its fingerprint is only filed under the alias again, not rendered.
    result = task.enqueue(*args, **kwargs)
    cache.set(memory, str(result.id), JOB_MEMORY_SECONDS)
    return "pending", RenderJob.of(result)


def pdf_request(
    *, kind: str, template: str, document: dict, filename: str, title: str, alias: str = "", retry: bool = False
):
    """("ready", RenderedPdf) when this exact content was rendered before, else ("pending", RenderJob): a
    render task is queued once for the worker and the caller shows progress; ("failed", RenderJob) when the
    render of this content failed (`retry`: queue it again)."""
    key = fingerprint(document, template, alias)
    cached = RenderedPdf.objects.filter(key=key).first()
    if cached is not None:
        if alias and cached.alias != alias:
            RenderedPdf.objects.filter(pk=cached.pk).update(alias=alias)
        return "ready", cached
    from exports import tasks

    return _job_state(
        f"key:{key}",
        tasks.render_pdf,
        key=key,
        kind=kind,
        template=template,
        document=document,
        title=title or filename,
        alias=alias,
        retry=retry,
    )


# --- Factsheets and comparisons --------------------------------------------------------------------------


def factsheet_filename(factsheet, *, final: bool) -> str:
    name = f"{factsheet.country.code}-{factsheet.template.key}-{factsheet.language}{'' if final else '-draft'}"
    return name.lower()


def factsheet_pdf_request(factsheet, *, final: bool, retry: bool = False):
    """The factsheet's PDF, served from the cache or queued (ValidationError when a final PDF is not ready
    to be made: a placeholder or a translation is missing)."""
    document = factsheet_document(factsheet, final=final)
    return pdf_request(
        kind="factsheet",
        template="pdf/factsheet.html",
        document=document,
        filename=factsheet_filename(factsheet, final=final),
        title=f"{factsheet.country.name} – {factsheet.template.title} ({factsheet.language})",
        retry=retry,
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
