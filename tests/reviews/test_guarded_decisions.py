"""Review decisions are guarded: progress shown, approval confirmed with the unreviewed sections listed,
submission confirmed, and the country sees the verdicts where it works."""

import pytest
from django.urls import reverse

from reviews import services
from strategies import services as strategy_services
from tests.factories import make_strategy


@pytest.fixture
def review(lead, editor):
    strategy = make_strategy("DE")
    strategy_services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Words</p>"}, base_version=1, user=editor
    )
    services.strategy_submit(strategy=strategy, user=lead)
    return services.open_review(strategy)


def test_review_page_counts_sections_reviewed(client, reviewer, review):
    services.section_review_set(review=review, key="objectives", status="accepted", user=reviewer)
    client.force_login(reviewer)
    content = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "1 of 13 sections reviewed" in content and "review-panel sticky-top" in content
    assert "12 sections have no verdict yet; approving asks you to confirm." in content


def test_approving_asks_first_and_lists_the_unreviewed_sections(client, reviewer, review):
    services.section_review_set(review=review, key="objectives", status="accepted", user=reviewer)
    client.force_login(reviewer)
    url = reverse("reviews:decide", args=[review.pk])
    response = client.post(url, {"decision": "approve", "reason": "Well done"})
    content = response.content.decode()
    assert response.status_code == 200 and "12 of 13 sections have no verdict" in content
    assert "1. Executive Summary" in content and "12. Conclusion" in content and ">3. Objectives<" not in content
    assert 'name="confirmed" value="1"' in content and "Well done</textarea>" in content
    review.refresh_from_db()
    assert review.is_open and review.snapshot.strategy.status == "submitted"  # nothing decided yet
    client.post(url, {"decision": "approve", "reason": "Well done", "confirmed": "1"})
    review.refresh_from_db()
    assert review.decision == "approve" and review.snapshot.strategy.status == "approved"


def test_requesting_changes_needs_no_second_step(client, reviewer, review):
    client.force_login(reviewer)
    client.post(reverse("reviews:decide", args=[review.pk]), {"decision": "request_changes", "reason": "Two points"})
    review.refresh_from_db()
    assert review.decision == "request_changes"


def test_submitting_asks_first_and_names_incomplete_sections(client, lead):
    strategy = make_strategy("DE")
    client.force_login(lead)
    url = reverse("reviews:transition", args=[strategy.pk])
    content = client.post(url, {"action": "submit", "reason": "Please"}).content.decode()
    assert "Submit version 1 for review?" in content and "12 sections are not complete" in content
    strategy.refresh_from_db()
    assert strategy.status == "draft"
    client.post(url, {"action": "submit", "reason": "Please", "confirmed": "1"})
    strategy.refresh_from_db()
    assert strategy.status == "submitted"


def test_country_sees_which_sections_need_changes(client, lead, reviewer, review):
    services.section_review_set(review=review, key="objectives", status="needs_changes", user=reviewer, comment="Why?")
    services.section_review_set(review=review, key="introduction", status="accepted", user=reviewer)
    services.review_decide(review=review, user=reviewer, decision="request_changes", reason="See objectives")
    strategy = review.snapshot.strategy
    client.force_login(lead)
    overview = client.get(reverse("strategies:detail", args=[strategy.pk])).content.decode()
    assert "1 section needs changes:" in overview and "review of submission 1" in overview
    editor_page = client.get(reverse("strategies:section", args=[strategy.pk, "objectives"])).content.decode()
    assert "Special Group review" in editor_page and "Needs changes" in editor_page
    accepted = client.get(reverse("strategies:section", args=[strategy.pk, "introduction"])).content.decode()
    assert "verdict-note small mb-3 accepted" in accepted


def test_verdicts_of_an_open_review_are_not_shown_to_the_country(client, lead, reviewer, review):
    services.section_review_set(review=review, key="objectives", status="needs_changes", user=reviewer)
    client.force_login(lead)
    content = client.get(reverse("strategies:detail", args=[review.snapshot.strategy.pk])).content.decode()
    assert "needs changes:" not in content
