"""Demo: the monitoring data (monitoring/demo.py), then Portugal's progress reports through the review
workflow: the 2025 report approved, the H1 2026 report in review. Called at the end of demo.seeding.seed()."""

from __future__ import annotations

from monitoring.demo import seed_monitoring_data
from reviews import report_services


def seed_monitoring_demo(users: dict) -> None:
    reports = seed_monitoring_data(users)
    lead, reviewer = users.get("lead-pt"), users.get("reviewer")
    for index, report in enumerate(reports):
        submission = report_services.report_submit(report=report, user=lead, note="For the Special Group.")
        if index < len(reports) - 1:
            report_services.report_verdict_set(submission=submission, part="kpis", status="accepted", user=reviewer)
            report_services.report_decide(
                submission=submission,
                user=reviewer,
                decision="approve",
                reason="Clear findings; the lessons on joint events are worth sharing.",
            )
