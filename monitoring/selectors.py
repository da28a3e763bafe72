"""Reads of the monitoring data, as the pages, the progress report and the Europe dashboard show them."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.db.models.query import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from guide.models import Phase
from monitoring import charts, status
from monitoring.checks import run_checks
from monitoring.models import KPIReading, Lesson, ProgressReport, RiskReview, SuccessStory
from strategies.models import KPI, ContentItem, Risk, Strategy, Task


@dataclass
class KPIRow:
    kpi: KPI
    readings: list[KPIReading]
    statuses: list[status.Status]
    latest: KPIReading | None
    status: status.Status
    chart: str = ""

    @property
    def reading_rows(self):
        return list(zip(self.readings, self.statuses, strict=True))


def kpi_rows(strategy: Strategy, *, until: datetime.date | None = None, charts_too: bool = True) -> list[KPIRow]:
    """Every KPI with its readings (up to `until`), the status of each and of the latest, and its chart."""
    readings = KPIReading.objects.order_by("date", "id")
    if until is not None:
        readings = readings.filter(date__lte=until)
    kpis = strategy.kpis.select_related("objective").prefetch_related(Prefetch("readings", queryset=readings))
    rows = []
    start, end = strategy.period_start, strategy.period_end
    for kpi in kpis:
        taken = list(kpi.readings.all())
        statuses = [
            status.status_of(baseline=kpi.baseline, target=kpi.target, value=r.value, on=r.date, start=start, end=end)
            for r in taken
        ]
        latest = taken[-1] if taken else None
        current = (
            statuses[-1]
            if taken
            else status.status_of(baseline=kpi.baseline, target=kpi.target, value=None, on=None, start=start, end=end)
        )
        row = KPIRow(kpi=kpi, readings=taken, statuses=statuses, latest=latest, status=current)
        if charts_too:
            row.chart = charts.kpi_chart(
                title=_("%(metric)s: readings against the path to the target") % {"metric": kpi.metric},
                readings=[(r.date, r.value, s.code) for r, s in zip(taken, statuses, strict=True)],
                baseline=status.parse_number(kpi.baseline),
                target=status.parse_number(kpi.target),
                start=start,
                end=end,
                chart_id=f"kpi-{kpi.pk}",
            )
        rows.append(row)
    return rows


def status_counts(rows: list[KPIRow]) -> dict[str, int]:
    counts = dict.fromkeys(status.LABELS, 0)
    for row in rows:
        counts[row.status.code] += 1
    return counts


@dataclass
class PhaseProgress:
    phase: str
    label: str
    total: int = 0
    on_time: int = 0
    late: int = 0
    overdue: int = 0
    open: int = 0
    overdue_tasks: list = field(default_factory=list)

    @property
    def done(self) -> int:
        return self.on_time + self.late


def task_progress(strategy: Strategy, today: datetime.date | None = None) -> list[PhaseProgress]:
    """Per phase: tasks done on time (done on or before the due date), done late, overdue (not done, due
    before today) and still open. A task without a due date counts as on time once done."""
    today = today or timezone.localdate()
    phases = {value: PhaseProgress(value, str(label)) for value, label in Phase.choices}
    for task in strategy.tasks.select_related("owner", "completion").order_by("due", "id"):
        row = phases[task.phase]
        row.total += 1
        if task.status == Task.Status.DONE:
            completion = getattr(task, "completion", None)
            done_on = completion.done_on if completion else timezone.localdate(task.updated_at)
            if task.due is None or done_on <= task.due:
                row.on_time += 1
            else:
                row.late += 1
        elif task.due is not None and task.due < today:
            row.overdue += 1
            row.overdue_tasks.append(task)
        else:
            row.open += 1
    return list(phases.values())


def on_time_rate(phases: list[PhaseProgress]) -> int | None:
    """Share of the tasks that are due or done which were done on time (%); None when nothing is due yet."""
    counted = sum(p.on_time + p.late + p.overdue for p in phases)
    if not counted:
        return None
    return round(100 * sum(p.on_time for p in phases) / counted)


@dataclass
class RiskRow:
    risk: Risk
    reviews: list[RiskReview]
    likelihood: int
    impact: int
    previous: tuple[int, int] | None  # before the latest review: the earlier review, or the plan's own scores
    occurred: bool

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def movement(self) -> str:
        """up / down / same / "" (never reviewed)."""
        if self.previous is None:
            return ""
        before = self.previous[0] * self.previous[1]
        return "up" if self.score > before else "down" if self.score < before else "same"

    @property
    def level(self) -> str:
        return "high" if self.score >= 15 else "medium" if self.score >= 6 else "low"


def risk_rows(strategy: Strategy, *, until: datetime.date | None = None) -> list[RiskRow]:
    reviews = RiskReview.objects.order_by("date", "id")
    if until is not None:
        reviews = reviews.filter(date__lte=until)
    rows = []
    for risk in strategy.risks.prefetch_related(Prefetch("reviews", queryset=reviews)):
        done = list(risk.reviews.all())
        if done:
            latest = done[-1]
            before = done[-2] if len(done) > 1 else risk
            rows.append(
                RiskRow(
                    risk,
                    done,
                    latest.likelihood,
                    latest.impact,
                    (before.likelihood, before.impact),
                    any(r.occurred for r in done),
                )
            )
        else:
            rows.append(RiskRow(risk, [], risk.likelihood, risk.impact, None, False))
    return rows


def risk_matrix(rows: list[RiskRow]) -> list[dict]:
    """The 5×5 matrix as the strategy's risk page draws it (impact rows from 5 down, likelihood columns 1–5),
    each cell holding the numbers of the risks there now and, for those that moved at their latest review,
    where they were before."""
    cells = {(lk, im): {"now": [], "before": []} for lk in range(1, 6) for im in range(1, 6)}
    for number, row in enumerate(rows, start=1):
        cells[(row.likelihood, row.impact)]["now"].append(number)
        if row.previous and row.previous != (row.likelihood, row.impact):
            cells[row.previous]["before"].append(number)
    return [
        {
            "impact": im,
            "cells": [{"likelihood": lk, "band": _band(lk * im), **cells[(lk, im)]} for lk in range(1, 6)],
        }
        for im in range(5, 0, -1)
    ]


def _band(score: int) -> str:
    return "high" if score >= 15 else "medium" if score >= 6 else "low"


def content_delivery(strategy: Strategy, start: datetime.date, end: datetime.date) -> dict:
    planned = list(strategy.content_items.filter(planned_date__gte=start, planned_date__lte=end))
    published = [c for c in planned if c.status == ContentItem.Status.PUBLISHED]
    return {
        "planned": len(planned),
        "published": len(published),
        "missed": [c.title for c in planned if c.status != ContentItem.Status.PUBLISHED],
    }


def _plain(value: Decimal) -> str:
    """1500.0000 -> "1500", 4.1000 -> "4.1" (never "1.5E+3")."""
    return format(Decimal(value).normalize(), "f")


def report_data(strategy: Strategy, start: datetime.date, end: datetime.date) -> dict:
    """The monitoring data of a period as people read it: what a new progress report is drafted from. Plain
    data (it is frozen into the report's submissions)."""
    kpis = kpi_rows(strategy, until=end, charts_too=False)
    phases = task_progress(strategy, today=min(end, timezone.localdate()))
    risks = risk_rows(strategy, until=end)
    stories = strategy.stories.filter(date__gte=start, date__lte=end) | strategy.stories.filter(date__isnull=True)
    return {
        "period": f"{start:%d %b %Y} – {end:%d %b %Y}",
        "kpis": [
            {
                "metric": row.kpi.metric,
                "baseline": row.kpi.baseline,
                "target": row.kpi.target,
                "latest": _plain(row.latest.value) if row.latest else "",
                "latest_date": f"{row.latest.date:%d %b %Y}" if row.latest else "",
                "status": row.status.code,
                "status_label": str(row.status.label),
                "reason": row.status.reason,
                "readings": [[f"{r.date:%Y-%m-%d}", _plain(r.value)] for r in row.readings],
            }
            for row in kpis
        ],
        "action_plan": [
            {
                "phase": p.label,
                "total": p.total,
                "on_time": p.on_time,
                "late": p.late,
                "overdue": p.overdue,
                "open": p.open,
            }
            for p in phases
        ],
        "on_time_rate": on_time_rate(phases),
        "content": content_delivery(strategy, start, end),
        "risks": [
            {
                "risk": row.risk.description[:200],
                "score": row.score,
                "movement": row.movement,
                "occurred": row.occurred,
                "action": next((r.action_taken for r in reversed(row.reviews) if r.occurred), ""),
            }
            for row in risks
            if row.reviews and [r for r in row.reviews if r.date >= start]
        ],
        "stories": [{"title": s.title, "for_whom": s.for_whom} for s in stories.distinct().order_by("-date", "-id")],
    }


def readings_content(strategy: Strategy) -> list[dict]:
    """Each KPI's readings and status as plain data, for the strategy's PDF (section 10) and its snapshots."""
    return [
        {
            "metric": row.kpi.metric,
            "baseline": row.kpi.baseline,
            "target": row.kpi.target,
            "status": row.status.code,
            "status_label": str(row.status.label),
            "reason": row.status.reason,
            "start": strategy.period_start.isoformat() if strategy.period_start else "",
            "end": strategy.period_end.isoformat() if strategy.period_end else "",
            "readings": [[r.date.isoformat(), _plain(r.value), s.code] for r, s in row.reading_rows],
        }
        for row in kpi_rows(strategy, charts_too=False)
        if row.readings
    ]


def lessons_for_next_version(strategy: Strategy) -> list[Lesson]:
    """The lessons learnt of the strategy's approved progress reports, for the version being written."""
    return list(
        Lesson.objects.filter(report__strategy=strategy, report__status=ProgressReport.Status.APPROVED)
        .select_related("report", "linked_by")
        .order_by("-report__period_end", "position", "id")
    )


def readiness(strategy: Strategy):
    return run_checks(strategy)


def europe_progress() -> dict[int, dict]:
    """Per country (its newest strategy): KPI status counts, on-time rate, readiness checks met, and its
    progress reports. Figures only, never the draft's text: the Special Group's dashboard shows these."""
    progress: dict[int, dict] = {}
    for strategy in Strategy.objects.select_related("country").order_by("updated_at"):
        rows = kpi_rows(strategy, charts_too=False)
        checks = run_checks(strategy)
        reports = strategy.reports.values_list("status", flat=True)
        progress[strategy.country_id] = {
            "kpis": status_counts(rows),
            "kpi_total": len(rows),
            "on_time_rate": on_time_rate(task_progress(strategy)),
            "checks_met": sum(1 for c in checks if c.met),
            "checks_total": len(checks),
            "reports_approved": sum(1 for s in reports if s == "approved"),
            "reports_in_review": sum(1 for s in reports if s == "submitted"),
        }
    return progress


def readings_by_metric(reports) -> list[dict]:
    """KPI readings compared across countries, from approved or submitted reports the user may see: one row
    per metric with each country's latest value and status (the report's frozen data, never a draft)."""
    table: dict[str, dict] = {}
    for report in reports:
        country = report.strategy.country.name
        for kpi in report.data.get("kpis", []):
            row = table.setdefault(kpi["metric"].strip().lower(), {"metric": kpi["metric"], "countries": {}})
            row["countries"].setdefault(
                country,
                {
                    "latest": kpi.get("latest", ""),
                    "date": kpi.get("latest_date", ""),
                    "target": kpi.get("target", ""),
                    "status": kpi.get("status", ""),
                    "status_label": kpi.get("status_label", ""),
                    "report": report,
                },
            )
    return sorted(table.values(), key=lambda r: r["metric"].lower())


def reports_of(strategy: Strategy):
    """A strategy's progress reports, newest period first."""
    return strategy.reports.prefetch_related("submissions").order_by("-period_end", "-id")


def submissions_of(report: ProgressReport) -> list:
    return list(report.submissions.prefetch_related("verdicts").order_by("-number"))


def shared_reports(user):
    """Approved progress reports (with their lessons) every country may read."""
    reports = (
        ProgressReport.objects.filter(status=ProgressReport.Status.APPROVED)
        .select_related("strategy__country")
        .prefetch_related(Prefetch("lessons", queryset=Lesson.objects.order_by("position", "id")))
        .order_by("strategy__country__name", "-period_end")
    )
    return policy.visible_reports(user, reports)


def shared_stories(user):
    stories = policy.shared_stories(user, SuccessStory.objects.select_related("strategy__country"))
    return stories.order_by("strategy__country__name", "-date", "-id")


def compared_reports(user):
    """The reports whose readings a user may compare: submitted or approved (frozen, never a working draft)."""
    reports = ProgressReport.objects.filter(status__in=("submitted", "approved")).select_related("strategy__country")
    return policy.visible_reports(user, reports).order_by("-period_end", "-id")


def panel_links_of(strategy: Strategy):
    return strategy.panel_links.select_related("created_by")


def with_story_count(strategies: QuerySet[Strategy]) -> QuerySet[Strategy]:
    """Strategies with `story_count`, their success stories, read in the same query (the monitoring page)."""
    stories = SuccessStory.objects.filter(strategy=OuterRef("pk")).order_by().values("strategy").annotate(n=Count("pk"))
    return strategies.select_related("country").annotate(
        story_count=Coalesce(Subquery(stories.values("n"), output_field=IntegerField()), 0)
    )
