import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from accounts.models import User
from reviews import services
from reviews.models import Event, Notification, Review, SectionReview, Snapshot
from strategies import services as strategy_services
from strategies.models import Comment, Strategy
from tests.conftest import make_personas, written_once_for_many_tests
from tests.factories import make_strategy

STATES = ["draft", "submitted", "changes_requested", "approved"]
ACTIONS = {
    "submit": lambda s, u: services.strategy_submit(strategy=s, user=u),
    "withdraw": lambda s, u: services.strategy_withdraw(strategy=s, user=u),
    "reopen": lambda s, u: services.strategy_reopen(strategy=s, user=u),
    "approve": lambda s, u: services.review_decide(review=_review(s), user=u, decision="approve"),
    "request_changes": lambda s, u: services.review_decide(
        review=_review(s), user=u, decision="request_changes", reason="More on consent, please."
    ),
}
ALLOWED = {
    "submit": ({"draft", "changes_requested"}, {"lead", "admin"}),
    "withdraw": ({"submitted"}, {"lead", "admin"}),
    "reopen": ({"approved"}, {"lead", "admin"}),
    "approve": ({"submitted"}, {"reviewer", "admin"}),
    "request_changes": ({"submitted"}, {"reviewer", "admin"}),
}


def _review(strategy):
    review = services.open_review(strategy)
    if review is None:  # a state reached without a submission: give the decision something to act on
        snapshot = Snapshot.objects.create(strategy=strategy, number=99, version=1, data={})
        review = Review.objects.create(snapshot=snapshot)
    return review


def strategy_in(state: str, lead, reviewer) -> Strategy:
    strategy = make_strategy("DE")
    if state in ("submitted", "changes_requested", "approved"):
        services.strategy_submit(strategy=strategy, user=lead)
    if state == "changes_requested":
        services.review_decide(review=_review(strategy), user=reviewer, decision="request_changes", reason="x")
    if state == "approved":
        services.review_decide(review=_review(strategy), user=reviewer, decision="approve")
    strategy.refresh_from_db()
    assert strategy.status == state
    return strategy


PERSONAS = ["lead", "editor", "viewer", "outsider", "reviewer", "admin"]


@pytest.fixture(scope="class")
def in_state(request, django_db_setup, django_db_blocker):
    """The persona fixtures' people and Germany's strategy brought into the state `request.param`, written
    once for the tests of a class that start from that state (30 each) instead of once per test; each test
    runs in a savepoint of its own inside it. Yields (state, {persona: user id}, the strategy's id)."""
    with written_once_for_many_tests(django_db_blocker):
        people = make_personas()
        strategy = strategy_in(request.param, people["lead"], people["reviewer"])
        yield request.param, {name: user.pk for name, user in people.items()}, strategy.pk


# Tests are grouped by the state they start from (pytest orders them so that each state is written once), and
# stay on one test worker (make test's --dist loadgroup).
@pytest.mark.xdist_group("workflow-states")
class TestEveryTransition:
    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize("in_state", STATES, indirect=True, scope="class")
    @pytest.mark.parametrize("action", ACTIONS)
    def test_every_transition_for_every_role(self, db, in_state, action, persona):
        state, people, strategy_id = in_state
        personas = {name: User.objects.get(pk=pk) for name, pk in people.items()}
        strategy = Strategy.objects.get(pk=strategy_id)
        assert strategy.status == state
        events = Event.objects.count()
        states, roles = ALLOWED[action]
        if state in states and persona in roles:
            ACTIONS[action](strategy, personas[persona])
            strategy.refresh_from_db()
            assert strategy.status == Strategy.TRANSITIONS[action][1]
            assert Event.objects.count() == events + 1
            event = Event.objects.first()
            assert (event.action, event.from_status, event.user) == (action, state, personas[persona])
        else:
            with pytest.raises((PermissionDenied, ValidationError)):
                ACTIONS[action](strategy, personas[persona])
            strategy.refresh_from_db()
            assert strategy.status == state and Event.objects.count() == events


def test_illegal_transition_message_is_clear(db):
    strategy = make_strategy("DE")
    with pytest.raises(ValidationError) as error:
        strategy.check_transition("approve")
    assert "cannot be approved" in error.value.messages[0]


def test_submitting_freezes_everything_and_snapshots_never_change(lead, editor):
    strategy = make_strategy("DE")
    strategy_services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Submitted text</p>"}, base_version=1, user=editor
    )
    snapshot = services.strategy_submit(strategy=strategy, user=lead)
    strategy_services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Later text</p>"}, base_version=2, user=editor
    )
    snapshot.refresh_from_db()
    assert snapshot.section("conclusion") == {"summary": "<p>Submitted text</p>"}
    assert len(snapshot.data["sections"]) == 13 and "tasks" in snapshot.data["parts"]
    assert len(snapshot.data["assessments"]) == 6
    snapshot.data["sections"]["conclusion"]["summary"] = "tampered"
    with pytest.raises(ValueError):
        snapshot.save()
    assert Snapshot.objects.get(pk=snapshot.pk).section("conclusion") == {"summary": "<p>Submitted text</p>"}


def test_request_changes_needs_a_reason(lead, reviewer):
    strategy = strategy_in("submitted", lead, reviewer)
    with pytest.raises(ValidationError):
        services.review_decide(review=_review(strategy), user=reviewer, decision="request_changes", reason=" ")
    strategy.refresh_from_db()
    assert strategy.status == "submitted"


def test_reopen_raises_the_version(lead, reviewer):
    strategy = strategy_in("approved", lead, reviewer)
    services.strategy_reopen(strategy=strategy, user=lead, reason="2028 update")
    strategy.refresh_from_db()
    assert (strategy.status, strategy.version) == ("draft", 2)


def test_unchanged_accepted_sections_stay_accepted_on_resubmission(lead, editor, reviewer):
    strategy = strategy_in("submitted", lead, reviewer)
    review = _review(strategy)
    services.section_review_set(review=review, key="conclusion", status="accepted", user=reviewer)
    services.section_review_set(review=review, key="introduction", status="accepted", user=reviewer)
    services.section_review_set(
        review=review, key="objectives", status="needs_changes", user=reviewer, comment="Add KPIs"
    )
    services.review_decide(review=review, user=reviewer, decision="request_changes", reason="See objectives")
    strategy_services.section_update(
        strategy=strategy, key="introduction", data={"purpose": "<p>New purpose</p>"}, base_version=1, user=editor
    )
    services.strategy_submit(strategy=strategy, user=lead)
    second = services.open_review(strategy)
    carried = {v.section_key: v for v in second.sections.all()}
    assert set(carried) == {"conclusion"} and carried["conclusion"].carried_over
    assert second.reviewer == reviewer  # the same reviewer continues


def test_notifications_reach_exactly_the_right_people(personas, mailoutbox, django_capture_on_commit_callbacks):
    lead, editor, viewer, reviewer = (personas[p] for p in ("lead", "editor", "viewer", "reviewer"))
    strategy = make_strategy("DE")
    with django_capture_on_commit_callbacks(execute=True):
        services.strategy_submit(strategy=strategy, user=lead)
    notified = set(Notification.objects.values_list("user__username", flat=True))
    assert notified == {"reviewer", "editor"}  # not the lead who acted, not the viewer, not France
    assert sorted(m.to[0] for m in mailoutbox) == sorted([reviewer.email, editor.email])

    Notification.objects.all().delete()
    mailoutbox.clear()
    review = _review(strategy)
    with django_capture_on_commit_callbacks(execute=True):
        services.section_review_set(
            review=review, key="objectives", status="needs_changes", user=reviewer, comment="Numbers?"
        )
        services.section_review_set(
            review=review, key="conclusion", status="needs_changes", user=reviewer, comment="Shorter"
        )
    assert not mailoutbox and not Notification.objects.exists()  # nothing until the review is complete
    with django_capture_on_commit_callbacks(execute=True):
        services.review_decide(review=review, user=reviewer, decision="request_changes", reason="Two points")
    assert set(Notification.objects.values_list("user__username", flat=True)) == {"lead", "editor"}
    assert len(mailoutbox) == 2
    body = mailoutbox[0].body
    assert "Numbers?" in body and "Shorter" in body and "Two points" in body
    assert viewer.notifications.count() == 0


def test_daily_digest_collects_everything_in_one_mail(
    lead, editor, reviewer, mailoutbox, django_capture_on_commit_callbacks
):
    editor.email_mode = "daily"
    editor.save()
    strategy = make_strategy("DE")
    with django_capture_on_commit_callbacks(execute=True):
        services.strategy_submit(strategy=strategy, user=lead)
        services.strategy_withdraw(strategy=strategy, user=lead)
    assert editor.email not in [m.to[0] for m in mailoutbox]
    mailoutbox.clear()
    call_command("send_notifications")
    assert [m.to for m in mailoutbox] == [[editor.email]]
    assert "submitted" in mailoutbox[0].body and "withdrawn" in mailoutbox[0].body
    mailoutbox.clear()
    call_command("send_notifications")
    assert not mailoutbox  # never twice


def test_claiming_and_reminders(lead, reviewer, admin_user):
    strategy = strategy_in("submitted", lead, reviewer)
    review = _review(strategy)
    services.review_claim(review=review, user=reviewer, due=datetime.date.today())
    with pytest.raises(ValidationError):
        services.review_claim(review=review, user=admin_user)
    assert services.send_review_reminders() == 1
    assert services.send_review_reminders() == 0  # once a day
    assert Notification.objects.filter(user=reviewer, subject__startswith="Review of Germany").exists()


def test_withdrawal_closes_the_open_review(lead, reviewer):
    strategy = strategy_in("submitted", lead, reviewer)
    review = _review(strategy)
    services.strategy_withdraw(strategy=strategy, user=lead, reason="Found a mistake")
    review.refresh_from_db()
    assert not review.is_open and services.open_review(strategy) is None


def test_review_comments_are_comments_editors_can_answer_and_resolve(lead, editor, reviewer):
    strategy = strategy_in("submitted", lead, reviewer)
    review = _review(strategy)
    services.section_review_set(
        review=review, key="objectives", status="needs_changes", user=reviewer, comment="Targets?"
    )
    comment = Comment.objects.get(from_review=True)
    assert comment.snapshot_number == review.snapshot.number
    strategy_services.comment_add(strategy=strategy, key="objectives", author=editor, body="Added", parent=comment)
    strategy_services.comment_resolve(comment=comment, user=editor)
    comment.refresh_from_db()
    assert comment.is_resolved and comment.replies.count() == 1


def test_verdicts_only_while_the_review_is_open(lead, reviewer):
    strategy = strategy_in("approved", lead, reviewer)
    review = Review.objects.get(snapshot__strategy=strategy)
    with pytest.raises(PermissionDenied):
        services.section_review_set(review=review, key="conclusion", status="accepted", user=reviewer)
    assert not SectionReview.objects.exists()
