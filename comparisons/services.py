"""What the comparison pages read: for each strategy, the newest snapshot the user may see.

Everything here reads frozen snapshots (never a working draft), through the same permission policy as
every other page, in a bounded number of queries whatever the number of countries or rows.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import Country
from core.html import plain_text
from guide.models import Preset, Recommendation, SectionPrompt
from reviews.models import Snapshot
from reviews.permissions import visible_snapshots
from strategies import presenters
from strategies import services as strategy_services
from strategies.content import Row, StrategyContent
from strategies.forms import PART_KINDS, REUSABLE_KINDS
from strategies.models import TEMPLATE_SECTIONS


class CountryView:
    """One country's newest visible snapshot. `data` (the frozen content) is loaded only when a page is
    computed, and left out when a computed page is cached: snapshots never change, so neither does it."""

    def __init__(self, snapshot: Snapshot):
        self.country = snapshot.strategy.country
        self.snapshot_id = snapshot.pk
        self.number = snapshot.number
        self.version = snapshot.version
        review = getattr(snapshot, "review", None)
        self.approved = bool(review and review.decision == "approve")
        self.data: dict = {}
        self._content: StrategyContent | None = None

    def __getstate__(self):
        return {**self.__dict__, "data": {}, "_content": None}

    @property
    def content(self) -> StrategyContent:
        """The frozen content, typed (strategies/content.py), parsed once."""
        if self._content is None:
            self._content = StrategyContent.from_dict(self.data)
        return self._content

    def rows(self, kind: str) -> list[Row]:
        return self.content.rows(kind)

    def section(self, key: str) -> dict[str, str]:
        return self.content.section(key)


#: Columns of a section compared side by side: two to four stay readable (page and PDF).
MAX_COLUMNS = 4


def country_codes(values: list[str]) -> set[str]:
    """The ?country= codes a comparison page was asked for."""
    return {value.strip().upper() for value in values if value.strip()}


def chosen(visible: list[CountryView], codes: set[str]) -> list[CountryView]:
    """The visible countries among `codes` (all visible ones when none is named)."""
    return [view for view in visible if view.country.code in codes] if codes else visible


def latest_snapshots(user, codes: list[str] | None = None) -> list[CountryView]:
    """The newest visible snapshot per country, without its content (one small query)."""
    qs = visible_snapshots(user, Snapshot.objects.select_related("strategy__country", "review").defer("data"))
    if codes:
        qs = qs.filter(strategy__country__code__in=codes)
    newest: dict[int, Snapshot] = {}
    for snapshot in qs.order_by("strategy__country__name", "-created_at"):
        newest.setdefault(snapshot.strategy.country_id, snapshot)
    return [CountryView(s) for s in newest.values()]


def load_content(views: list[CountryView]) -> list[CountryView]:
    """Fill in the frozen content of every view in one query."""
    data = dict(Snapshot.objects.filter(pk__in=[v.snapshot_id for v in views]).values_list("pk", "data"))
    for view in views:
        view.data, view._content = data.get(view.snapshot_id, {}), None
    return views


def cache_key(name: str, views: list[CountryView]) -> str:
    return f"compare:{name}:{translation.get_language()}:" + ",".join(str(v.snapshot_id) for v in views)


def cached(name: str, views: list[CountryView], compute):
    """A computed comparison, cached under the ids of the snapshots it reads (immutable, so never stale)."""
    key = cache_key(name, views)
    result = cache.get(key)
    if result is None:
        result = compute(load_content(views))
        cache.set(key, result, 24 * 3600)
    return result


def countries_left_out(visible: list[CountryView]) -> list:
    """Countries with nothing the user may compare (no submitted or approved version they may see), so a
    page never reads as all of Europe when it is not."""
    return list(Country.objects.exclude(pk__in=[v.country.pk for v in visible]).order_by("name"))


def _category(row: Row, known: dict[int, Preset]) -> Preset | None:
    """The guide's group or channel a snapshot row is linked to; None ("other") when it is not linked,
    when the snapshot predates the link, or when the example no longer exists."""
    return known.get(row.value("preset"))


def audience_matrix(views: list[CountryView]) -> dict:
    """Which of the guide's example groups each country targets (by each segment's link to the guide's
    lists, not by its wording), and who has no hard-to-reach group."""
    presets = list(Preset.objects.exclude(kind=Preset.Kind.CHANNEL).order_by("kind", "position"))
    known = {p.pk: p for p in presets}
    rows = []
    for view in views:
        segments = view.rows("segments")
        linked = {_category(s, known) for s in segments}
        hard = [s.text("name") for s in segments if s.value("hard_to_reach")]
        rows.append(
            {
                "view": view,
                "cells": [p in linked for p in presets],
                "hard_to_reach": hard,
                "count": len(segments),
                "other": [s.text("name") for s in segments if _category(s, known) is None],
            }
        )
    return {
        "presets": presets,
        "rows": rows,
        "without_hard_to_reach": [r["view"] for r in rows if not r["hard_to_reach"]],
    }


def channel_matrix(views: list[CountryView]) -> dict:
    """Which of the guide's example channels each country uses, by each channel's link to the list."""
    presets = list(Preset.objects.filter(kind=Preset.Kind.CHANNEL).order_by("position"))
    known = {p.pk: p for p in presets}
    rows = []
    for view in views:
        channels = view.rows("channels")
        linked = {_category(c, known) for c in channels}
        rows.append(
            {
                "view": view,
                "cells": [p in linked for p in presets],
                "other": [c.text("name") for c in channels if _category(c, known) is None],
            }
        )
    return {"presets": presets, "rows": rows}


GROUP_LABELS = {"citizens": _("Citizens"), "professionals": _("Healthcare professionals"), "general": _("General")}


def messages_by_country(views: list[CountryView]) -> list[dict]:
    """Each country's key messages, each with the audience it addresses and that audience's place in the
    guide's lists: "general" (every audience), citizens or professionals, and the guide's group (None
    when the segment is not linked to one)."""
    known = {p.pk: p for p in Preset.objects.exclude(kind=Preset.Kind.CHANNEL)}
    result = []
    for view in views:
        segments = {s.id: s for s in view.rows("segments")}
        messages = []
        for m in view.rows("messages"):
            segment = segments.get(m.value("segment"))
            if segment is None:
                kind, preset = "general", None
            else:
                kind, preset = segment.value("group") or "citizens", _category(segment, known)
            messages.append(
                {
                    "audience": m.text("segment"),
                    "kind": kind,
                    "kind_label": str(GROUP_LABELS.get(kind, kind)),
                    "preset_id": preset.pk if preset else None,
                    "group": preset.name if preset else "",
                    "message": m.text("message"),
                    "points": m.text("supporting_points"),
                    "evidence": m.text("evidence"),
                }
            )
        result.append({"view": view, "messages": messages})
    return result


def audience_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """The key-message page's audience filter, as (option group or "", options): general, citizens,
    professionals, each of the guide's groups, and groups outside the guide's lists."""
    presets = Preset.objects.exclude(kind=Preset.Kind.CHANNEL).order_by("kind", "position")
    grouped: dict[str, list] = {}
    for preset in presets:
        grouped.setdefault(str(preset.get_kind_display()), []).append((f"p{preset.pk}", preset.name))
    return [
        (
            "",
            [
                ("", _("All audiences")),
                ("general", _("General messages (every audience)")),
                ("citizens", _("Citizens (any group)")),
                ("professionals", _("Healthcare professionals (any group)")),
            ],
        ),
        *grouped.items(),
        ("", [("other", _("Groups outside the guide's lists"))]),
    ]


def message_matches(message: dict, audience: str) -> bool:
    if not audience:
        return True
    if audience in ("general", "citizens", "professionals"):
        return message["kind"] == audience
    if audience == "other":
        return message["kind"] != "general" and message["preset_id"] is None
    return audience == f"p{message['preset_id']}"


def kpis_by_metric(views: list[CountryView]) -> dict:
    """KPI targets lined up by metric (same wording across countries lands in one row)."""
    metrics: dict[str, dict] = {}
    for view in views:
        for kpi in view.rows("kpis"):
            metric = kpi.text("metric").strip()
            entry = metrics.setdefault(metric.lower(), {"metric": metric, "by_country": {}})
            entry["by_country"][view.country.code] = kpi.fields
    return {"views": views, "metrics": sorted(metrics.values(), key=lambda m: m["metric"].lower())}


def risk_matrices(views: list[CountryView]) -> list[dict]:
    result = []
    for view in views:
        grid = presenters.risk_grid(
            view.rows("risks"),
            likelihood=lambda r: r.value("likelihood"),
            impact=lambda r: r.value("impact"),
        )
        result.append({"view": view, "grid": grid, "count": len(view.rows("risks")), "rows": view.rows("risks")})
    return result


def recommendation_heatmap(views: list[CountryView]) -> dict:
    recommendations = list(Recommendation.objects.order_by("number"))
    rows = []
    for view in views:
        by_number = {a.number: a for a in view.content.assessments}
        rows.append({"view": view, "cells": [by_number.get(r.number) for r in recommendations]})
    return {"recommendations": recommendations, "rows": rows}


def plan_progress(views: list[CountryView]) -> list[dict]:
    result = []
    for view in views:
        tasks = [t.values for t in view.rows("tasks")]
        row = {"view": view, "phases": []}
        for value, label in presenters.phases():
            in_phase = [t for t in tasks if t.get("phase") == value]
            done = sum(1 for t in in_phase if t.get("status") == "done")
            row["phases"].append(
                {
                    "label": label,
                    "done": done,
                    "total": len(in_phase),
                    "pct": round(100 * done / len(in_phase)) if in_phase else 0,
                }
            )
        result.append(row)
    return result


def section_rows(views: list[CountryView], key: str) -> list[dict]:
    """One section's prompts, each with every country's answer (cached by the snapshots read)."""
    return cached(f"section-{key}", views, lambda loaded: section_columns(loaded, key))


def section_columns(views: list[CountryView], key: str) -> list[dict]:
    prompts = list(SectionPrompt.objects.filter(section__key=key).order_by("position"))
    return [
        {"prompt": p.prompt, "cells": [{"view": v, "html": v.section(key).get(p.field, "")} for v in views]}
        for p in prompts
    ]


def completeness(section_values: dict) -> int:
    if not section_values:
        return 0
    filled = sum(1 for value in section_values.values() if plain_text(value))
    return round(100 * filled / len(section_values))


SECTION_KEYS = [model.key for model in TEMPLATE_SECTIONS]

#: Column headings of the Europe dashboard: short enough for twelve columns (the full title on hover
#: and for screen readers).
SHORT_TITLES = {
    "executive_summary": _("Summary"),
    "introduction": _("Intro"),
    "objectives": _("Objectives"),
    "target_audience": _("Audience"),
    "key_messages": _("Messages"),
    "channels": _("Channels"),
    "content_strategy": _("Content"),
    "stakeholder_engagement": _("Stakeholders"),
    "implementation_plan": _("Plan"),
    "monitoring_evaluation": _("M&E"),
    "risk_management": _("Risks"),
    "conclusion": _("Conclusion"),
}


def part_copy_from_snapshot(*, snapshot: Snapshot, kind: str, row_id: int, strategy, user):
    """Copy one row of another country's approved strategy into `strategy` (the user's own draft), with its
    origin recorded. Links to other rows (a message's audience, a KPI's objective) are not carried over:
    they point into the other country's plan; the link to the guide's lists is (it is the same for all)."""
    if kind not in REUSABLE_KINDS:
        raise ValidationError("That kind of row cannot be reused.")
    review = getattr(snapshot, "review", None)
    if not (review and review.decision == "approve"):
        raise PermissionDenied("Only approved strategies are shared.")
    if not policy.can_edit(user, strategy) or snapshot.strategy.country_id == strategy.country_id:
        raise PermissionDenied("You can copy only into another country's draft you edit.")
    content = StrategyContent.from_dict(snapshot.data)
    row = content.row(kind, row_id)
    if row is None:
        raise ValidationError("That row is not in this strategy.")
    model, fields = PART_KINDS[kind]
    values = {}
    for name in fields:
        field = model._meta.get_field(name)
        if field.is_relation:
            if field.related_model is Preset:
                values[name] = Preset.objects.filter(pk=row.value(name)).first()
            continue
        value = row.value(name)
        values[name] = field.to_python(value) if value is not None else value
    origin = f"{snapshot.strategy.country.name} – {content.title} (approved, v{snapshot.version})"
    return strategy_services.part_create(model=model, strategy=strategy, user=user, copied_from=origin[:300], **values)
