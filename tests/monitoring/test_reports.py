"""Progress reports: drafted from the monitoring data, edited by the country, submitted by its lead, reviewed
part by part, approved or sent back; approved lessons listed when the strategy's next version is opened."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from monitoring import selectors, services
from monitoring.models import ProgressReport, ReportSubmission
from reviews import report_services
from reviews import services as review_services
from reviews.models import Notification

PERIOD = {"period_start": datetime.date(2025, 1, 1), "period_end": datetime.date(2025, 12, 31)}


@pytest.fixture
def report(running, editor):
    services.reading_add(kpi=running["kpi"], user=editor, date=datetime.date(2025, 6, 30), value=Decimal("2000"))
    services.reading_add(kpi=running["kpi"], user=editor, date=datetime.date(2026, 3, 31), value=Decimal("9000"))
    report = services.report_create(strategy=running["strategy"], user=editor, title="Report 2025", **PERIOD)
    return services.report_update(
        report=report,
        user=editor,
        title="Report 2025",
        findings="Visitors grew.",
        lessons="Start campaigns early.\n\n- Work with societies",
        base_version=report.edit_version,
    )


def test_a_report_is_drafted_from_the_monitoring_data_of_its_period(report):
    kpi = report.data["kpis"][0]
    # The reading after the period is left out; the one inside it is the latest.
    assert kpi["latest"] == "2000" and kpi["latest_date"] == "30 Jun 2025"
    assert kpi["status"] == "on_track"  # 2000 on 30 June 2025 against an expected ~1,990
    assert [p["phase"] for p in report.data["action_plan"]] == ["Initiate", "Execute", "Evaluate and report"]
    assert [lesson.text for lesson in report.lessons.all()] == ["Start campaigns early.", "Work with societies"]


def test_a_stale_save_keeps_nobodys_text(report, editor):
    with pytest.raises(services.StaleReport):
        services.report_update(
            report=report, user=editor, title="x", findings="mine", lessons="", base_version=report.edit_version - 1
        )
    report.refresh_from_db()
    assert report.findings == "Visitors grew."


def test_submit_approve_and_the_lessons_reach_the_next_version(report, lead, reviewer, editor):
    submission = report_services.report_submit(report=report, user=lead, note="Please review")
    report.refresh_from_db()
    assert report.status == "submitted" and submission.data["findings"] == "Visitors grew."
    assert Notification.objects.filter(user=reviewer, subject__contains="progress report").exists()
    with pytest.raises(services.StaleReport):  # frozen while in review
        services.report_update(
            report=report, user=editor, title="x", findings="", lessons="", base_version=report.edit_version
        )
    report_services.report_verdict_set(submission=submission, part="kpis", status="accepted", user=reviewer)
    report_services.report_verdict_set(
        submission=submission, part="lessons", status="accepted", user=reviewer, comment="Useful"
    )
    report_services.report_decide(submission=submission, user=reviewer, decision="approve")
    report.refresh_from_db()
    assert report.status == "approved"
    message = Notification.objects.filter(user=editor, subject__contains="approved").get()
    assert "Lessons learnt: Accepted" in message.body and "Useful" in message.body
    strategy = report.strategy
    # The strategy is approved and reopened: the lessons are what the new version starts from.
    assert [lesson.text for lesson in selectors.lessons_for_next_version(strategy)] == [
        "Start campaigns early.",
        "Work with societies",
    ]
    lesson = selectors.lessons_for_next_version(strategy)[0]
    services.lesson_link(lesson=lesson, section_key="content_strategy", user=editor)
    lesson.refresh_from_db()
    assert lesson.changed_section == "content_strategy" and lesson.changed_in_version == strategy.version


def test_request_changes_needs_a_reason_and_reopens_the_report(report, lead, reviewer, editor):
    submission = report_services.report_submit(report=report, user=lead)
    with pytest.raises(ValidationError):
        report_services.report_decide(submission=submission, user=reviewer, decision="request_changes", reason=" ")
    report_services.report_verdict_set(
        submission=submission, part="findings", status="needs_changes", user=reviewer, comment="Say why"
    )
    report_services.report_decide(
        submission=submission, user=reviewer, decision="request_changes", reason="More, please"
    )
    report.refresh_from_db()
    assert report.status == "changes_requested" and report.is_editable
    report = services.report_update(
        report=report,
        user=editor,
        title=report.title,
        findings="Because.",
        lessons="",
        base_version=report.edit_version,
    )
    second = report_services.report_submit(report=report, user=lead)
    assert second.number == 2 and second.data["findings"] == "Because."
    with pytest.raises(ValidationError):  # the first submission is closed
        report_services.report_decide(submission=submission, user=reviewer, decision="approve")


@pytest.mark.parametrize("persona", ["editor", "viewer", "outsider", "reviewer"])
def test_only_the_countrys_lead_or_an_admin_submits(report, personas, persona):
    with pytest.raises(PermissionDenied):
        report_services.report_submit(report=report, user=personas[persona])
    assert ProgressReport.objects.get(pk=report.pk).status == "draft"


@pytest.mark.parametrize("persona", ["lead", "editor", "viewer", "outsider"])
def test_only_reviewers_and_admins_decide(report, personas, lead, persona):
    submission = report_services.report_submit(report=report, user=lead)
    with pytest.raises(PermissionDenied):
        report_services.report_decide(submission=submission, user=personas[persona], decision="approve")
    with pytest.raises(PermissionDenied):
        report_services.report_verdict_set(
            submission=submission, part="kpis", status="accepted", user=personas[persona]
        )
    assert ReportSubmission.objects.get(pk=submission.pk).is_open


def test_withdrawing_closes_the_submission(report, lead, reviewer):
    submission = report_services.report_submit(report=report, user=lead)
    report_services.report_withdraw(report=report, user=lead)
    submission.refresh_from_db()
    assert not submission.is_open and ProgressReport.objects.get(pk=report.pk).status == "draft"
    with pytest.raises((ValidationError, PermissionDenied)):
        report_services.report_decide(submission=submission, user=reviewer, decision="approve")


def test_reopening_an_approved_strategy_opens_its_lessons(client, report, lead, reviewer):
    strategy = report.strategy
    review_services.strategy_submit(strategy=strategy, user=lead)
    review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    submission = report_services.report_submit(report=report, user=lead)
    report_services.report_decide(submission=submission, user=reviewer, decision="approve")
    client.force_login(lead)
    response = client.post(f"/reviews/strategies/{strategy.pk}/transition/", {"action": "reopen"})
    assert response.status_code == 302 and response["Location"] == f"/monitoring/strategies/{strategy.pk}/lessons/"
    page = client.get(response["Location"]).content.decode()
    assert "Lessons learnt for version 2" in page and "Start campaigns early." in page
