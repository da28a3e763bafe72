import pytest
from django.urls import reverse

from reviews import services
from reviews.models import Notification, Review
from strategies import services as strategy_services
from tests.factories import make_strategy


@pytest.fixture
def submitted(lead, editor):
    strategy = make_strategy("DE")
    strategy_services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>First words</p>"}, base_version=1, user=editor
    )
    services.strategy_submit(strategy=strategy, user=lead)
    return strategy


@pytest.mark.parametrize("persona", ["lead", "editor", "viewer", "outsider"])
def test_inbox_and_review_pages_are_for_reviewers_only(client, personas, persona, submitted):
    client.force_login(personas[persona])
    review = services.open_review(submitted)
    assert client.get(reverse("reviews:inbox")).status_code == 404
    assert client.get(reverse("reviews:review", args=[review.pk])).status_code == 404
    assert client.post(reverse("reviews:decide", args=[review.pk]), {"decision": "approve"}).status_code == 404
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_inbox_lists_waiting_reviews_oldest_first(client, reviewer, lead, submitted):
    france = make_strategy("FR", title="Stratégie")
    from accounts import policy
    from accounts.models import Membership
    from tests.factories import country

    Membership.objects.create(user=lead, country=country("FR"), role="lead")
    lead.refresh_from_db()
    policy.forget_roles(lead)  # roles are cached per request on the user object
    services.strategy_submit(strategy=france, user=lead)
    client.force_login(reviewer)
    content = client.get(reverse("reviews:inbox")).content.decode()
    assert content.index("Germany") < content.index("France")
    assert "nobody yet" in content


def test_claim_then_section_verdicts_then_request_changes(client, reviewer, submitted, mailoutbox):
    review = services.open_review(submitted)
    client.force_login(reviewer)
    client.post(reverse("reviews:claim", args=[review.pk]), {"due": "2026-12-01"})
    review.refresh_from_db()
    assert review.reviewer == reviewer and str(review.due) == "2026-12-01"
    page = client.get(reverse("reviews:review", args=[review.pk])).content.decode()
    assert "First words" in page and "Send decision" in page
    client.post(
        reverse("reviews:verdict", args=[review.pk, "conclusion"]),
        {"status": "needs_changes", "comment": "Say what happens next."},
    )
    response = client.post(reverse("reviews:decide", args=[review.pk]), {"decision": "request_changes", "reason": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == "submitted"  # no reason: refused, nothing changed
    client.post(reverse("reviews:decide", args=[review.pk]), {"decision": "request_changes", "reason": "One point"})
    submitted.refresh_from_db()
    assert submitted.status == "changes_requested"


def test_a_verdict_comment_notifies_the_colleague_it_mentions_once(
    client, reviewer, lead, editor, outsider, submitted, mailoutbox, django_capture_on_commit_callbacks
):
    review = services.open_review(submitted)
    client.force_login(reviewer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:verdict", args=[review.pk, "conclusion"]),
            {"status": "needs_changes", "comment": "@lead please add dates (not @outsider, nor anna@example.org)."},
        )
    assert response.status_code == 302
    comment = submitted.comments.get(from_review=True)
    assert comment.snapshot_number == review.snapshot.number
    assert list(comment.mentions.all()) == [lead]  # the same parsing as the editor's comments
    mentioned = Notification.objects.filter(subject__contains="mentioned you")
    assert [(note.user, note.url) for note in mentioned] == [
        (lead, reverse("strategies:section", args=[submitted.pk, "conclusion"]) + f"#comment-{comment.pk}")
    ]
    assert [m.to for m in mailoutbox if "mentioned you" in m.subject] == [[lead.email]]


def test_resubmission_shows_what_changed_and_earlier_comments(client, reviewer, lead, editor, submitted):
    review = services.open_review(submitted)
    services.section_review_set(
        review=review, key="conclusion", status="needs_changes", user=reviewer, comment="Too short"
    )
    services.section_review_set(review=review, key="introduction", status="accepted", user=reviewer)
    services.review_decide(review=review, user=reviewer, decision="request_changes", reason="Conclusion")
    comment = review.snapshot.strategy.comments.get(from_review=True)
    strategy_services.comment_resolve(comment=comment, user=editor)
    strategy_services.section_update(
        strategy=submitted,
        key="conclusion",
        data={"summary": "<p>First words and next steps</p>"},
        base_version=2,
        user=editor,
    )
    services.strategy_submit(strategy=submitted, user=lead)
    second = services.open_review(submitted)
    client.force_login(reviewer)
    page = client.get(reverse("reviews:review", args=[second.pk])).content.decode()
    assert "Changes are shown against submission 1" in page
    assert "<ins>and next steps</ins>" in page or "<ins> and next steps</ins>" in page
    assert "addressed (resolved by" in page and "Too short" in page
    assert "carried over" in page  # the accepted, unchanged introduction


def test_lead_submits_from_the_overview_and_sees_the_timeline(client, lead, reviewer):
    strategy = make_strategy("DE")
    client.force_login(lead)
    url = reverse("reviews:transition", args=[strategy.pk])
    confirm = client.post(url, {"action": "submit", "reason": "Please look"}).content.decode()
    assert "Submit version 1 for review?" in confirm and "Please look" in confirm  # asked first, note kept
    strategy.refresh_from_db()
    assert strategy.status == "draft"
    response = client.post(url, {"action": "submit", "reason": "Please look", "confirmed": "1"}, follow=True)
    content = response.content.decode()
    assert "Submitted for review" in content and "Draft → In review" in content and "Please look" in content
    assert Notification.objects.filter(user=reviewer).exists()


def test_editor_cannot_submit_and_illegal_actions_explain_themselves(client, editor, lead):
    strategy = make_strategy("DE")
    client.force_login(editor)
    response = client.post(reverse("reviews:transition", args=[strategy.pk]), {"action": "submit"}, follow=True)
    assert "Only the country&#x27;s lead can do that." in response.content.decode()
    client.force_login(lead)
    response = client.post(reverse("reviews:transition", args=[strategy.pk]), {"action": "withdraw"}, follow=True)
    assert "cannot be withdrawn" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.status == "draft"


def test_transition_of_another_countrys_strategy_is_404(client, outsider):
    strategy = make_strategy("DE")
    client.force_login(outsider)
    assert client.post(reverse("reviews:transition", args=[strategy.pk]), {"action": "submit"}).status_code == 404


def test_approved_strategy_is_readable_by_other_countries_but_not_before(client, outsider, reviewer, submitted):
    client.force_login(outsider)
    assert client.get(reverse("strategies:detail", args=[submitted.pk])).status_code == 404
    snapshot = submitted.snapshots.get()
    assert client.get(reverse("reviews:snapshot", args=[snapshot.pk])).status_code == 404
    services.review_decide(review=services.open_review(submitted), user=reviewer, decision="approve")
    response = client.get(reverse("strategies:detail", args=[submitted.pk]), follow=True)
    assert response.status_code == 200 and b"First words" in response.content
    assert client.get(reverse("strategies:section", args=[submitted.pk, "conclusion"])).status_code == 404


def test_bell_counts_unread_and_opening_marks_read(client, editor, submitted):
    client.force_login(editor)
    page = client.get(reverse("strategies:home")).content.decode()
    assert "data-unread>1<" in page
    note = Notification.objects.get(user=editor)
    response = client.get(reverse("reviews:notification", args=[note.pk]))
    assert response.status_code == 302 and response.url == reverse("strategies:detail", args=[submitted.pk])
    note.refresh_from_db()
    assert note.read_at is not None


def test_notification_of_someone_else_is_404(client, lead, editor, submitted):
    client.force_login(lead)
    note = Notification.objects.get(user=editor)
    assert client.get(reverse("reviews:notification", args=[note.pk])).status_code == 404


def test_email_preference(client, editor):
    client.force_login(editor)
    client.post(reverse("reviews:notifications"), {"email_mode": "daily"})
    editor.refresh_from_db()
    assert editor.email_mode == "daily"


def test_review_page_query_count_is_bounded(client, reviewer, submitted, django_assert_max_num_queries):
    review = Review.objects.get()
    client.force_login(reviewer)
    client.get(reverse("reviews:review", args=[review.pk]))
    with django_assert_max_num_queries(15):
        assert client.get(reverse("reviews:review", args=[review.pk])).status_code == 200
