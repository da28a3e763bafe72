"""Reads of the comparison pages that are not comparisons of snapshots: the Europe dashboard's progress and
monitoring per country, cached under a stamp that moves whenever anything shown changes."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Max, Prefetch, Q

from accounts.models import Country
from comparisons import services
from guide.models import TEMPLATE_SECTION_COUNT, SectionTemplate
from monitoring import selectors as monitoring_selectors
from reviews.models import Snapshot
from strategies.models import TEMPLATE_SECTIONS, Strategy

SECTION_RELATIONS = [model.related_name() for model in TEMPLATE_SECTIONS]


def template_sections():
    """The twelve template sections (not the appendices): what can be compared side by side."""
    return SectionTemplate.objects.filter(number__lte=TEMPLATE_SECTION_COUNT)


def countries():
    return Country.objects.only("code", "name").order_by("name")


def dashboard_titles() -> list[SectionTemplate]:
    """The twelve template sections with their short column titles."""
    titles = list(SectionTemplate.objects.filter(number__lte=TEMPLATE_SECTION_COUNT).order_by("number"))
    for title in titles:
        title.short = services.SHORT_TITLES.get(title.key, title.title)
    return titles


def dashboard_stamp() -> str:
    """Moves whenever a strategy, a section, a row or its monitoring data changes, a snapshot is made, or an
    admin changes a country's 1+MG flags."""
    stamp = Strategy.objects.aggregate(n=Count("id"), last=Max("updated_at"), snaps=Max("snapshots__id"))
    last = stamp["last"].timestamp() if stamp["last"] else 0
    flags = Country.objects.aggregate(
        s=Count("id", filter=Q(is_signatory=True)), o=Count("id", filter=Q(is_operational=True))
    )
    return f"{stamp['n']}:{last}:{stamp['snaps']}:{flags['s']}:{flags['o']}"


def progress_by_country() -> dict[int, dict]:
    """Status and completeness of each country's newest strategy. Recomputed only when some strategy
    changed (every edit moves its updated_at), so the dashboard stays fast at 28 full strategies."""
    key = f"compare:dashboard:{dashboard_stamp()}"
    progress = cache.get(key)
    if progress is not None:
        return progress
    progress = {}
    snapshots = Prefetch("snapshots", queryset=Snapshot.objects.only("id", "number", "strategy_id"))
    queryset = Strategy.objects.select_related(*SECTION_RELATIONS).prefetch_related(snapshots).order_by("updated_at")
    for strategy in queryset:  # the most recently changed strategy of each country wins
        sections = strategy.template_sections()
        snaps = list(strategy.snapshots.all())
        progress[strategy.country_id] = {
            "status": strategy.status,
            "status_label": strategy.get_status_display(),
            "updated_at": strategy.updated_at,
            "snapshot_id": max(snaps, key=lambda s: s.number).pk if snaps else None,
            "cells": [(section.key, section.completeness) for section in sections],
            "total": round(sum(section.completeness for section in sections) / len(TEMPLATE_SECTIONS)),
        }
    cache.set(key, progress, 24 * 3600)
    return progress


def monitoring_by_country() -> dict[int, dict]:
    """KPI status, on-time rate, readiness checks and reports per country, cached like the rest."""
    key = f"compare:dashboard-monitoring:{dashboard_stamp()}"
    found = cache.get(key)
    if found is None:
        found = monitoring_selectors.europe_progress()
        cache.set(key, found, 24 * 3600)
    return found


def dashboard_rows(
    status: str, signatory: bool, operational: bool, sort: str, codes: list[str] | None = None, **_ignored
) -> list[dict]:
    """One row per country (or per country of `codes`), filtered and sorted as the dashboard's form asks."""
    progress = progress_by_country()
    running = monitoring_by_country()
    rows = []
    for country in Country.objects.all():
        entry = progress.get(country.pk)
        rows.append(
            {
                "country": country,
                "strategy": entry,
                "snapshot_id": entry["snapshot_id"] if entry else None,
                "cells": entry["cells"] if entry else [],
                "total": entry["total"] if entry else 0,
                "monitoring": running.get(country.pk),
            }
        )
    if status:
        rows = [r for r in rows if (r["strategy"]["status"] if r["strategy"] else "none") == status]
    if signatory:
        rows = [r for r in rows if r["country"].is_signatory]
    if operational:
        rows = [r for r in rows if r["country"].is_operational]
    keys = {
        "country": lambda r: r["country"].name,
        "total": lambda r: -r["total"],
        "status": lambda r: r["strategy"]["status"] if r["strategy"] else "~",
        "changed": lambda r: -(r["strategy"]["updated_at"].timestamp() if r["strategy"] else 0),
    }
    if codes:
        rows = [r for r in rows if r["country"].code in codes]
    return sorted(rows, key=keys.get(sort, keys["country"]))


def monitoring_cells(entry: dict | None) -> list:
    if not entry:
        return [""] * 6
    rate = entry["on_time_rate"]
    return [
        entry["kpis"]["on_track"],
        entry["kpis"]["at_risk"],
        entry["kpis"]["off_track"],
        "" if rate is None else rate,
        entry["checks_met"],
        entry["reports_approved"],
    ]
