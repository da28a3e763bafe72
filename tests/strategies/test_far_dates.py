"""Dates have a sensible range (2000–2100) on every way in, and the pages that show dates never fail on a
row stored out of range before the range existed (a task due 9999-12-31 once took the action plan, every
member's calendar feed, the PDFs and the all-countries ZIP down with "year 10000 is out of range")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse

from accounts.models import CalendarToken
from exports import services as export_services
from reviews import services as review_services
from strategies.models import ContentItem, SectionAssignment, Strategy, Task

HTMX = {"HTTP_HX_REQUEST": "true"}
FAR = datetime.date(9999, 12, 31)
ANCIENT = datetime.date(1, 1, 1)


def task_form(**overrides):
    return {
        "phase": "execute",
        "parent": "",
        "title": "Launch",
        "description": "",
        "owner": "",
        "start": "2026-01-01",
        "due": "2026-02-01",
        "status": "todo",
        "section": "",
        **overrides,
    }


@pytest.mark.parametrize("due", ["9999-12-31", "1900-01-01", "2101-01-01"])
def test_a_task_due_out_of_range_is_refused_with_a_field_error(client, editor, strategy, due):
    client.force_login(editor)
    before = Task.objects.count()
    response = client.post(
        reverse("strategies:part_new", args=[strategy.pk, "tasks"]), task_form(start="", due=due), **HTMX
    )
    assert response.status_code == 422
    assert b"Choose a date between 2000-01-01 and 2100-12-31" in response.content
    assert Task.objects.count() == before


def test_a_content_item_planned_out_of_range_is_refused(client, editor, strategy):
    client.force_login(editor)
    data = {"title": "Video", "content_type": "video", "planned_date": "9999-12-31", "status": "idea"}
    response = client.post(reverse("strategies:part_new", args=[strategy.pk, "content"]), data, **HTMX)
    assert response.status_code == 422 and b"Choose a date between" in response.content
    assert not ContentItem.objects.exists()


def test_an_edit_moving_a_task_out_of_range_is_refused(client, editor, strategy):
    task = strategy.tasks.first()
    client.force_login(editor)
    url = reverse("strategies:part", args=[strategy.pk, "tasks", task.pk])
    data = task_form(phase=task.phase, title=task.title, start="", due="9999-12-31", edit_version=task.edit_version)
    response = client.post(url, data, **HTMX)
    assert response.status_code == 422
    task.refresh_from_db()
    assert task.due is None


def test_every_model_date_honours_the_range(strategy):
    """The range lives on the model fields, so the admin and imports (full_clean) refuse it too."""
    task = strategy.tasks.first()
    task.due = FAR
    with pytest.raises(ValidationError, match="Choose a date between"):
        task.full_clean()
    strategy.period_start = datetime.date(1999, 12, 31)
    with pytest.raises(ValidationError):
        strategy.full_clean()
    assignment = SectionAssignment(strategy=strategy, section_key="conclusion", due=FAR)
    with pytest.raises(ValidationError):
        assignment.full_clean(exclude=["assignee"])


def test_a_section_assignment_due_out_of_range_is_refused(client, lead, editor, strategy):
    client.force_login(lead)
    url = reverse("strategies:section_assign", args=[strategy.pk, "conclusion"])
    response = client.post(url, {"assignee": editor.pk, "due": "9999-12-31"}, follow=True)
    assert b"Choose a date between" in response.content
    assert not SectionAssignment.objects.exists()


@pytest.fixture
def far_rows(strategy):
    """Rows stored out of range before the range existed (written past validation, as old data would be)."""
    tasks = list(strategy.tasks.order_by("pk")[:3])
    Task.objects.filter(pk=tasks[0].pk).update(due=FAR)
    Task.objects.filter(pk=tasks[1].pk).update(start=ANCIENT, due=datetime.date(2026, 3, 1))
    Task.objects.filter(pk=tasks[2].pk).update(start=datetime.date(2026, 1, 1), due=datetime.date(2026, 6, 1))
    ContentItem.objects.create(strategy=strategy, title="Far video", content_type="video", planned_date=FAR)
    ContentItem.objects.create(strategy=strategy, title="Old post", content_type="article", planned_date=ANCIENT)
    return strategy


def test_the_action_plan_and_its_timeline_show_rows_stored_out_of_range(client, editor, far_rows):
    client.force_login(editor)
    for view in ("table", "timeline"):
        response = client.get(reverse("strategies:action_plan", args=[far_rows.pk]), {"view": view})
        assert response.status_code == 200, view
    assert b"outside the planning range" in response.content


def test_the_calendar_feed_survives_rows_stored_out_of_range(client, editor, far_rows):
    token = CalendarToken.objects.create(user=editor, token="t" * 40)
    response = client.get(reverse("strategies:calendar_feed", args=[token.token]))
    assert response.status_code == 200
    body = response.content.decode()
    assert "BEGIN:VCALENDAR" in body and "99991231" not in body  # an event no calendar app could show


def test_the_content_calendar_survives_any_month_parameter(client, editor, far_rows):
    client.force_login(editor)
    url = reverse("strategies:parts", args=[far_rows.pk, "content"])
    for month in ("9999-12", "1-1", "0-0", "2026-13", "abc", "2026-1-1", "-1--1", "99999999999999999999-1"):
        assert client.get(url, {"month": month}).status_code == 200, month
    assert client.get(url).status_code == 200


def test_the_strategy_pdf_of_the_draft_is_built_with_rows_stored_out_of_range(client, editor, far_rows):
    client.force_login(editor)
    response = client.get(reverse("exports:strategy_pdf", args=[far_rows.pk]))
    assert response.status_code == 202
    document = export_services.working_copy_document(far_rows)
    html = render_to_string("pdf/strategy.html", {"doc": document})
    assert "Far video" in html


def test_the_reviewers_pdf_and_the_zip_survive_rows_stored_out_of_range(client, lead, reviewer, far_rows):
    review_services.strategy_submit(strategy=far_rows, user=lead)
    client.force_login(reviewer)
    assert client.get(reverse("exports:strategy_pdf", args=[far_rows.pk])).status_code == 202
    assert client.get(reverse("exports:zip")).status_code == 202


def test_the_overview_and_home_pages_survive_rows_stored_out_of_range(client, editor, far_rows):
    Strategy.objects.filter(pk=far_rows.pk).update(period_start=ANCIENT, period_end=FAR)
    client.force_login(editor)
    assert client.get(reverse("strategies:detail", args=[far_rows.pk])).status_code == 200
    assert client.get(reverse("strategies:home")).status_code == 200
    assert client.get(reverse("strategies:parts", args=[far_rows.pk, "content"])).status_code == 200
