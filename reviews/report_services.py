"""Progress reports through the review workflow (as strategies: submit freezes what the reviewers read, they
give verdicts per part and approve or request changes), and reminders of tasks due and overdue. Notifications
go through reviews.services.notify (the bell, and e-mail at once or in the daily digest)."""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from audit import services as audit
from monitoring.models import REPORT_PARTS, ProgressReport, ReportSubmission, ReportVerdict, TaskReminder
from reviews.services import _others, country_people, notify, reviewers
from strategies.models import Strategy, Task


def report_content(report: ProgressReport) -> dict:
    """What a submission freezes: the monitoring data, the country's findings and lessons."""
    return {
        "title": report.title,
        "country": report.strategy.country.name,
        "period": f"{report.period_start:%d %b %Y} – {report.period_end:%d %b %Y}",
        "strategy_version": report.strategy_version,
        "monitoring": report.data,
        "findings": report.findings,
        "lessons": [lesson.text for lesson in report.lessons.all()],
    }


def _locked(report: ProgressReport) -> ProgressReport:
    return ProgressReport.objects.select_for_update(of=("self",)).select_related("strategy__country").get(pk=report.pk)


def _step(*, report: ProgressReport, action: str, user, reason: str = "") -> str:
    before = report.status
    report.status = report.check_transition(action)
    report.save(update_fields=["status", "updated_at"])
    # A report's step is a change of the strategy's progress: the Europe dashboard's cache key moves with it.
    Strategy.objects.filter(pk=report.strategy_id).update(updated_at=timezone.now())
    audit.record(
        audit.AuditEvent.Action.TRANSITION,
        summary=f"{report.strategy.country.code} report “{report.title}”: {before} → {report.status} ({action})",
        user=user,
        target=f"report:{report.pk}",
        details={"action": action, "from": before, "to": report.status},
    )
    return before


def open_submission(report: ProgressReport) -> ReportSubmission | None:
    return report.submissions.filter(completed_at__isnull=True).order_by("-number").first()


@transaction.atomic
def report_submit(*, report: ProgressReport, user, note: str = "") -> ReportSubmission:
    report = _locked(report)
    if not policy.can_submit_report(user, report):
        raise PermissionDenied(_("Only the country's lead submits a progress report."))
    report.check_transition("submit")
    number = (report.submissions.aggregate(n=Max("number"))["n"] or 0) + 1
    submission = ReportSubmission(report=report, number=number, data=report_content(report), note=note, created_by=user)
    submission.full_clean()
    submission.save()
    _step(report=report, action="submit", user=user, reason=note)
    notify(
        _others(reviewers(), user),
        strategy=report.strategy,
        subject=_("%(country)s submitted a progress report") % {"country": report.strategy.country},
        body=_("%(user)s submitted “%(title)s” (%(period)s).")
        % {"user": user, "title": report.title, "period": submission.data["period"]}
        + (f"\n\n{note}" if note else ""),
        url=reverse("reviews:report_review", args=[submission.pk]),
    )
    notify(
        _others(country_people(report.strategy), user),
        strategy=report.strategy,
        subject=_("A progress report was submitted for review"),
        body=_("%(user)s submitted “%(title)s”.") % {"user": user, "title": report.title},
        url=reverse("monitoring:report", args=[report.pk]),
    )
    return submission


@transaction.atomic
def report_withdraw(*, report: ProgressReport, user) -> None:
    report = _locked(report)
    if not policy.can_submit_report(user, report):
        raise PermissionDenied(_("Only the country's lead withdraws a progress report."))
    report.check_transition("withdraw")
    submission = open_submission(report)
    _step(report=report, action="withdraw", user=user)
    if submission is not None:
        submission.completed_at, submission.reason = timezone.now(), _("Withdrawn by the country.")
        submission.save(update_fields=["completed_at", "reason"])


@transaction.atomic
def report_verdict_set(
    *, submission: ReportSubmission, part: str, status: str, user, comment: str = ""
) -> ReportVerdict:
    report = submission.report
    if not submission.is_open or not policy.can_review_report(user, report):
        raise PermissionDenied
    if part not in dict(REPORT_PARTS) or status not in ReportVerdict.Status.values:
        raise ValidationError(_("Unknown part or verdict."))
    verdict, _created = ReportVerdict.objects.update_or_create(
        submission=submission, part=part, defaults={"status": status, "reviewer": user, "comment": comment.strip()}
    )
    verdict.full_clean()
    return verdict


@transaction.atomic
def report_decide(*, submission: ReportSubmission, user, decision: str, reason: str = "") -> ReportSubmission:
    """Approve, or request changes (a reason is required); the country hears it in one message."""
    submission = ReportSubmission.objects.select_for_update().get(pk=submission.pk)
    report = _locked(submission.report)
    if not policy.can_review_report(user, report):
        raise PermissionDenied
    if not submission.is_open:
        raise ValidationError(_("This review is already closed."))
    if decision not in ReportSubmission.Decision.values:
        raise ValidationError(_("Choose approve or request changes."))
    if decision == ReportSubmission.Decision.REQUEST_CHANGES and not reason.strip():
        raise ValidationError(_("Say what needs to change: a reason is required."))
    if report.status != ProgressReport.Status.SUBMITTED or open_submission(report) != submission:
        raise ValidationError(_("This submission is no longer the one under review."))
    _step(report=report, action=decision, user=user, reason=reason)
    submission.decision, submission.reason = decision, reason
    submission.completed_at, submission.reviewer = timezone.now(), submission.reviewer or user
    submission.save(update_fields=["decision", "reason", "completed_at", "reviewer"])
    parts = dict(REPORT_PARTS)
    lines = [reason] if reason else []
    for verdict in submission.verdicts.order_by("id"):
        lines.append(f"- {parts.get(verdict.part, verdict.part)}: {verdict.get_status_display()}")
        if verdict.comment:
            lines.append(f"  * {verdict.comment}")
    approved = decision == ReportSubmission.Decision.APPROVE
    notify(
        _others(country_people(report.strategy), user),
        strategy=report.strategy,
        subject=(
            _("Your progress report “%(title)s” was approved")
            if approved
            else _("The Special Group asks for changes to your progress report “%(title)s”")
        )
        % {"title": report.title},
        body="\n".join(lines),
        url=reverse("monitoring:report", args=[report.pk]),
    )
    return submission


# --- Reminders of tasks due and overdue -----------------------------------------------------------------

#: A task due within this many days gets one "due soon" reminder.
DUE_SOON_DAYS = 3
#: An overdue task is reminded on its first overdue day and then every this many days.
OVERDUE_EVERY_DAYS = 7


def _reminder_kind(task: Task, today: datetime.date, last: TaskReminder | None) -> str:
    if task.due >= today:
        if task.due - today <= datetime.timedelta(days=DUE_SOON_DAYS) and not (last and last.kind == "due"):
            return "due"
        return ""
    if last is None or last.kind == "due" or (today - last.sent_on).days >= OVERDUE_EVERY_DAYS:
        return "overdue"
    return ""


@transaction.atomic
def send_task_reminders(today: datetime.date | None = None) -> int:
    """Remind owners of open tasks due soon (once) and overdue (the first day, then weekly): one
    notification per owner and strategy listing the tasks. Returns how many notifications were made."""
    today = today or timezone.localdate()
    tasks = (
        Task.objects.open()
        .filter(owner__isnull=False, owner__is_active=True, due__isnull=False)
        .filter(due__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))
        .select_related("owner", "strategy__country")
        .order_by("due", "id")
    )
    last_sent: dict[int, TaskReminder] = {}
    for reminder in TaskReminder.objects.filter(task__in=tasks).order_by("sent_on", "id"):
        last_sent[reminder.task_id] = reminder
    grouped: dict[tuple, list] = {}
    for task in tasks:
        kind = _reminder_kind(task, today, last_sent.get(task.pk))
        if kind:
            grouped.setdefault((task.owner, task.strategy), []).append((task, kind))
    for (owner, strategy), items in grouped.items():
        overdue = [t for t, k in items if k == "overdue"]
        lines = [
            (_("OVERDUE since %(due)s: %(title)s") if kind == "overdue" else _("Due %(due)s: %(title)s"))
            % {"due": f"{task.due:%d %b %Y}", "title": task.title}
            for task, kind in items
        ]
        notify(
            [owner],
            strategy=strategy,
            subject=(
                _("%(n)s of your tasks are overdue") % {"n": len(overdue)}
                if overdue
                else _("Your tasks due soon in %(country)s's action plan") % {"country": strategy.country}
            ),
            body="\n".join(lines),
            url=reverse("strategies:action_plan", args=[strategy.pk]) + f"?owner={owner.pk}",
        )
        TaskReminder.objects.bulk_create([TaskReminder(task=t, kind=k, sent_on=today) for t, k in items])
    return len(grouped)
