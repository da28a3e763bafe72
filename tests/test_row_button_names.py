"""Lists with a button on every row ("Edit", "Delete", "Change", "Reply", ...) name the row in each button,
so a screen reader's list of buttons reads "Edit Adults", "Edit Children", not ten times "Edit". The visible
text comes first in the accessible name (WCAG 2.5.3, label in name)."""

from collections import Counter
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from accounts.models import Membership
from reviews import services as review_services
from strategies import services
from strategies.models import AudienceSegment
from tests.factories import MembershipFactory, country

CONTROLS = {"button", "summary"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Controls(HTMLParser):
    """Every button, summary and button-styled link: (visible text, accessible name)."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, str]] = []
        self.open: list[dict] = []  # the controls being read (never nested in valid HTML: at most one)
        self.stack: list[bool] = []  # per open element: is it visually hidden?

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        is_control = tag in CONTROLS or (tag == "a" and "btn" in (attrs.get("class") or "").split())
        if tag in VOID:
            return
        self.stack.append("visually-hidden" in (attrs.get("class") or "").split())
        if is_control:
            self.open.append({"depth": len(self.stack), "label": attrs.get("aria-label"), "seen": "", "all": ""})

    def handle_endtag(self, tag):
        if tag in VOID or not self.stack:
            return
        if self.open and self.open[-1]["depth"] == len(self.stack):
            control = self.open.pop()
            seen, text = " ".join(control["seen"].split()), " ".join(control["all"].split())
            self.found.append((seen, " ".join((control["label"] or text).split())))
        self.stack.pop()

    def handle_data(self, data):
        for control in self.open:
            control["all"] += data
            if not any(self.stack[control["depth"] - 1 :]):
                control["seen"] += data


def controls(html: str) -> list[tuple[str, str]]:
    parser = Controls()
    parser.feed(html)
    return parser.found


def assert_rows_named(html: str, *repeated: str) -> None:
    """Each of the `repeated` visible texts appears on several rows, each time with another accessible name
    that starts with what is seen."""
    found = controls(html)
    for text in repeated:
        names = [name for seen, name in found if seen == text]
        assert len(names) >= 2, (text, found)
        duplicates = [name for name, n in Counter(names).items() if n > 1]
        assert not duplicates, f"{text!r} buttons that read the same: {duplicates}"
        assert all(name.startswith(text) and name != text for name in names), names


def get(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_action_plan_names_each_task_in_its_buttons(client, editor, strategy):
    assert strategy.tasks.count() >= 2
    html = get(client, editor, reverse("strategies:action_plan", args=[strategy.pk]))
    assert_rows_named(html, "Edit", "Add sub-task")


def test_a_part_list_names_each_row_in_its_buttons(client, editor, strategy):
    for name in ("Adults", "Children", "Rural {{ patients }}"):
        services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name=name)
    html = get(client, editor, reverse("strategies:parts", args=[strategy.pk, "segments"]))
    assert_rows_named(html, "Edit", "Delete")
    names = [name for seen, name in controls(html) if seen in ("Edit", "↑", "↓")]
    assert "Edit Rural {{ patients }}" in names and "Move up: Adults" in names and "Move down: Children" in names


def test_the_team_pages_name_each_member_in_change_and_remove(client, lead, editor, viewer):
    html = get(client, lead, reverse("accounts:country", args=["DE"]))
    assert_rows_named(html, "Change", "Remove")


def test_a_persons_page_names_each_country_in_change_and_remove(client, admin_user, editor):
    MembershipFactory(user=editor, country=country("FR"), role=Membership.Role.VIEWER)
    html = get(client, admin_user, reverse("accounts:person", args=[editor.pk]))
    assert_rows_named(html, "Change", "Remove")


def test_the_overview_names_each_section_in_assign_and_save(client, lead, strategy):
    html = get(client, lead, reverse("strategies:detail", args=[strategy.pk]))
    assert_rows_named(html, "Assign", "Save")


def test_comment_threads_are_named_in_reply_and_resolve(client, lead, editor, strategy):
    for body in ("Targets?", "Dates? {{ csrf_token }} {% now 'Y' %}"):
        services.comment_add(strategy=strategy, key="objectives", author=editor, body=body)
    html = get(client, lead, reverse("strategies:section_comments", args=[strategy.pk, "objectives"]))
    assert_rows_named(html, "Reply", "Resolve")
    # crispy renders a button's text as a template: a comment's braces stay text
    names = [name for seen, name in controls(html) if seen == "Reply"]
    assert any(name.endswith("Dates? {{ csrf_token }} {% now 'Y' %}") for name in names), names


@pytest.mark.parametrize("page", ["review", "inbox"])
def test_the_reviewer_pages_name_each_section_and_country(client, lead, reviewer, outsider, strategy, page):
    from tests.factories import make_strategy

    review_services.strategy_submit(strategy=strategy, user=lead)
    review_services.strategy_submit(strategy=make_strategy("FR"), user=outsider)
    if page == "review":
        review = review_services.open_review(strategy)
        html = get(client, reviewer, reverse("reviews:review", args=[review.pk]))
        assert_rows_named(html, "Save verdict")
    else:
        html = get(client, reviewer, reverse("reviews:inbox"))
        assert_rows_named(html, "Claim")
