"""The strategy pages' forms are Django forms rendered by crispy: no field typed into a template by hand, each
form sends the names the views read, and what a person typed comes back as typed."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from strategies import services
from tests.factories import make_strategy
from tests.test_forms_as_a_browser import Page, browser, open_page


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content.decode(), "html.parser")


@pytest.fixture
def strategy(db):
    return make_strategy("DE")


def test_assignment_form_shows_the_current_assignee_and_due_date(client, lead, editor, strategy):
    import datetime

    due = datetime.date(2026, 9, 1)
    services.section_assign(strategy=strategy, key="objectives", assignee=editor, due=due, assigned_by=lead)
    client.force_login(lead)
    page = soup(client.get(reverse("strategies:detail", args=[strategy.pk])))
    form = page.select_one("tr#objectives form")
    assert form.select_one("select#assignee-objectives option[selected]")["value"] == str(editor.pk)
    assert form.select_one("input#due-objectives")["value"] == "2026-09-01"
    assert form.select_one('label[for="assignee-objectives"]') and form.select_one('label[for="due-objectives"]')
    other = page.select_one("tr#target_audience form select#assignee-target_audience option[selected]")
    assert other["value"] == ""


def test_assignment_forms_read_the_people_once(client, lead, strategy, django_assert_max_num_queries):
    client.force_login(lead)
    with django_assert_max_num_queries(22):
        client.get(reverse("strategies:detail", args=[strategy.pk]))


def test_an_invalid_assignment_is_refused_with_a_message(client, lead, strategy):
    client.force_login(lead)
    url = reverse("strategies:section_assign", args=[strategy.pk, "objectives"])
    response = client.post(url, {"assignee": "999999", "due": "1800-01-01"}, follow=True)
    assert not strategy.assignments.exists()
    assert "was not saved" in response.content.decode()


def test_workflow_buttons_are_the_state_machines_steps(client, lead, strategy):
    client.force_login(lead)
    page = soup(client.get(reverse("strategies:detail", args=[strategy.pk])))
    forms = page.select('form[action$="/transition/"]')
    assert [f.select_one('input[name="action"]')["value"] for f in forms] == strategy.available_actions()
    submit = forms[0]
    assert submit.select_one("textarea[name=reason]")["id"] == "reason-submit"
    assert submit.select_one('label[for="reason-submit"]')
    assert submit.select_one("button[type=submit]").get_text(strip=True) == "Submit for review"


def test_checklist_fields_keep_their_names_ids_and_labels(client, editor, viewer, strategy):
    client.force_login(editor)
    page = soup(client.get(reverse("strategies:assessments", args=[strategy.pk])))
    for row in strategy.assessments.all():
        select = page.select_one(f'select[name="status-{row.pk}"]#status-{row.pk}')
        assert select.select_one("option[selected]")["value"] == row.status
        assert page.select_one(f'label[for="status-{row.pk}"]') and page.select_one(f'label[for="evidence-{row.pk}"]')
        assert page.select_one(f'input[type=hidden][name="version-{row.pk}"]')["value"] == str(row.edit_version)
    client.force_login(viewer)
    page = soup(client.get(reverse("strategies:assessments", args=[strategy.pk])))
    assert all(field.has_attr("disabled") for field in page.select("select, textarea"))


def test_an_invalid_status_marks_the_row_and_keeps_every_text(client, editor, strategy):
    rows = list(strategy.assessments.all())
    data = {f"version-{r.pk}": r.edit_version for r in rows}
    data |= {f"status-{r.pk}": "planned" for r in rows} | {f"evidence-{r.pk}": f"Text & <{r.pk}>" for r in rows}
    data[f"status-{rows[0].pk}"] = "bogus"
    client.force_login(editor)
    response = client.post(reverse("strategies:assessments", args=[strategy.pk]), data)
    assert response.status_code == 422
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert "is-invalid" in page.select_one(f"#status-{rows[0].pk}")["class"]
    for row in rows:
        assert page.select_one(f"#evidence-{row.pk}").get_text().removeprefix("\n") == f"Text & <{row.pk}>"
    assert not strategy.assessments.filter(evidence__startswith="Text").exists()


# --- GET filters and small action forms, sent as a browser sends them -----------------------------------------


def test_action_plan_filter_is_sent_as_the_browser_sends_it(editor, strategy):
    client = browser(editor)
    url = reverse("strategies:action_plan", args=[strategy.pk])
    page = open_page(client, url + "?view=timeline")
    form = page.form('form[method="get"]')
    assert form.element.select_one('input[type=hidden][name="view"]')["value"] == "timeline"
    for name in ("owner", "status", "overdue"):
        assert page.soup.select_one(f'label[for="id_{name}"]'), name
    form.fill("create", status="done", overdue="")
    form.data.pop("overdue")
    response = client.get(url, {name: values[0] for name, values in form.data.items()})
    page = Page(url, response)
    assert page.soup.select_one("#id_status option[selected]")["value"] == "done"
    assert page.soup.select_one('input[name="view"]')["value"] == "timeline"
    assert page.soup.select_one('form a[href="?view=timeline"]').get_text(strip=True) == "Clear"


def test_action_plan_ignores_an_unknown_view(client, editor, strategy):
    client.force_login(editor)
    response = client.get(reverse("strategies:action_plan", args=[strategy.pk]), {"view": "<script>"})
    assert response.status_code == 200 and response.context["view"] == "table"


def test_history_compares_the_versions_a_browser_picks(editor, strategy):
    for number in (1, 2, 3):
        section = services.section_for(strategy, "conclusion")
        services.section_update(
            strategy=strategy,
            key="conclusion",
            data={"summary": f"<p>Words {number}</p>"},
            base_version=section.edit_version,
            user=editor,
        )
    client = browser(editor)
    url = reverse("strategies:section_history", args=[strategy.pk, "conclusion"])
    page = open_page(client, url)
    newest = services.section_for(strategy, "conclusion").edit_version
    assert page.soup.select_one("select#b option[selected]")["value"] == str(newest)
    assert page.soup.select_one("select#a option[selected]")["value"] == str(newest - 1)
    assert page.soup.select_one('label[for="a"]') and page.soup.select_one('label[for="b"]')
    form = page.form('form[method="get"]').fill("edit")
    response = client.get(url, {name: values[0] for name, values in form.data.items()})
    shown = Page(url, response)
    assert shown.soup.select_one("select#a option[selected]")["value"] == form.value("a")
    assert client.get(url, {"a": "x"}).status_code == 404
    assert client.get(url, {"a": "999"}).status_code == 404


def test_calendar_link_is_made_and_revoked_with_the_pages_forms(editor):
    from accounts.models import CalendarToken

    client = browser(editor)
    url = reverse("strategies:calendar")
    page = open_page(client, url)
    create = page.form("main form").fill()
    assert create.submit(client, button_text="Create my calendar link").status_code == 302
    token = CalendarToken.objects.get(user=editor)
    page = open_page(client, url)
    link = page.soup.select_one("input#feed-url")
    assert link.has_attr("readonly") and token.token in link["value"] and page.soup.select_one('label[for="feed-url"]')
    revoke = page.form("main form", containing='input[value="revoke"]').fill()
    assert revoke.submit(client).status_code == 302
    assert not CalendarToken.objects.filter(user=editor).exists()


def test_calendar_refuses_an_unknown_action(client, editor):
    from accounts.models import CalendarToken

    client.force_login(editor)
    response = client.post(reverse("strategies:calendar"), {"action": "explode"}, follow=True)
    assert "Unknown action" in response.content.decode()
    assert not CalendarToken.objects.filter(user=editor).exists()


# --- Comments panel ------------------------------------------------------------------------------------------


def _panel(client, strategy, key="objectives") -> Page:
    return open_page(client, reverse("strategies:section_comments", args=[strategy.pk, key]), htmx=True)


def test_a_thread_is_resolved_and_reopened_with_the_panels_forms(editor, strategy):
    thread = services.comment_add(strategy=strategy, key="objectives", author=editor, body="Check the figures")
    client = browser(editor)
    form = _panel(client, strategy).form('form[action$="/resolve/"]').fill()
    assert form.element["hx-target"] == "#comments-panel"
    response = form.submit(client, button_text="Resolve")
    thread.refresh_from_db()
    assert response.status_code == 200 and thread.is_resolved
    page = Page("panel", response)
    assert not page.soup.select(f'#comment-{thread.pk} input[name="parent"]')  # no reply to a resolved thread
    page.form('form[action$="/reopen/"]').fill().submit(client, button_text="Reopen")
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_a_viewer_gets_no_resolve_button(viewer, strategy):
    services.comment_add(strategy=strategy, key="objectives", author=viewer, body="A question")
    page = _panel(browser(viewer), strategy)
    assert page.soup.select('input[name="parent"]') and not page.soup.select('form[action$="/resolve/"]')


def test_comment_boxes_are_labelled_and_offer_mentions(editor, strategy):
    thread = services.comment_add(strategy=strategy, key="objectives", author=editor, body="Thread")
    page = _panel(browser(editor), strategy)
    body = page.soup.select_one("textarea[name=body]")
    reply = page.soup.select_one(f'#comment-{thread.pk} input[name="body"]')
    for field in (body, reply):
        assert page.soup.select_one(f'label[for="{field["id"]}"]')
        assert field["data-mentions"] == reverse("strategies:mention_candidates", args=[strategy.pk])
        assert field["aria-describedby"] == "mention-help" and field["maxlength"]
    assert page.soup.select_one("#mention-help")


def test_a_refused_reply_comes_back_in_its_own_box_with_the_text(editor, strategy):
    thread = services.comment_add(strategy=strategy, key="objectives", author=editor, body="Thread")
    client = browser(editor)
    long_text = "Rock & roll <3 " * 500
    form = _panel(client, strategy).form("form", containing='input[name="parent"]').fill("create", body=long_text)
    response = form.submit(client)
    page = Page("panel", response)
    box = page.soup.select_one(f'#comment-{thread.pk} input[name="body"]')
    assert box["value"] == long_text and "is-invalid" in box["class"]
    assert page.soup.select_one("textarea[name=body]").get_text().strip() == ""
    assert not thread.replies.exists()


def test_a_comment_round_trips_without_double_escaping(editor, strategy):
    client = browser(editor)
    form = _panel(client, strategy).form("form", containing="textarea").fill("create", body="Rock & roll <3")
    form.submit(client)
    page = _panel(client, strategy)
    assert "Rock & roll <3" in page.soup.select_one("article p").get_text()


# --- Reusing a row of an approved strategy --------------------------------------------------------------------


def test_a_person_with_two_drafts_picks_where_a_row_goes(editor, reviewer):
    from accounts.models import Membership
    from reviews import services as review_services
    from strategies import models
    from tests.factories import MembershipFactory, UserFactory, country

    mine = make_strategy("DE")
    other = make_strategy("FR", title="Stratégie nationale")
    MembershipFactory(user=editor, country=country("FR"), role=Membership.Role.EDITOR)
    portugal = make_strategy("PT", title="Portugal")
    services.part_create(model=models.Risk, strategy=portugal, description="Rumours & <doubts>")
    lead_pt = MembershipFactory(user=UserFactory(username="lead-pt"), role="lead", country=portugal.country).user
    review_services.strategy_submit(strategy=portugal, user=lead_pt)
    review_services.review_decide(review=review_services.open_review(portugal), user=reviewer, decision="approve")
    client = browser(editor)
    url = reverse("reviews:snapshot", args=[portugal.snapshots.get().pk])
    page = open_page(client, url)
    form = page.form('form[action*="/risks/"]')
    select = form.element.select_one("select[name=strategy]")
    assert {o["value"] for o in select.select("option")} == {str(mine.pk), str(other.pk)}
    assert page.soup.select_one(f'label[for="{select["id"]}"]').get_text(strip=True).startswith("Into")
    assert form.element.select_one("input[name=next]")["value"].endswith("#part-risks")
    form.fill("create", strategy=str(other.pk))
    assert form.submit(client, button_text="Copy to my draft").status_code == 302
    assert list(other.risks.values_list("description", flat=True)) == [portugal.risks.get().description]
    assert not mine.risks.exists()


def test_section_editor_names_each_editor_by_its_prompt_and_describes_it_by_the_guidance(client, editor, strategy):
    client.force_login(editor)
    page = soup(client.get(reverse("strategies:section", args=[strategy.pk, "target_audience"])))
    editors = page.select("form[data-draft-key] trix-editor")
    assert len(editors) > 1
    for box in editors:
        field = page.select_one(f"input[type=hidden]#{box['input']}[data-rich-text]")
        label = page.select_one(f"#{box['aria-labelledby']}")
        assert label.name == "label" and label["for"] == field["id"] and label.get_text(strip=True)
        assert page.select_one(f"#{field['aria-describedby']}").get_text(strip=True)  # the guide's guidance
