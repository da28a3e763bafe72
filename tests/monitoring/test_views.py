"""The monitoring pages used as a browser uses them: every form read from the page, every field filled and
every drop-down set to an option it offers, posted with the page's CSRF token; then the database checked."""

import datetime
from decimal import Decimal

from django.urls import reverse

from monitoring import services
from monitoring.models import KPIReading, Lesson, ProgressReport, ReportSubmission, RiskReview, SuccessStory
from reviews import services as review_services
from tests.test_forms_as_a_browser import browser, ok, open_page


def test_a_reading_entered_in_the_form_is_saved_with_every_field(running, editor):
    client = browser(editor)
    url = reverse("monitoring:kpi", args=[running["strategy"].pk, running["kpi"].pk])
    form = open_page(client, url).form("form#add").fill()
    ok(form.submit(client))
    reading = KPIReading.objects.get()
    assert str(reading.date) == form.value("date") and reading.period == form.value("period")
    assert reading.value == Decimal(form.value("value")) and reading.note == form.value("note")
    assert reading.evidence_url == form.value("evidence_url") and reading.created_by == editor
    page = open_page(client, url).html
    assert form.value("period").replace("&", "&amp;") in page.replace("&#x27;", "'")
    assert "<svg" in page and "<title id=" in page  # the chart, with its accessible name


def test_a_bad_value_is_refused_with_a_message_and_the_text_kept(running, editor):
    client = browser(editor)
    url = reverse("monitoring:kpi", args=[running["strategy"].pk, running["kpi"].pk])
    form = open_page(client, url).form("form#add").fill(value="lots", note="My careful note")
    response = form.submit(client)
    assert response.status_code == 422 and "Enter a number." in response.content.decode()
    assert "My careful note" in response.content.decode() and not KPIReading.objects.exists()


def test_viewers_read_the_monitoring_but_cannot_record(running, viewer):
    client = browser(viewer)
    url = reverse("monitoring:kpi", args=[running["strategy"].pk, running["kpi"].pk])
    page = open_page(client, url)
    assert "Add a reading" not in page.html
    client = browser(viewer)
    client.get(url)
    assert client.post(url, {"date": "2026-01-01", "value": "3"}).status_code in (403,)
    assert not KPIReading.objects.exists()


def test_outsiders_and_reviewers_get_404(running, outsider, reviewer):
    for user in (outsider, reviewer):
        client = browser(user)
        for name, args in (
            ("monitoring:overview", []),
            ("monitoring:risks", []),
            ("monitoring:stories", []),
            ("monitoring:kpi", [running["kpi"].pk]),
        ):
            assert client.get(reverse(name, args=[running["strategy"].pk, *args])).status_code == 404


def test_a_risk_review_with_every_field_and_drop_down(running, editor):
    client = browser(editor)
    url = reverse("monitoring:risks", args=[running["strategy"].pk])
    form = open_page(client, url).form("form", containing="input[name=risk]").fill("edit")
    ok(form.submit(client))
    review = RiskReview.objects.get()
    prefix = f"r{running['risk'].pk}-"
    assert review.likelihood == int(form.value(prefix + "likelihood")) != 2 or review.impact != 3
    assert review.occurred and review.action_taken == form.value(prefix + "action_taken")
    page = open_page(client, url).html
    assert "moved-from" in page  # the matrix shows where it was before


def test_a_risk_that_occurred_needs_what_was_done(running, editor):
    client = browser(editor)
    url = reverse("monitoring:risks", args=[running["strategy"].pk])
    prefix = f"r{running['risk'].pk}-"
    form = open_page(client, url).form("form", containing="input[name=risk]").fill(**{prefix + "action_taken": ""})
    response = form.submit(client)
    assert response.status_code == 422 and "Say what was done about it." in response.content.decode()
    assert not RiskReview.objects.exists()


def test_a_risk_id_that_is_not_plain_digits_is_a_clear_400_not_a_crash(running, editor, client):
    """'²' passes str.isdigit() but not int(): a hand-made post gets the 400 of core.params, nothing written."""
    client.force_login(editor)
    client.raise_request_exception = False
    url = reverse("monitoring:risks", args=[running["strategy"].pk])
    response = client.post(url, {"risk": "²"})
    assert response.status_code == 400 and not RiskReview.objects.exists()


def test_stories_are_created_edited_and_deleted_through_their_forms(running, editor):
    client = browser(editor)
    url = reverse("monitoring:stories", args=[running["strategy"].pk])
    form = open_page(client, url).form("form", containing="textarea[name=what_happened]").fill()
    ok(form.submit(client))
    story = SuccessStory.objects.get()
    assert story.title == form.value("title") and story.consent_to_share and story.for_whom == form.value("for_whom")
    edit_url = reverse("monitoring:story", args=[running["strategy"].pk, story.pk])
    form = open_page(client, edit_url).form("form", containing="input[name=title]").fill("edit")
    form.data.pop("consent_to_share", None)  # unticked
    ok(form.submit(client))
    story.refresh_from_db()
    assert story.title == form.value("title") and not story.consent_to_share
    ok(open_page(client, edit_url).form("form", containing="input[name=delete]").fill().submit(client))
    assert not SuccessStory.objects.exists()


def test_a_task_is_marked_done_from_the_overview_even_once_approved(running, editor, lead):
    strategy = running["strategy"]
    task = strategy.tasks.first()
    from strategies import services as strategy_services

    strategy_services.part_update(
        part=task,
        data={"due": datetime.date(2025, 2, 1), "owner": editor.pk},
        base_version=task.edit_version,
        user=lead,
    )
    type(strategy).objects.filter(pk=strategy.pk).update(status="approved")
    client = browser(editor)
    url = reverse("monitoring:overview", args=[strategy.pk])
    form = open_page(client, url).form(f"form[action$='/tasks/{task.pk}/status/']").fill(status="done")
    ok(form.submit(client))
    task.refresh_from_db()
    assert task.status == "done" and task.completion.done_on == datetime.date.today()


def test_the_whole_report_cycle_through_the_pages(running, editor, lead, reviewer):
    strategy = running["strategy"]
    services.reading_add(kpi=running["kpi"], user=editor, date=datetime.date(2025, 6, 30), value=Decimal("2000"))
    client = browser(editor)
    overview = reverse("monitoring:overview", args=[strategy.pk])
    form = (
        open_page(client, overview)
        .form("form", containing="input[name=period_start]")
        .fill(period_start="2025-01-01", period_end="2025-12-31")
    )
    response = form.submit(client)
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse("monitoring:report", args=[report.pk])
    assert report.data["kpis"][0]["metric"] == "Monthly visitors"
    # The country's text: every field, the refresh box ticked.
    page = open_page(client, response["Location"])
    form = page.form("form", containing="textarea[name=findings]").fill(lessons="First lesson\nSecond lesson")
    ok(form.submit(client))
    report.refresh_from_db()
    assert report.findings == form.value("findings") and report.title == form.value("title")
    assert list(report.lessons.values_list("text", flat=True)) == ["First lesson", "Second lesson"]
    # The editor cannot submit; the lead confirms, then submits.
    assert "Submit for review" not in open_page(client, response["Location"]).html
    lead_client = browser(lead)
    page = open_page(lead_client, response["Location"])
    confirm = page.form("form", containing="input[value=submit]").fill(note="Ready")
    confirmation = confirm.submit(lead_client)
    assert confirmation.status_code == 200 and "Readiness checks from the guide" in confirmation.content.decode()
    assert ProgressReport.objects.get().status == "draft"
    from tests.test_forms_as_a_browser import Page

    final = Page("confirm", confirmation).form("form", containing="input[name=confirmed]").fill(note="Ready")
    ok(final.submit(lead_client))
    submission = ReportSubmission.objects.get()
    assert ProgressReport.objects.get().status == "submitted" and submission.note == "Ready"
    # The reviewer: the inbox lists it, a verdict per part (every radio and comment), then approve.
    reviewer_client = browser(reviewer)
    assert "Progress reports waiting for review" in open_page(reviewer_client, reverse("reviews:inbox")).html
    review_url = reverse("reviews:report_review", args=[submission.pk])
    for part in ("kpis", "findings"):
        page = open_page(reviewer_client, review_url)
        form = page.form(f"form[action$='/parts/{part}/']").fill()
        ok(form.submit(reviewer_client))
    verdicts = dict(submission.verdicts.values_list("part", "status"))
    assert set(verdicts) == {"kpis", "findings"}
    form = (
        open_page(reviewer_client, review_url).form("form", containing="textarea[name=reason]").fill(decision="approve")
    )
    ok(form.submit(reviewer_client))
    assert ProgressReport.objects.get().status == "approved"
    # Every signed-in user reads the approved findings and lessons.
    shared = open_page(browser(reviewer), reverse("monitoring:shared")).html
    assert "Second lesson" in shared and report.findings.replace("&", "&amp;").split(" ")[0] in shared
    # Reopened, the strategy's next version lists the lessons, each linked to a section through its drop-down.
    review_services.strategy_submit(strategy=strategy, user=lead)
    review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    review_services.strategy_reopen(strategy=strategy, user=lead)
    page = open_page(client, reverse("monitoring:lessons", args=[strategy.pk]))
    lesson = Lesson.objects.get(text="First lesson")
    form = page.form(f"form[action$='/lessons/{lesson.pk}/link/']").fill("edit")
    ok(form.submit(client))
    lesson.refresh_from_db()
    assert lesson.changed_section == form.value(f"l{lesson.pk}-section") and lesson.changed_in_version == 2


def test_request_changes_through_the_page_needs_a_reason(running, lead, reviewer):
    report = services.report_create(
        strategy=running["strategy"],
        user=lead,
        title="R",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
    )
    from reviews import report_services

    submission = report_services.report_submit(report=report, user=lead)
    client = browser(reviewer)
    url = reverse("reviews:report_review", args=[submission.pk])
    form = (
        open_page(client, url)
        .form("form", containing="textarea[name=reason]")
        .fill(decision="request_changes", reason="")
    )
    form.submit(client)
    assert ProgressReport.objects.get().status == "submitted"
    form = open_page(client, url).form("form", containing="textarea[name=reason]").fill(decision="request_changes")
    ok(form.submit(client))
    assert ProgressReport.objects.get().status == "changes_requested"
    page = open_page(browser(lead), reverse("monitoring:report", args=[report.pk])).html
    assert "The Special Group asked for changes" in page


def test_the_overdue_tasks_drop_down_offers_the_task_statuses_with_a_label(running, editor, lead):
    from strategies import services as strategy_services
    from strategies.models import Task

    strategy = running["strategy"]
    task = strategy.tasks.first()
    strategy_services.part_update(
        part=task, data={"due": datetime.date(2025, 2, 1)}, base_version=task.edit_version, user=lead
    )
    page = open_page(browser(editor), reverse("monitoring:overview", args=[strategy.pk]))
    select = page.form(f"form[action$='/tasks/{task.pk}/status/']").element.select_one("select[name=status]")
    assert [o["value"] for o in select.select("option")] == list(Task.Status.values)
    assert page.soup.select_one(f'label[for="{select["id"]}"]').get_text(strip=True) == f"Status of {task.title}"


def test_a_report_verdict_without_a_choice_keeps_the_typed_comment(running, lead, reviewer):
    from bs4 import BeautifulSoup

    from reviews import report_services

    report = services.report_create(
        strategy=running["strategy"],
        user=lead,
        title="R",
        period_start=datetime.date(2025, 1, 1),
        period_end=datetime.date(2025, 6, 30),
    )
    submission = report_services.report_submit(report=report, user=lead)
    client = browser(reviewer)
    page = open_page(client, reverse("reviews:report_review", args=[submission.pk]))
    form = page.form("form[action$='/parts/kpis/']").fill(comment="Rock & roll <3")
    form.data.pop("status")
    response = form.submit(client)
    assert response.status_code == 400 and not submission.verdicts.exists()
    again = BeautifulSoup(response.content, "html.parser")
    assert again.select_one("form[action$='/parts/kpis/'] input[name=comment]")["value"] == "Rock & roll <3"
