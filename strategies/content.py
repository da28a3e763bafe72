"""A strategy's content as a snapshot freezes it, built in one place.

`strategy_content(strategy)` serialises the working copy to the plain dict a `Snapshot` stores (and the PDF of a
working copy reads). `StrategyContent.from_dict(data)` parses such a dict, of any age, into dataclasses: every
reader of frozen content (comparisons, exports) asks the dataclasses, not the dict's string keys, and an older
snapshot that lacks a newer key reads as empty rather than failing.

The dict's shape: {"title", "country", "version", "language", "period", "contact": {name, email, address},
"sections": {key: {field: html}}, "parts": {kind: [{"id", "fields": {name: text as people read it},
"values": {name: stored value}}]}, "assessments": [{"number", "title", "status", "status_label", "evidence"}]}.
A snapshot also holds what higher layers add when they freeze it (reviews.services.snapshot_content): "readings",
each KPI's readings and status from monitoring ([{"metric", "baseline", "target", "status", "status_label",
"reason", "start", "end", "readings": [[date, value, status]]}], read here as plain dicts since this layer cannot
know monitoring's models), and "readiness", the guide's checks as they stood on submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from core.formatting import format_locale
from strategies.forms import PART_KINDS
from strategies.models import SECTION_MODELS, Strategy
from strategies.services import values_of
from strategies.templatetags.strategy_tags import display


@dataclass(frozen=True)
class Row:
    """One row of a structured part: `fields` as people read them, `values` as stored (ids, numbers, dates)."""

    id: int | None
    fields: dict[str, str] = field(default_factory=dict)
    values: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict) -> Row:
        return cls(id=data.get("id"), fields=dict(data.get("fields") or {}), values=dict(data.get("values") or {}))

    def text(self, name: str) -> str:
        """A field as people read it ("" when the snapshot predates it)."""
        return str(self.fields.get(name) or "")

    def value(self, name: str, default: Any = None) -> Any:
        """A stored value (`default` when the snapshot predates it)."""
        return self.values.get(name, default)


@dataclass(frozen=True)
class Assessment:
    """How the strategy addresses one of the six B1MG recommendations."""

    number: int
    title: str = ""
    status: str = ""
    status_label: str = ""
    evidence: str = ""

    @classmethod
    def from_dict(cls, data: dict) -> Assessment:
        return cls(
            **{name: data[name] for name in ("number", "title", "status", "status_label", "evidence") if name in data}
        )


@dataclass(frozen=True)
class StrategyContent:
    """Frozen content, typed."""

    title: str = ""
    country: str = ""
    version: int | None = None
    language: str = ""
    period: str = ""
    contact: dict[str, str] = field(default_factory=dict)
    sections: dict[str, dict[str, str]] = field(default_factory=dict)
    parts: dict[str, list[Row]] = field(default_factory=dict)
    assessments: list[Assessment] = field(default_factory=list)
    #: KPI readings frozen with the snapshot (monitoring; empty for a snapshot older than them).
    readings: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, data: dict | None) -> StrategyContent:
        data = data or {}
        return cls(
            title=data.get("title", ""),
            country=data.get("country", ""),
            version=data.get("version"),
            language=data.get("language", ""),
            period=data.get("period", ""),
            contact=dict(data.get("contact") or {}),
            sections={key: dict(values or {}) for key, values in (data.get("sections") or {}).items()},
            parts={kind: [Row.from_dict(r) for r in rows or []] for kind, rows in (data.get("parts") or {}).items()},
            assessments=[Assessment.from_dict(a) for a in data.get("assessments") or [] if "number" in a],
            readings=[dict(r) for r in data.get("readings") or [] if isinstance(r, dict)],
        )

    def rows(self, kind: str) -> list[Row]:
        return self.parts.get(kind, [])

    def row(self, kind: str, row_id: int) -> Row | None:
        return next((r for r in self.rows(kind) if r.id == row_id), None)

    def section(self, key: str) -> dict[str, str]:
        return self.sections.get(key, {})


def strategy_content(strategy: Strategy) -> dict:
    """The whole strategy as plain data: sections, structured parts (as people read them), assessments.
    Dates in it read the same whoever submits (not in the submitter's browser format): it is frozen."""
    with format_locale(None):
        return _content(strategy)


def _content(strategy: Strategy) -> dict:
    sections = {}
    for model in SECTION_MODELS:
        section = model.objects.get(strategy=strategy)
        sections[model.key] = values_of(section)
    parts = {}
    for kind, (model, fields) in PART_KINDS.items():
        related = [f.name for f in model._meta.concrete_fields if f.is_relation and f.name != "strategy"]
        rows = model.objects.filter(strategy=strategy).select_related(*related).order_by("position", "id")
        parts[kind] = [
            {"id": row.pk, "fields": {name: display(row, name) for name in fields}, "values": {}} for row in rows
        ]
        for row, data in zip(rows, parts[kind], strict=True):
            data["values"] = values_of(row)
    assessments = [
        {
            "number": a.recommendation.number,
            "title": a.recommendation.title,
            "status": a.status,
            "status_label": a.get_status_display(),
            "evidence": a.evidence,
        }
        for a in strategy.assessments.select_related("recommendation")
    ]
    return {
        "title": strategy.title,
        "country": strategy.country.name,
        "version": strategy.version,
        "language": strategy.language,
        "period": strategy.period_label,
        "contact": {
            "name": strategy.contact_name,
            "email": strategy.contact_email,
            "address": strategy.contact_address,
        },
        "sections": sections,
        "parts": parts,
        "assessments": assessments,
    }
