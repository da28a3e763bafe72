"""The review workflow's background work, as tasks of Django's task framework (run by `manage.py
run_worker`): notification e-mails (queued once the step that notifies is committed), the daily digests,
review and task reminders, and the sweep of e-mails that failed or were lost. Queued by reviews.services
and by the worker's schedule (jobs/schedule.py)."""

from __future__ import annotations

import logging

from django_tasks import task

from core.tasks import retry_later
from reviews import report_services, services
from reviews.models import Notification

logger = logging.getLogger(__name__)


class EmailNotSent(Exception):
    """Some e-mails of a task failed: the task result says so (admin), and a retry is queued."""


@task()
def email_notifications(notification_ids: list[int], attempt: int = 1) -> int:
    """E-mail these notifications (those not mailed yet). A failure is recorded on the notification and
    logged; the ones that failed are tried again by a new task, later each time, up to MAX_EMAIL_ATTEMPTS,
    and this task ends failed so the admin's task results show it. Returns how many went out."""
    sent = services.send_instant_emails(Notification.objects.filter(pk__in=notification_ids))
    failed = list(
        Notification.objects.filter(pk__in=notification_ids, emailed_at__isnull=True).values_list(
            "pk", "email_attempts", "email_error"
        )
    )
    if not failed:
        return sent
    again = [pk for pk, attempts, _error in failed if attempts < services.MAX_EMAIL_ATTEMPTS]
    when = retry_later(email_notifications, again, attempt=attempt) if again else None
    raise EmailNotSent(
        f"{len(failed)} of {len(notification_ids)} e-mail(s) not sent ({failed[0][2]}); "
        + (f"attempt {attempt + 1} at {when:%Y-%m-%d %H:%M %Z}." if when else "given up (kept in the bell).")
    )


@task()
def retry_failed_emails() -> int:
    """The sweep (every few minutes): instant e-mails that failed, or were never tried because a process
    stopped between the commit and the queueing."""
    return services.retry_instant_emails()


@task()
def send_daily_digests() -> int:
    return services.send_daily_digests()


@task()
def send_review_reminders() -> int:
    return services.send_review_reminders()


@task()
def send_task_reminders() -> int:
    return report_services.send_task_reminders()
