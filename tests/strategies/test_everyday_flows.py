"""The everyday editing flows of issue 9: linked rows, inline errors, tasks under phases, the
recommendations checklist, @mentions, unchanged saves, recent activity, the overview's review card."""

import pytest
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse

from reviews.models import Notification
from strategies import services
from strategies.forms import part_form_class
from strategies.models import (
    KPI,
    AudienceSegment,
    Channel,
    Comment,
    ContentItem,
    KeyMessage,
    Objective,
    Revision,
    Tactic,
    Task,
)
from tests.factories import make_strategy

HTMX = {"HTTP_HX_REQUEST": "true"}


def new_url(strategy, kind):
    return reverse("strategies:part_new", args=[strategy.pk, kind])


# --- Linked rows ----------------------------------------------------------------------------------------


@pytest.fixture
def linked(strategy):
    return {
        "segment": services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name="Patients"),
        "channel": services.part_create(model=Channel, strategy=strategy, name="Website"),
        "objective": services.part_create(model=Objective, strategy=strategy, title="Awareness"),
    }


@pytest.mark.parametrize(
    ("kind", "model", "data"),
    [
        ("messages", KeyMessage, lambda r: {"segment": r["segment"].pk, "message": "For patients"}),
        ("tactics", Tactic, lambda r: {"channel": r["channel"].pk, "segment": r["segment"].pk, "description": "FAQ"}),
        (
            "content",
            ContentItem,
            lambda r: {
                "title": "Video",
                "content_type": "video",
                "status": "idea",
                "channel": r["channel"].pk,
                "segment": r["segment"].pk,
            },
        ),
        ("kpis", KPI, lambda r: {"objective": r["objective"].pk, "metric": "Visits", "frequency": "monthly"}),
    ],
)
def test_a_new_row_linked_to_another_row_is_saved(client, editor, strategy, linked, kind, model, data):
    client.force_login(editor)
    response = client.post(new_url(strategy, kind), data(linked), **HTMX)
    assert response.status_code == 200, response.content.decode()
    assert model.objects.filter(strategy=strategy).count() == 1


def test_a_link_to_another_countrys_row_is_still_refused(strategy, linked):
    france = make_strategy("FR")
    foreign = services.part_create(model=AudienceSegment, strategy=france, group="citizens", name="Patients")
    form = part_form_class("messages")({"segment": foreign.pk, "message": "x"}, strategy=strategy)
    assert not form.is_valid() and "segment" in form.errors
    message = KeyMessage(strategy=strategy, segment=foreign, message="x")
    with pytest.raises(Exception, match="another strategy"):
        message.full_clean()


# --- Errors people see -------------------------------------------------------------------------------------


def test_inline_form_errors_are_summarised_as_an_alert_with_links_to_the_fields(client, editor, strategy):
    client.force_login(editor)
    response = client.post(new_url(strategy, "risks"), {"description": "", "likelihood": 9, "impact": 3}, **HTMX)
    content = response.content.decode()
    assert response.status_code == 422
    assert 'role="alert"' in content and "data-form-errors" in content and "Not saved yet" in content
    assert 'href="#id_description"' in content and 'href="#id_likelihood"' in content
    assert 'aria-invalid="true"' in content


def test_inline_text_boxes_are_two_rows(client, editor, strategy):
    client.force_login(editor)
    content = client.get(new_url(strategy, "risks"), **HTMX).content.decode()
    assert content.count('rows="2"') == 3 and 'rows="10"' not in content


# --- Tasks under phases --------------------------------------------------------------------------------------


def test_add_task_under_a_phase_preselects_it_and_offers_that_phases_parents(client, editor, strategy):
    client.force_login(editor)
    content = client.get(new_url(strategy, "tasks") + "?phase=execute", **HTMX).content.decode()
    assert '<option value="execute" selected>' in content
    execute = strategy.tasks.get(title="Execute the strategy")
    initiate = strategy.tasks.get(title="Prioritise trust")
    assert f'<option value="{execute.pk}" data-phase="execute">' in content
    assert f'<option value="{initiate.pk}" data-phase="initiate" hidden disabled>' in content
    page = client.get(reverse("strategies:action_plan", args=[strategy.pk])).content.decode()
    assert "?phase=execute" in page and f"?parent={initiate.pk}" in page


def test_add_sub_task_preselects_its_task_and_saves_under_it(client, editor, strategy):
    parent = strategy.tasks.get(title="Prioritise trust")
    client.force_login(editor)
    content = client.get(new_url(strategy, "tasks") + f"?parent={parent.pk}", **HTMX).content.decode()
    assert '<option value="initiate" selected>' in content
    assert f'<option value="{parent.pk}" selected data-phase="initiate">' in content
    response = client.post(
        new_url(strategy, "tasks"), {"phase": "initiate", "parent": parent.pk, "title": "Ask", "status": "todo"}, **HTMX
    )
    assert response.status_code == 200 and "Sub-task:" in response.content.decode()
    assert parent.subtasks.filter(title="Ask").exists()


def test_a_task_moved_to_another_phase_takes_its_sub_tasks(strategy, editor):
    parent = strategy.tasks.get(title="Prioritise trust")
    services.part_update(part=parent, data={"phase": "execute"}, base_version=parent.edit_version, user=editor)
    assert set(parent.subtasks.values_list("phase", flat=True)) == {"execute"}
    child = parent.subtasks.first()
    assert Revision.objects.filter(target=f"task:{child.pk}", version=child.edit_version).exists()


def test_a_task_with_sub_tasks_cannot_become_one(client, editor, strategy):
    parent = strategy.tasks.get(title="Prioritise trust")
    other = strategy.tasks.get(title="Design processes")
    form = part_form_class("tasks")(instance=parent, strategy=strategy)
    assert form.fields["parent"].disabled
    parent.parent = other
    with pytest.raises(Exception, match="has sub-tasks"):
        parent.full_clean()


# --- Recommendations checklist ----------------------------------------------------------------------------


def _checklist(rows, **changes):
    data = {}
    for row in rows:
        data.update(
            {f"status-{row.pk}": row.status, f"evidence-{row.pk}": row.evidence, f"version-{row.pk}": row.edit_version}
        )
    data.update(changes)
    return data


def test_a_stale_checklist_save_keeps_the_users_evidence_and_shows_both(client, editor, lead, strategy):
    rows = list(strategy.assessments.order_by("recommendation__number"))
    url = reverse("strategies:assessments", args=[strategy.pk])
    client.force_login(lead)
    client.post(url, _checklist(rows, **{f"evidence-{rows[0].pk}": "Lead's evidence"}))
    client.force_login(editor)  # still on version 1 of the first row
    response = client.post(url, _checklist(rows, **{f"evidence-{rows[0].pk}": "Editor's own words & figures"}))
    content = response.content.decode()
    assert response.status_code == 409
    assert "Lead&#x27;s evidence" in content  # theirs, beside
    assert ">\nEditor&#x27;s own words &amp; figures</textarea>" in content  # mine, kept in the form
    assert f'name="version-{rows[0].pk}" value="2"' in content  # saving again resolves on top of theirs
    rows[0].refresh_from_db()
    assert rows[0].evidence == "Lead's evidence"


def test_a_stale_checklist_save_of_another_field_is_merged(client, editor, lead, strategy):
    rows = list(strategy.assessments.order_by("recommendation__number"))
    url = reverse("strategies:assessments", args=[strategy.pk])
    client.force_login(lead)
    client.post(url, _checklist(rows, **{f"evidence-{rows[0].pk}": "Budget approved"}))
    client.force_login(editor)
    response = client.post(url, _checklist(rows, **{f"status-{rows[0].pk}": "in_place"}), follow=True)
    assert "both changes were merged" in response.content.decode()
    rows[0].refresh_from_db()
    assert (rows[0].status, rows[0].evidence) == ("in_place", "Budget approved")


def test_an_invalid_checklist_keeps_what_was_typed(client, editor, strategy):
    rows = list(strategy.assessments.order_by("recommendation__number"))
    client.force_login(editor)
    data = _checklist(rows, **{f"status-{rows[0].pk}": "bogus", f"evidence-{rows[1].pk}": "Typed text"})
    response = client.post(reverse("strategies:assessments", args=[strategy.pk]), data)
    assert response.status_code == 422 and ">\nTyped text</textarea>" in response.content.decode()


# --- @mentions ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("mode", "mails"), [("instant", 1), ("daily", 0), ("none", 0)])
def test_a_mention_rings_the_bell_and_mails_as_the_person_chose(
    strategy, editor, lead, mode, mails, mailoutbox, django_capture_on_commit_callbacks
):
    lead.email_mode = mode
    lead.save()
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_add(strategy=strategy, key="objectives", author=editor, body="See this, @lead.")
    note = Notification.objects.get(user=lead)
    assert "mentioned you" in note.subject and note.url.endswith(f"#comment-{comment.pk}")
    assert len(mailoutbox) == mails
    assert (note.emailed_at is not None) is (mode == "instant")


def test_mention_candidates_are_the_countrys_members(client, editor, lead, viewer, outsider, strategy):
    client.force_login(editor)
    url = reverse("strategies:mention_candidates", args=[strategy.pk])
    names = [p["username"] for p in client.get(url).json()["people"]]
    assert set(names) == {"lead", "viewer"}  # not the outsider, not oneself
    assert [p["username"] for p in client.get(url, {"q": "vie"}).json()["people"]] == ["viewer"]
    client.force_login(outsider)
    assert client.get(url).status_code == 404


def test_mentions_are_marked_in_the_thread(client, editor, lead, strategy):
    services.comment_add(strategy=strategy, key="objectives", author=editor, body="@lead and @nobody <b>x</b>")
    client.force_login(lead)
    content = client.get(reverse("strategies:section_comments", args=[strategy.pk, "objectives"])).content.decode()
    assert '<span class="mention mention-me" title="' in content and ">@lead</span>" in content
    assert "@nobody" in content and ">@nobody<" not in content  # not a member: not marked
    assert "&lt;b&gt;x&lt;/b&gt;" in content  # the comment's own text stays escaped


# --- Unchanged saves -------------------------------------------------------------------------------------


def test_saving_a_section_the_editor_rewrote_but_did_not_change_is_no_new_version(client, editor, strategy):
    services.section_update(
        strategy=strategy,
        key="introduction",
        data={"background": "<p>Our   story.</p><p>Second <b>part</b>.</p>", "purpose": "<p>Why</p>"},
        base_version=1,
        user=editor,
    )
    client.force_login(editor)
    # What Trix posts for that text when nobody touched it.
    trix = {"background": "<div>Our story.</div><div>Second <strong>part</strong>.</div>", "purpose": "<div>Why</div>"}
    url = reverse("strategies:section", args=[strategy.pk, "introduction"])
    response = client.post(url, {**trix, "scope_and_context": "", "edit_version": 2}, follow=True)
    assert "Nothing to save" in response.content.decode()
    section = strategy.introduction_section
    section.refresh_from_db()
    assert section.edit_version == 2 and section.background == "<p>Our   story.</p><p>Second <b>part</b>.</p>"
    # A real change to one field still saves, and the untouched field keeps its stored form.
    client.post(url, {**trix, "purpose": "<div>Why now</div>", "scope_and_context": "", "edit_version": 2})
    section.refresh_from_db()
    assert section.edit_version == 3 and section.purpose == "<div>Why now</div>"
    assert section.background == "<p>Our   story.</p><p>Second <b>part</b>.</p>"


# --- Recent activity, the overview --------------------------------------------------------------------------


def test_recent_activity_names_the_item_changed(client, editor, strategy):
    services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name="Rural elderly people")
    services.section_update(
        strategy=strategy, key="objectives", data={"communication_goals": "<p>x</p>"}, base_version=1, user=editor
    )
    client.force_login(editor)
    content = client.get(reverse("strategies:home")).content.decode()
    assert "Audience segment “Rural elderly people”" in content
    assert "Section Objectives" in content


@pytest.mark.parametrize(("persona", "card"), [("editor", False), ("lead", True)])
def test_the_review_card_shows_only_when_it_has_something(client, personas, persona, card, strategy):
    client.force_login(personas[persona])
    content = client.get(reverse("strategies:detail", args=[strategy.pk])).content.decode()
    assert ('id="workflow-h"' in content) is card


def test_comment_form_keeps_text_when_refused(client, editor, strategy):
    client.force_login(editor)
    url = reverse("strategies:section_comments", args=[strategy.pk, "objectives"])
    response = client.post(url, {"body": "x" * 5001}, **HTMX)
    assert "x" * 5001 in response.content.decode() and not Comment.objects.exists()


# --- Deleting a task from the action plan -----------------------------------------------------------------


def _delete_form(page: BeautifulSoup, task):
    url = reverse("strategies:part_delete", args=[task.strategy_id, "tasks", task.pk])
    return page.find("form", action=url)


def _post_as_the_browser(client, form):
    """Send the form as a browser does: every field it holds (the CSRF token from the page included)."""
    data = {field["name"]: field.get("value", "") for field in form.find_all("input") if field.get("name")}
    return client.post(form["action"], data)


def test_the_action_plan_deletes_a_task_through_its_confirmation_as_a_browser_does(editor, strategy):
    task = strategy.tasks.filter(parent=None, subtasks=None, status="todo").order_by("position").first()
    title = task.title
    client = Client(enforce_csrf_checks=True)  # the token must come from the page
    client.force_login(editor)
    plan = reverse("strategies:action_plan", args=[strategy.pk]) + "?status=todo"
    page = BeautifulSoup(client.get(plan).content, "html.parser")

    form = _delete_form(page, task)
    button = form.find("button", type="submit")
    # The button names the task for a screen reader; the confirmation names it too.
    assert button.get_text(" ", strip=True) == f"Delete “{title}”"
    assert button.find("span", class_="visually-hidden").get_text(strip=True) == f"“{title}”"
    assert button["data-confirm"] == f"Delete “{title}”?"

    response = _post_as_the_browser(client, form)
    assert response.status_code == 302 and response.url == plan  # back to the plan as it was filtered
    assert not Task.objects.filter(pk=task.pk).exists()
    revision = Revision.objects.get(target=f"task:{task.pk}", action=Revision.Action.DELETE)
    assert revision.user == editor and revision.data["title"] == title
    page = client.get(plan).content.decode()
    assert f"Deleted “{title}”." in page and f"Delete “{title}”" not in page


def test_deleting_a_task_deletes_its_sub_tasks_and_its_confirmation_says_so(editor, strategy):
    parent = strategy.tasks.get(title="Prioritise trust")
    children = list(parent.subtasks.values_list("pk", flat=True))
    assert len(children) > 1
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = BeautifulSoup(client.get(reverse("strategies:action_plan", args=[strategy.pk])).content, "html.parser")
    form = _delete_form(page, parent)
    confirmation = form.find("button", type="submit")["data-confirm"]
    assert confirmation == f"Delete “Prioritise trust” and its {len(children)} sub-tasks? They are deleted with it."

    assert _post_as_the_browser(client, form).status_code == 302
    assert not Task.objects.filter(pk__in=[parent.pk, *children]).exists()
    # Each sub-task leaves its own entry in the history, as if deleted one by one.
    deleted = set(Revision.objects.filter(action=Revision.Action.DELETE).values_list("target", flat=True))
    assert deleted == {f"task:{pk}" for pk in [parent.pk, *children]}


def test_a_sub_task_has_its_own_delete_button_and_goes_alone(editor, strategy):
    parent = strategy.tasks.get(title="Prioritise trust")
    child, *others = parent.subtasks.all()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    page = BeautifulSoup(client.get(reverse("strategies:action_plan", args=[strategy.pk])).content, "html.parser")
    form = _delete_form(page, child)
    assert form.find("button", type="submit")["data-confirm"] == f"Delete “{child.title}”?"
    assert _post_as_the_browser(client, form).status_code == 302
    assert not Task.objects.filter(pk=child.pk).exists()
    assert parent.subtasks.count() == len(others)


def test_a_task_a_colleague_changed_meanwhile_is_not_deleted(editor, lead, strategy):
    task = strategy.tasks.filter(parent=None, subtasks=None).first()
    client = Client(enforce_csrf_checks=True)
    client.force_login(editor)
    plan = reverse("strategies:action_plan", args=[strategy.pk])
    form = _delete_form(BeautifulSoup(client.get(plan).content, "html.parser"), task)
    services.part_update(part=task, data={"status": "done"}, base_version=task.edit_version, user=lead)

    response = _post_as_the_browser(client, form)
    assert response.status_code == 302 and response.url == plan
    assert Task.objects.filter(pk=task.pk, status="done").exists()
    assert "a colleague changed it in the meantime" in client.get(plan).content.decode()


@pytest.mark.parametrize("persona", ["viewer", "reviewer", "outsider"])
def test_who_may_not_edit_sees_no_delete_button_and_cannot_delete(client, personas, persona, strategy):
    task = strategy.tasks.get(title="Design processes")
    client.force_login(personas[persona])
    plan = client.get(reverse("strategies:action_plan", args=[strategy.pk]))
    if plan.status_code == 200:
        assert _delete_form(BeautifulSoup(plan.content, "html.parser"), task) is None
    url = reverse("strategies:part_delete", args=[strategy.pk, "tasks", task.pk])
    assert client.post(url, {"edit_version": task.edit_version}).status_code in (403, 404)
    assert Task.objects.filter(pk=task.pk).exists()


def test_a_task_title_that_looks_like_code_is_shown_as_typed_on_its_delete_button(editor, strategy):
    title = "{{ request.user.password }} <script>alert(1)</script> {% now 'Y' %}"
    task = services.part_create(model=Task, strategy=strategy, phase="execute", title=title, user=editor)
    client = Client()
    client.force_login(editor)
    html = client.get(reverse("strategies:action_plan", args=[strategy.pk])).content.decode()
    button = _delete_form(BeautifulSoup(html, "html.parser"), task).find("button", type="submit")
    assert button.get_text(" ", strip=True) == f"Delete “{title}”"
    assert button["data-confirm"] == f"Delete “{title}”?"
    assert "<script>alert(1)" not in html
