"""The review workflow's writes: every transition freezes or closes what it must, records an event and
notifies the people concerned, in one transaction. Views and commands call only these."""

from __future__ import annotations

import datetime
import hashlib
import json
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from audit import services as audit
from core.formatting import format_locale
from core.tasks import enqueue_on_commit
from monitoring.checks import run_checks
from monitoring.selectors import readings_content
from reviews.models import Event, Notification, Review, SectionReview, Snapshot
from reviews.signals import snapshot_made
from strategies import services as strategy_services
from strategies.content import strategy_content
from strategies.models import SECTION_MODELS, SECTIONS_BY_KEY, Comment, Strategy

logger = logging.getLogger(__name__)

# --- Snapshots ---------------------------------------------------------------------------------------------


def snapshot_content(strategy: Strategy) -> dict:
    """What a snapshot freezes, and what the PDF of a working copy prints: the strategy's content
    (strategies.content) and its KPI readings with their status (monitoring, section 10 of the PDF), which the
    strategies layer cannot read itself. Dates read the same whoever submits."""
    data = strategy_content(strategy)
    with format_locale(None):
        data["readings"] = readings_content(strategy)
    return data


def _fingerprint(value) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


# --- Notifications -------------------------------------------------------------------------------------


#: After this many failed attempts a notification is no longer e-mailed (it stays in the app's bell).
MAX_EMAIL_ATTEMPTS = 5
#: Instant e-mails that failed are retried by `send_notifications` for this long.
EMAIL_RETRY_WINDOW = datetime.timedelta(days=3)


def notify(users, *, strategy: Strategy | None, subject: str, body: str = "", url: str = "") -> None:
    """In-app notifications for every user; e-mail for those who want each one (others get a digest).

    The e-mail is a task queued once the transaction commits (reviews/tasks.py), so it can never undo or block
    the workflow step: a mail server that fails leaves `emailed_at` empty, the failure is logged and recorded
    on the notification, and the task tries again later (and the schedule's sweep catches any left over)."""
    seen = set()
    instant = []
    for user in users:
        if user is None or user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        note = Notification.objects.create(user=user, strategy=strategy, subject=subject, body=body, url=url)
        if user.email and user.email_mode == user.EmailMode.INSTANT:
            instant.append(note.pk)
    if instant:
        from reviews import tasks  # the task module imports this one

        enqueue_on_commit(tasks.email_notifications, instant)


def _mail_body(note: Notification) -> str:
    return f"{note.body}\n\n{settings.SITE_URL}{note.url}" if note.url else note.body


def _record_failure(notes: list[Notification], error: Exception) -> None:
    message = f"{type(error).__name__}: {error}"[:300]
    for note in notes:
        Notification.objects.filter(pk=note.pk).update(
            emailed_at=None, email_attempts=note.email_attempts + 1, email_error=message
        )
    logger.warning(
        "E-mail to %s failed (%s); %d notification(s) kept for a retry",
        notes[0].user.email if notes else "?",
        message,
        len(notes),
    )


def send_instant_emails(notifications) -> int:
    """E-mail each notification on its own; returns how many went out. Never raises: a failure is logged and
    recorded on the notification, which stays un-mailed for the next retry."""
    sent = 0
    for note in notifications.select_related("user"):
        # Claimed first: a retry task and the schedule's sweep (on several workers) may reach the same
        # notification at once; only the one whose update finds it un-mailed sends it.
        if not Notification.objects.filter(pk=note.pk, emailed_at__isnull=True).update(emailed_at=timezone.now()):
            continue
        try:
            send_mail(note.subject, _mail_body(note), settings.DEFAULT_FROM_EMAIL, [note.user.email])
        except Exception as error:  # noqa: BLE001 - SMTP, DNS, timeouts: whatever it is, retry later
            _record_failure([note], error)
            continue
        Notification.objects.filter(pk=note.pk).update(email_error="")
        sent += 1
    return sent


def retry_instant_emails(now: datetime.datetime | None = None) -> int:
    """Send again the instant e-mails that failed, and those never tried because the process stopped between
    the commit and the sending (recent ones, a few attempts at most)."""
    now = now or timezone.now()
    failed_or_lost = Q(email_attempts__gt=0) | Q(created_at__lt=now - datetime.timedelta(minutes=15))
    pending = Notification.objects.filter(
        failed_or_lost,
        emailed_at__isnull=True,
        email_attempts__lt=MAX_EMAIL_ATTEMPTS,
        created_at__gte=now - EMAIL_RETRY_WINDOW,
        user__email_mode="instant",
        user__is_active=True,
    ).exclude(user__email="")
    return send_instant_emails(pending.order_by("created_at"))


def country_people(strategy: Strategy) -> list:
    """The people of the country who work on its strategy (told about each workflow step)."""
    return list(policy.editing_members(get_user_model().objects.all(), strategy.country_id))


def reviewers() -> list:
    """The Special Group (told about a new submission nobody has claimed yet)."""
    return list(policy.reviewers(get_user_model().objects.all()))


def _others(users, actor):
    return [u for u in users if u.pk != getattr(actor, "pk", None)]


# --- Transitions -----------------------------------------------------------------------------------------


def _transition(*, strategy: Strategy, action: str, user, reason: str = "", snapshot=None) -> Event:
    """Apply one guarded transition on a locked strategy and record it."""
    if not policy.can_transition(user, strategy, action):
        raise PermissionDenied(_("You may not do that."))
    target = strategy.check_transition(action)
    event = Event.objects.create(
        strategy=strategy,
        action=action,
        from_status=strategy.status,
        to_status=target,
        reason=reason,
        user=user,
        snapshot=snapshot,
    )
    strategy.status = target
    if action == "reopen":
        strategy.version += 1
    strategy.save(update_fields=["status", "version", "updated_at"])
    audit.record(
        audit.AuditEvent.Action.TRANSITION,
        summary=f"{strategy.country.code} “{strategy.title}”: {event.from_status} → {target} ({action})",
        user=user,
        target=f"strategy:{strategy.pk}",
        details={"action": action, "from": event.from_status, "to": target, "version": strategy.version},
    )
    return event


def _locked(strategy: Strategy) -> Strategy:
    return Strategy.objects.select_for_update(of=("self",)).select_related("country").get(pk=strategy.pk)


@transaction.atomic
def strategy_submit(*, strategy: Strategy, user, note: str = "") -> Snapshot:
    """Freeze the strategy into a snapshot and open a review of it. Sections unchanged since a review
    accepted them stay accepted."""
    strategy = _locked(strategy)
    if not policy.can_transition(user, strategy, "submit"):
        raise PermissionDenied(_("Only the country's lead submits the strategy."))
    strategy.check_transition("submit")
    content = snapshot_content(strategy)
    # The guide's readiness checks as they stood on submission, shown beside the reviewer's verdicts.
    content["readiness"] = [{"title": c.title, "met": c.met, "message": c.message} for c in run_checks(strategy)]
    hashes = {key: _fingerprint(values) for key, values in content["sections"].items()}
    number = (strategy.snapshots.aggregate(n=Max("number"))["n"] or 0) + 1
    snapshot = Snapshot.objects.create(
        strategy=strategy,
        number=number,
        version=strategy.version,
        data=content,
        section_hashes=hashes,
        created_by=user,
    )
    review = Review.objects.create(snapshot=snapshot)
    previous = (
        Review.objects.filter(snapshot__strategy=strategy, completed_at__isnull=False, decision__gt="")
        .exclude(pk=review.pk)
        .select_related("snapshot")
        .order_by("-snapshot__number")
        .first()
    )
    if previous is not None:
        # Reviewers re-read only what changed: accepted sections with the same content stay accepted.
        review.reviewer = previous.reviewer
        review.claimed_at = timezone.now() if previous.reviewer else None
        review.save(update_fields=["reviewer", "claimed_at"])
        for verdict in previous.sections.filter(status=SectionReview.Status.ACCEPTED):
            if previous.snapshot.section_hashes.get(verdict.section_key) == hashes.get(verdict.section_key):
                SectionReview.objects.create(
                    review=review,
                    section_key=verdict.section_key,
                    status=SectionReview.Status.ACCEPTED,
                    carried_over=True,
                    reviewer=verdict.reviewer,
                )
    _transition(strategy=strategy, action="submit", user=user, reason=note, snapshot=snapshot)
    snapshot_made.send(sender=Snapshot, snapshot=snapshot, approved=False)
    url = reverse("reviews:review", args=[review.pk])
    notify(
        _others(reviewers(), user) if review.reviewer is None else [review.reviewer],
        strategy=strategy,
        subject=_("%(country)s submitted its strategy for review") % {"country": strategy.country},
        body=_("%(user)s submitted version %(v)s (submission %(n)s).")
        % {"user": user, "v": strategy.version, "n": number}
        + (f"\n\n{note}" if note else ""),
        url=url,
    )
    notify(
        _others(country_people(strategy), user),
        strategy=strategy,
        subject=_("The strategy was submitted for review"),
        body=_("%(user)s submitted it. You can keep working on the draft meanwhile.") % {"user": user},
        url=reverse("strategies:detail", args=[strategy.pk]),
    )
    return snapshot


def open_review(strategy: Strategy) -> Review | None:
    return (
        Review.objects.filter(snapshot__strategy=strategy, completed_at__isnull=True)
        .select_related("snapshot", "reviewer")
        .order_by("-snapshot__number")
        .first()
    )


@transaction.atomic
def strategy_withdraw(*, strategy: Strategy, user, reason: str = "") -> Event:
    strategy = _locked(strategy)
    review = open_review(strategy)
    event = _transition(strategy=strategy, action="withdraw", user=user, reason=reason)
    if review is not None:
        review.completed_at, review.reason = timezone.now(), _("Withdrawn by the country.")
        review.save(update_fields=["completed_at", "reason"])
    notify(
        _others([review.reviewer] if review and review.reviewer else reviewers(), user),
        strategy=strategy,
        subject=_("%(country)s withdrew its submission") % {"country": strategy.country},
        body=reason,
        url=reverse("reviews:inbox"),
    )
    notify(
        _others(country_people(strategy), user),
        strategy=strategy,
        subject=_("The submission was withdrawn"),
        body=reason,
        url=reverse("strategies:detail", args=[strategy.pk]),
    )
    return event


@transaction.atomic
def strategy_reopen(*, strategy: Strategy, user, reason: str = "") -> Event:
    """Start a new version of an approved strategy; the approved snapshot stays readable."""
    strategy = _locked(strategy)
    event = _transition(strategy=strategy, action="reopen", user=user, reason=reason)
    notify(
        _others(country_people(strategy), user),
        strategy=strategy,
        subject=_("Work on version %(v)s has started") % {"v": strategy.version},
        body=reason,
        url=reverse("strategies:detail", args=[strategy.pk]),
    )
    return event


@transaction.atomic
def review_claim(*, review: Review, user, due: datetime.date | None = None) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not policy.can_review(user, review.snapshot.strategy):
        raise PermissionDenied
    if not review.is_open:
        raise ValidationError(_("This review is closed."))
    if review.reviewer and review.reviewer != user:
        raise ValidationError(_("%(who)s has already claimed this review.") % {"who": review.reviewer})
    review.reviewer, review.claimed_at = user, review.claimed_at or timezone.now()
    if due is not None:
        review.due = due
    review.save(update_fields=["reviewer", "claimed_at", "due"])
    return review


@transaction.atomic
def review_release(*, review: Review, user) -> Review:
    review = Review.objects.select_for_update().get(pk=review.pk)
    if not policy.can_release_review(user, review):
        raise PermissionDenied
    review.reviewer, review.claimed_at, review.due = None, None, None
    review.save(update_fields=["reviewer", "claimed_at", "due"])
    return review


@transaction.atomic
def section_review_set(*, review: Review, key: str, status: str, user, comment: str = "") -> SectionReview:
    """Record a reviewer's verdict on one section, with an optional comment the editors will see."""
    if not review.is_open or not policy.can_review(user, review.snapshot.strategy):
        raise PermissionDenied
    if key not in SECTIONS_BY_KEY or status not in SectionReview.Status.values:
        raise ValidationError(_("Unknown section or verdict."))
    verdict, _created = SectionReview.objects.update_or_create(
        review=review, section_key=key, defaults={"status": status, "reviewer": user, "carried_over": False}
    )
    verdict.full_clean()
    if comment.strip():
        # Collected into one message when the review is completed, not one mail per comment; colleagues it
        # names with @username are notified now, through the editor's own comment path.
        strategy_services.comment_add(
            strategy=review.snapshot.strategy,
            key=key,
            author=user,
            body=comment,
            snapshot_number=review.snapshot.number,
        )
    return verdict


@transaction.atomic
def review_decide(*, review: Review, user, decision: str, reason: str = "") -> Event:
    """Approve, or request changes (a reason is required); the country hears it in one message."""
    review = Review.objects.select_for_update().select_related("snapshot__strategy").get(pk=review.pk)
    if not review.is_open:
        raise ValidationError(_("This review is already closed."))
    if decision not in Review.Decision.values:
        raise ValidationError(_("Choose approve or request changes."))
    if decision == Review.Decision.REQUEST_CHANGES and not reason.strip():
        raise ValidationError(_("Say what needs to change: a reason is required."))
    strategy = _locked(review.snapshot.strategy)
    if strategy.status != Strategy.Status.SUBMITTED or open_review(strategy) != review:
        raise ValidationError(_("This submission is no longer the one under review."))
    event = _transition(strategy=strategy, action=decision, user=user, reason=reason, snapshot=review.snapshot)
    review.decision, review.reason, review.completed_at = decision, reason, timezone.now()
    review.reviewer = review.reviewer or user
    review.save(update_fields=["decision", "reason", "completed_at", "reviewer"])
    if decision == Review.Decision.APPROVE:
        snapshot_made.send(sender=Snapshot, snapshot=review.snapshot, approved=True)
    lines = [reason] if reason else []
    titles = {m.key: str(m._meta.verbose_name) for m in SECTION_MODELS}
    for verdict in review.sections.order_by("section_key"):
        lines.append(f"- {titles.get(verdict.section_key, verdict.section_key)}: {verdict.get_status_display()}")
    for comment in Comment.objects.filter(
        strategy=strategy, from_review=True, snapshot_number=review.snapshot.number
    ).order_by("created_at"):
        lines.append(f"  * {titles.get(comment.section_key)}: {comment.body}")
    subject = (
        _("Your strategy was approved")
        if decision == Review.Decision.APPROVE
        else _("The Special Group asks for changes to your strategy")
    )
    notify(
        _others(country_people(strategy), user),
        strategy=strategy,
        subject=subject,
        body="\n".join(lines),
        url=reverse("strategies:detail", args=[strategy.pk]),
    )
    return event


# --- Digests and reminders ------------------------------------------------------------------------------


def send_daily_digests() -> int:
    """One e-mail per user who chose the daily digest, with everything not yet mailed. Returns mails sent."""
    sent = 0
    pending = (
        Notification.objects.filter(emailed_at__isnull=True, user__email_mode="daily", user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("user_id", "created_at")
    )
    by_user: dict = {}
    for note in pending:
        by_user.setdefault(note.user, []).append(note)
    for user, notes in by_user.items():
        body = "\n\n".join(f"{n.subject}\n{n.body}\n{settings.SITE_URL}{n.url}".strip() for n in notes)
        try:
            send_mail(_("Your 1+MG Strategy Planner digest"), body, settings.DEFAULT_FROM_EMAIL, [user.email])
        except Exception as error:  # noqa: BLE001 - one failing address must not stop the others' digests
            _record_failure(notes, error)  # still un-mailed: tomorrow's digest carries them
            continue
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now(), email_error="")
        sent += 1
    return sent


def send_review_reminders(today: datetime.date | None = None) -> int:
    """Remind the reviewer of a claimed review due tomorrow or overdue, once a day."""
    today = today or timezone.localdate()
    due = Review.objects.filter(
        completed_at__isnull=True,
        reviewer__isnull=False,
        due__isnull=False,
        due__lte=today + datetime.timedelta(days=1),
    ).exclude(reminded_on=today)
    count = 0
    for review in due.select_related("snapshot__strategy__country", "reviewer"):
        strategy = review.snapshot.strategy
        notify(
            [review.reviewer],
            strategy=strategy,
            subject=_("Review of %(country)s due %(due)s") % {"country": strategy.country, "due": review.due},
            url=reverse("reviews:review", args=[review.pk]),
        )
        review.reminded_on = today
        review.save(update_fields=["reminded_on"])
        count += 1
    return count


def notifications_mark_read(*, user, notification: Notification | None = None) -> int:
    """Mark one of the user's notifications (or all of them) as read; returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification is not None:
        unread = unread.filter(pk=notification.pk)
    return unread.update(read_at=timezone.now())


def notification_preferences_set(*, user, email_mode: str) -> None:
    """How the user wants the notifications by e-mail: instantly, daily or never."""
    user.email_mode = user._meta.get_field("email_mode").clean(email_mode, user)
    user.save(update_fields=["email_mode"])
