"""Strategy PDFs: gather the content once, fingerprint it, render it once, serve it from then on."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging
import time
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.conf import settings
from django.db import connection, models, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst

from exports.models import PdfJob, RenderedPdf
from exports.pdf import render_pdf, run_with_time_limit
from guide.models import GlossaryTerm, GuideText, Resource, SectionPrompt, SectionTemplate
from onemg_planner.limits import date_in_range
from strategies.forms import PART_KINDS
from strategies.services import sanitize_html

logger = logging.getLogger(__name__)

#: Bump when what strategy_document() gathers changes shape; the templates' own changes are picked up by
#: the fingerprint of their text below, so a cached PDF is never served from an older layout.
DOCUMENT_VERSION = "4"


def _layout_fingerprint() -> str:
    from django.conf import settings

    base = Path(settings.BASE_DIR)
    files = sorted((base / "templates" / "pdf").glob("*.html")) + [base / "static" / "css" / "print.css"]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


TEMPLATE_VERSION = f"{DOCUMENT_VERSION}-{_layout_fingerprint()}"

WATERMARKS = {"draft": "DRAFT", "changes_requested": "DRAFT", "submitted": "IN REVIEW", "approved": ""}

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
PHASES = (("initiate", "Initiate"), ("execute", "Execute"), ("evaluate", "Evaluate and report"))
STATUS_LEGEND = (("todo", "To do"), ("in_progress", "In progress"), ("blocked", "Blocked"), ("done", "Done"))


def strategy_document(*, content: dict, country, status: str, label: str, contact: dict | None = None) -> dict:
    """Everything the print template shows, as plain data (this is also what the cache key covers).
    `contact` stands in for a snapshot frozen before strategies had a national contact."""
    parts = content.get("parts", {})
    prompts: dict[str, list] = {}
    for prompt in SectionPrompt.objects.select_related("section").order_by("section__number", "position"):
        prompts.setdefault(prompt.section.key, []).append((prompt.field, prompt.prompt))
    contact = content.get("contact") or contact or {}
    sections = []
    for template in SectionTemplate.objects.order_by("number"):
        answers = content["sections"].get(template.key, {})
        fields = [(f, text) for f, text in prompts.get(template.key, []) if f != "contact_information"]
        section = {
            "key": template.key,
            "number": template.number,
            "title": str(template),
            "appendix": template.number > 12,
            "prompts": [{"prompt": text, "html": sanitize_html(answers.get(field, ""))} for field, text in fields],
            "tables": [table for kind in SECTION_TABLES.get(template.key, []) if (table := _table(kind, parts))],
        }
        if template.key == "implementation_plan":
            section["budget_totals"] = _budget_totals(parts.get("budget", []))
            section["phases"] = _phases(parts.get("tasks", []))
            section["timeline"] = _timeline(parts.get("tasks", []))
        if template.key == "monitoring_evaluation":
            section["readings"] = content.get("readings", [])  # KPI readings (issue #14)
        if template.key == "risk_management":
            section["matrix"] = _risk_matrix(parts.get("risks", []))
        if template.key == "appendices":
            section["contact_text"] = sanitize_html(answers.get("contact_information", ""))
        sections.append(section)
    return {
        "country": country.name,
        "country_code": country.code,
        "website": getattr(country, "website", ""),
        "language": content.get("language", "en"),
        "title": content.get("title", ""),
        "period": content.get("period", ""),
        "version": content.get("version", 1),
        "status": status,
        "status_label": label,
        "watermark": WATERMARKS.get(status, "DRAFT"),
        "sections": sections,
        "status_legend": STATUS_LEGEND,
        "assessments": content.get("assessments", []),
        "resources": list(Resource.objects.values("title", "description", "url", "group")),
        "glossary": list(GlossaryTerm.objects.values("term", "definition")),
        "contact": {key: contact.get(key, "") for key in ("name", "email", "address")},
        "texts": {t.key: t.text for t in GuideText.objects.filter(key__in=["funding_statement"])},
    }


_NAMING_FIELDS = {"name", "title", "item", "role", "metric"}


def _table(kind: str, parts: dict) -> dict | None:
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
        rows = sorted(rows, key=lambda row: row["values"].get("planned_date") or "9")
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
            score = _score(row)
            entry["cells"].insert(at, {"text": f"{score} ({_band(score)})" if score else "", "num": False})
            entry["cells"].insert(0, {"text": str(number), "num": True})
    return table


def _score(risk: dict) -> int:
    try:
        return int(risk["values"].get("likelihood") or 0) * int(risk["values"].get("impact") or 0)
    except (TypeError, ValueError):
        return 0


def _band(score: int) -> str:
    return "high" if score >= 15 else "medium" if score >= 6 else "low"


def _cell(kind: str, field: str, row: dict) -> str:
    if field == "amount":
        try:
            return f"{Decimal(str(row['values'].get('amount') or 0)):,.2f}"
        except (InvalidOperation, ValueError):
            return str(row["fields"].get(field, ""))
    if kind in ("segments", "channels") and field == "preset" and not row["fields"].get(field):
        return "Other"
    if kind in ("messages", "tactics") and field == "segment" and not row["fields"].get(field):
        return "General (every audience)"
    return str(row["fields"].get(field, "") or "")


def _budget_totals(lines: list[dict]) -> list[dict]:
    """The budget's total in each currency it uses (amounts in different currencies are never added)."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        currency = (line["values"].get("currency") or "").upper() or "—"
        try:
            amount = Decimal(str(line["values"].get("amount") or 0))
        except InvalidOperation:
            continue
        totals[currency] = totals.get(currency, Decimal(0)) + amount
    return [{"currency": c, "amount": f"{a:,.2f}"} for c, a in sorted(totals.items())]


def _phases(tasks: list[dict]) -> list[dict]:
    """The action plan's tasks by phase, each sub-task right under its parent."""
    phases = []
    for value, label in PHASES:
        in_phase = [t for t in tasks if t["values"].get("phase") == value]
        ids = {t["id"] for t in in_phase}
        ordered = []
        for top in (t for t in in_phase if t["values"].get("parent") not in ids):
            ordered.append(top)
            ordered.extend(t for t in in_phase if t["values"].get("parent") == top["id"])
        phases.append({"label": label, "tasks": ordered})
    return phases


def _risk_matrix(risks: list[dict]) -> dict:
    """The 5x5 matrix (impact 5 at the top, likelihood 1 on the left) with the numbers of the risks in
    each cell, and the key below it: the same numbers as the risks table."""
    numbered = list(enumerate(risks, start=1))
    grid = []
    for impact in range(5, 0, -1):
        cells = []
        for likelihood in range(1, 6):
            numbers = [
                n
                for n, r in numbered
                if (r["values"].get("impact"), r["values"].get("likelihood")) == (impact, likelihood)
            ]
            cells.append({"numbers": numbers, "band": _band(impact * likelihood)})
        grid.append({"impact": impact, "cells": cells})
    key = [
        {
            "number": n,
            "description": r["fields"].get("description", ""),
            "likelihood": r["values"].get("likelihood"),
            "impact": r["values"].get("impact"),
        }
        for n, r in numbered
    ]
    return {"grid": grid, "key": key}


def snapshot_pdf_request(snapshot, *, country, approved: bool, filename: str):
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
    """The action-plan chart: a bar per dated task, in percent of the plan's span, in the order of the
    phase tables (sub-tasks right under their parent, a heading row per phase), with a tick and a label
    at the start of every year and the months at both ends."""

    def dates(task):
        start, due = task["values"].get("start"), task["values"].get("due")
        try:
            first = datetime.date.fromisoformat(start or due)
            last = datetime.date.fromisoformat(due or start)
        except (TypeError, ValueError):
            return None
        if not (date_in_range(first) and date_in_range(last)):  # rows stored before the range existed
            return None
        return first, max(first, last)

    dated = {t["id"]: d for t in tasks if (d := dates(t))}
    if not dated:
        return {"rows": [], "ticks": []}
    begin = min(d[0] for d in dated.values()).replace(day=1)
    end = max(d[1] for d in dated.values())
    span = max((end - begin).days, 1)

    def percent(day: datetime.date) -> float:
        return round(100 * (day - begin).days / span, 1)

    rows = []
    for phase in _phases(tasks):
        in_chart = [t for t in phase["tasks"] if t["id"] in dated]
        if not in_chart:
            continue
        rows.append({"phase": phase["label"]})
        for task in in_chart:
            first, last = dated[task["id"]]
            rows.append(
                {
                    "title": task["fields"].get("title", ""),
                    "sub": bool(task["values"].get("parent")),
                    "status": task["values"].get("status"),
                    "left": percent(first),
                    "width": max(round(100 * (last - first).days / span, 1), 0.8),
                }
            )
    ticks = [{"label": begin.strftime("%b %Y"), "left": 0.0, "anchor": "start"}]
    for year in range(begin.year + 1, end.year + 1):
        left = percent(datetime.date(year, 1, 1))
        if 0 < left < 100:
            ticks.append({"label": str(year), "left": left, "anchor": "end" if left > 92 else "start"})
    if ticks[-1]["left"] < 80:  # say where the plan ends, unless a year label is already there
        ticks.append({"label": end.strftime("%b %Y"), "left": 100.0, "anchor": "end"})
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
            logger.exception("PDF job %s (%s) failed", job.pk, job.filename)
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
