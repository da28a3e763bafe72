"""The review pages' forms are Django forms rendered by crispy, and work as a browser sends them."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from reviews import services
from reviews.models import Notification
from tests.factories import make_strategy
from tests.test_forms_as_a_browser import browser, ok, open_page


@pytest.fixture
def review(lead):
    strategy = make_strategy("DE")
    services.strategy_submit(strategy=strategy, user=lead)
    return services.open_review(strategy)


def test_claiming_and_releasing_from_the_inbox_as_a_browser(reviewer, review):
    client = browser(reviewer)
    page = open_page(client, reverse("reviews:inbox"))
    form = page.form('form[action$="/claim/"]', containing="input[name=due]").fill()
    ok(form.submit(client))
    review.refresh_from_db()
    assert review.reviewer == reviewer and review.due.isoformat() == form.value("due")
    page = open_page(client, reverse("reviews:inbox"))
    assert not page.soup.select("input[name=due]")  # claimed: only the release button is offered
    ok(page.form('form[action$="/claim/"]', containing="input[name=release]").fill().submit(client))
    review.refresh_from_db()
    assert review.reviewer is None


def test_the_review_page_offers_the_verdicts_and_decisions_of_the_models(reviewer, review):
    page = open_page(browser(reviewer), reverse("reviews:review", args=[review.pk]))
    verdict = page.form('form[action$="/sections/objectives/"]')
    values = {radio["value"] for radio in verdict.element.select("input[name=status]")}
    assert values == {"accepted", "needs_changes"}
    decision = page.form('form[action$="/decide/"]')
    assert {r["value"] for r in decision.element.select("input[name=decision]")} == {"approve", "request_changes"}
    ids = [tag["id"] for tag in page.soup.select("[id]")]
    assert len(ids) == len(set(ids))  # one verdict form per section, each with its own ids
    for field in page.soup.select("form input:not([type=hidden]), form textarea"):
        assert field.get("id") and page.soup.select(f'label[for="{field["id"]}"]'), field


def test_a_decision_without_a_choice_keeps_the_typed_reason(reviewer, review):
    client = browser(reviewer)
    page = open_page(client, reverse("reviews:review", args=[review.pk]))
    form = page.form('form[action$="/decide/"]')
    form.data = {"csrfmiddlewaretoken": [page.soup.select_one("[name=csrfmiddlewaretoken]")["value"]]}
    form.data["reason"] = ["Rock & roll <3"]
    response = form.submit(client)
    assert response.status_code == 400
    again = BeautifulSoup(response.content, "html.parser")  # the page again, with the form's errors
    assert again.select_one('form[action$="/decide/"] textarea[name=reason]').text.strip() == "Rock & roll <3"
    assert "&amp;amp;" not in response.content.decode()
    review.refresh_from_db()
    assert review.is_open


def test_mark_all_read_is_a_form_of_its_own(lead, review):
    client = browser(lead)
    Notification.objects.create(user=lead, subject="Hello")
    page = open_page(client, reverse("reviews:notifications"))
    ok(page.form("form", containing="input[name=mark_read]").fill().submit(client))
    assert not Notification.objects.filter(user=lead, read_at=None).exists()


def test_a_verdict_without_a_choice_keeps_the_typed_comment(reviewer, review):
    client = browser(reviewer)
    page = open_page(client, reverse("reviews:review", args=[review.pk]))
    form = page.form('form[action$="/sections/objectives/"]').fill(comment="Rock & roll <3")
    form.data.pop("status")
    response = form.submit(client)
    assert response.status_code == 400
    again = BeautifulSoup(response.content, "html.parser")
    kept = again.select_one('form[action$="/sections/objectives/"] textarea[name=comment]')
    assert kept.text.strip() == "Rock & roll <3" and "&amp;amp;" not in response.content.decode()
    assert not review.sections.exists()
