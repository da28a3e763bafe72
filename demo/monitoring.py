"""Demo monitoring data (content in demo/data/monitoring.json): Germany and Portugal get KPI readings, risk
reviews and two success stories each; their finished tasks are dated; Portugal, whose strategy is approved,
drafts two progress reports and submits both: the 2025 report is approved (with lessons learnt), the H1 2026
report stays in review. Everything goes through the monitoring and report services, as the pages write it.
Idempotent: a strategy that has monitoring data already is left alone. Called at the end of
demo.seeding.seed()."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path

from monitoring import services
from monitoring.models import ProgressReport
from reviews import report_services
from strategies.models import Strategy

DATA = Path(__file__).resolve().parent / "data" / "monitoring.json"
D = datetime.date.fromisoformat


def seed_monitoring_demo(users: dict) -> None:
    with open(DATA, encoding="utf-8") as handle:
        data = json.load(handle)
    for code in ("DE", "PT"):
        strategy = Strategy.objects.filter(country__code=code).order_by("-created_at").first()
        if strategy is None or strategy.stories.exists() or strategy.reports.exists():
            continue
        editor = users.get(f"editor-{code.lower()}")
        _seed_readings(strategy, data["readings"].get(code, {}), editor)
        _seed_risk_reviews(strategy, data["risk_reviews"].get(code, {}), editor)
        for story in data["stories"].get(code, []):
            services.story_create(strategy=strategy, user=editor, **{**story, "date": D(story["date"])})
        for task in strategy.tasks.filter(status="done", due__isnull=False):
            # The demo's finished tasks were done by their due date (not on the day the demo was loaded).
            services.task_done_on_set(task=task, done_on=task.due, user=editor)
        for report in data["reports"].get(code, []):
            _seed_report(strategy, report, editor, users.get(f"lead-{code.lower()}"), users.get("reviewer"))


def _seed_readings(strategy: Strategy, readings: dict, user) -> None:
    """`readings`: the start of a KPI's metric -> its readings."""
    kpis = list(strategy.kpis.all())
    for start, rows in readings.items():
        kpi = next((k for k in kpis if k.metric.startswith(start)), None)
        for row in rows if kpi else []:
            services.reading_add(
                kpi=kpi,
                user=user,
                date=D(row["date"]),
                value=Decimal(row["value"]),
                period=row["period"],
                note=row["note"],
            )


def _seed_risk_reviews(strategy: Strategy, reviews: dict, user) -> None:
    """`reviews`: the start of a risk's description -> its reviews."""
    risks = list(strategy.risks.all())
    for start, rows in reviews.items():
        risk = next((r for r in risks if r.description.startswith(start)), None)
        for row in rows if risk else []:
            services.risk_review_add(risk=risk, user=user, **{**row, "date": D(row["date"])})


def _seed_report(strategy: Strategy, data: dict, editor, lead, reviewer) -> ProgressReport:
    report = services.report_create(
        strategy=strategy,
        user=editor,
        title=data["title"],
        period_start=D(data["period_start"]),
        period_end=D(data["period_end"]),
    )
    services.report_update(
        report=report,
        user=editor,
        title=report.title,
        findings=data["findings"],
        lessons=data["lessons"],
        base_version=report.edit_version,
    )
    if "submit_note" in data:
        submission = report_services.report_submit(report=report, user=lead, note=data["submit_note"])
        approve = data.get("approve")
        if approve:
            for part, status in approve["verdicts"].items():
                report_services.report_verdict_set(submission=submission, part=part, status=status, user=reviewer)
            report_services.report_decide(
                submission=submission, user=reviewer, decision="approve", reason=approve["reason"]
            )
    return report
