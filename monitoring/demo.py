"""Demo monitoring data (issue #14): Germany and Portugal get KPI readings, risk reviews and two success
stories each; Portugal, whose strategy is approved, has a progress report approved (with lessons learnt)
and one in review. The content is data below; the review steps run in demo/monitoring.py. Idempotent:
a strategy that has monitoring data already is left alone."""

from __future__ import annotations

import datetime
from decimal import Decimal

from monitoring import services
from monitoring.models import ProgressReport
from strategies.models import Strategy

D = datetime.date.fromisoformat

#: country code -> metric (start of its wording) -> [(date, value, period, note)]
READINGS = {
    "DE": {
        "Monthly unique visitors": [
            ("2025-03-31", "2300", "Q1 2025", "Site launched in February."),
            ("2025-06-30", "3100", "Q2 2025", ""),
            ("2025-12-31", "4600", "Q4 2025", "Peak after the autumn campaign."),
            ("2026-06-30", "5200", "Q2 2026", ""),
            ("2026-09-30", "5600", "Q3 2026", "Summer dip; campaign budget moved to 2027."),
        ],
        "Impressions of campaign posts": [
            ("2025-06-30", "60000", "H1 2025", ""),
            ("2025-12-31", "180000", "H2 2025", ""),
            ("2026-06-30", "265000", "H1 2026", "Short videos did best."),
        ],
        "Professionals attending webinars": [
            ("2025-06-30", "60", "H1 2025", ""),
            ("2025-12-31", "150", "H2 2025", ""),
            ("2026-06-30", "300", "H1 2026", "Webinars clash with clinic hours: evening slots planned."),
        ],
        "Average reader-test rating": [
            ("2025-09-30", "3.8", "Reader test 2", ""),
            ("2026-03-31", "4.1", "Reader test 3", ""),
        ],
    },
    "PT": {
        "Monthly visits to the cohort FAQ": [
            ("2025-06-30", "400", "June 2025", "FAQ page opened in April."),
            ("2025-12-31", "1100", "December 2025", ""),
            ("2026-06-30", "1500", "June 2026", "Rumour in February doubled visits for a month."),
        ],
        "Regions reaching their enrolment target": [("2025-12-31", "2", "2025", "Lisbon and Porto regions.")],
    },
}

#: country code -> risk (start of its wording) -> [(date, likelihood, impact, occurred, action, note)]
RISK_REVIEWS = {
    "DE": {
        "A data incident": [("2026-03-31", 3, 5, False, "", "Media interest in health-data security is rising.")],
    },
    "PT": {
        "Low enrolment on the islands": [
            ("2025-12-31", 3, 3, False, "", "Regional health services joined the outreach."),
            ("2026-06-30", 2, 3, False, "", "Enrolment on Madeira doubled."),
        ],
        "Rumours that genomic data": [
            (
                "2026-02-15",
                4,
                4,
                True,
                "A fact-check published with the patients' association within 48 hours; FAQ updated.",
                "A viral post claimed data were sold.",
            )
        ],
    },
}

STORIES = {
    "DE": [
        {
            "title": "A diagnosis after eleven years",
            "what_happened": "Re-analysis of genome data shared through genomDE found the cause of a girl's rare "
            "disease; her family now has a name for it and a patient group.",
            "for_whom": "A family from Saxony",
            "source": "University hospital genetics unit (with the family's consent)",
            "consent_to_share": True,
            "published_at": "https://example.org/genomde/stories/diagnosis",
            "date": "2026-04-20",
        },
        {
            "title": "Pharmacists as first contacts",
            "what_happened": "Pharmacists in three cities answered citizens' questions about genomic data with "
            "the citizen factsheet; most questions were about who can see the data.",
            "for_whom": "Citizens in Hamburg, Leipzig and Munich",
            "source": "Chamber of pharmacists",
            "consent_to_share": False,
            "date": "2026-06-01",
        },
    ],
    "PT": [
        {
            "title": "Faster answers for children with epilepsy",
            "what_happened": "Data shared between two hospitals shortened the time to a genetic diagnosis from "
            "two years to four months for children with rare epilepsies.",
            "for_whom": "Families of children with rare epilepsies",
            "source": "Paediatric neurology network",
            "consent_to_share": True,
            "published_at": "https://example.org/insa/stories/epilepsy",
            "date": "2025-11-10",
        },
        {
            "title": "Island clinics join the programme",
            "what_happened": "Tele-consultations let patients on the Azores take part without travelling.",
            "for_whom": "Patients on the Azores",
            "source": "Regional health service",
            "consent_to_share": True,
            "date": "2026-05-05",
        },
    ],
}

PT_REPORTS = [
    {
        "title": "Progress report 2025",
        "period": ("2025-01-01", "2025-12-31"),
        "findings": "Webinars with the medical association reached more professionals than planned; the "
        "citizen campaign started late because the website launch slipped by a quarter.",
        "lessons": "Plan joint events with professional societies from the start: they bring the audience.\n"
        "Leave a quarter of slack before campaign launches that depend on the website.",
    },
    {
        "title": "Progress report H1 2026",
        "period": ("2026-01-01", "2026-06-30"),
        "findings": "The rumour in February showed that a fast, joint answer with patients' groups works; "
        "enrolment on the islands is catching up.",
        "lessons": "Keep a fact-check template and a named spokesperson ready for rumours.",
    },
]


def seed_monitoring_data(users: dict) -> list[ProgressReport]:
    """Readings, risk reviews, stories and Portugal's two report drafts; returns the reports, oldest first,
    for the review steps (demo/monitoring.py)."""
    reports = []
    for code in ("DE", "PT"):
        strategy = Strategy.objects.filter(country__code=code).order_by("-created_at").first()
        if strategy is None or strategy.stories.exists() or strategy.reports.exists():
            continue
        editor = users.get(f"editor-{code.lower()}")
        kpis = list(strategy.kpis.all())
        for start, readings in READINGS.get(code, {}).items():
            kpi = next((k for k in kpis if k.metric.startswith(start)), None)
            for date, value, period, note in readings if kpi else []:
                services.reading_add(kpi=kpi, user=editor, date=D(date), value=Decimal(value), period=period, note=note)
        risks = list(strategy.risks.all())
        for start, reviews in RISK_REVIEWS.get(code, {}).items():
            risk = next((r for r in risks if r.description.startswith(start)), None)
            for date, likelihood, impact, occurred, action, note in reviews if risk else []:
                services.risk_review_add(
                    risk=risk,
                    user=editor,
                    date=D(date),
                    likelihood=likelihood,
                    impact=impact,
                    occurred=occurred,
                    action_taken=action,
                    note=note,
                )
        for story in STORIES.get(code, []):
            values = {**story, "date": D(story["date"])}
            services.story_create(strategy=strategy, user=editor, **values)
        for task in strategy.tasks.filter(status="done", due__isnull=False):
            # The demo's finished tasks were done by their due date (not on the day the demo was loaded).
            services.task_done_on_set(task=task, done_on=task.due, user=editor)
        if code == "PT":
            for data in PT_REPORTS:
                report = services.report_create(
                    strategy=strategy,
                    user=editor,
                    title=data["title"],
                    period_start=D(data["period"][0]),
                    period_end=D(data["period"][1]),
                )
                services.report_update(
                    report=report,
                    user=editor,
                    title=report.title,
                    findings=data["findings"],
                    lessons=data["lessons"],
                    base_version=report.edit_version,
                )
                reports.append(report)
    return reports
