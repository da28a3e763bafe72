"""The worker's schedule, without cron: what is queued every few minutes and once a day.

Every `manage.py run_worker` ticks it (twice a minute); several workers on several machines may. Each job
has a slot (the current 5-minute period, or today once DAILY_MAIL_HOUR has passed); a conditional update of
its ScheduleRun row moves it to the new slot, and only the worker whose update did so queues the job's task,
so each slot's work is queued exactly once however many workers tick.
"""

from __future__ import annotations

import contextlib
import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError
from django.utils import timezone

from exports import tasks as export_tasks
from jobs import tasks as job_tasks
from jobs.models import ScheduleRun
from reviews import tasks as review_tasks

logger = logging.getLogger(__name__)


def every_five_minutes(now: datetime.datetime) -> str:
    local = timezone.localtime(now)
    return local.strftime("%Y-%m-%dT%H:") + f"{local.minute // 5 * 5:02d}"


def daily(now: datetime.datetime) -> str | None:
    local = timezone.localtime(now)
    return local.date().isoformat() if local.hour >= settings.DAILY_MAIL_HOUR else None


@dataclass(frozen=True)
class Job:
    name: str
    task: object  # a django_tasks Task
    slot: Callable[[datetime.datetime], str | None]


SCHEDULE = (
    # Idle working copies changed since their last PDF: rendered before anyone asks.
    Job("prerender-idle-working-copies", export_tasks.prerender_idle_working_copies, every_five_minutes),
    # Instant e-mails that failed or were lost between a commit and their task.
    Job("retry-failed-emails", review_tasks.retry_failed_emails, every_five_minutes),
    Job("review-reminders", review_tasks.send_review_reminders, daily),
    Job("task-reminders", review_tasks.send_task_reminders, daily),
    # After the reminders, so the digest carries them to those who chose it.
    Job("daily-digests", review_tasks.send_daily_digests, daily),
    Job("prune-task-results", job_tasks.prune_task_results, daily),
)


def _claim(name: str, slot: str, now: datetime.datetime) -> bool:
    with contextlib.suppress(IntegrityError):  # another worker made the row this instant
        ScheduleRun.objects.get_or_create(name=name)
    return bool(ScheduleRun.objects.filter(name=name, slot__lt=slot).update(slot=slot, queued_at=now))


def tick(now: datetime.datetime | None = None) -> list[str]:
    """Queue every job whose slot has come and that no worker has queued for it yet. Returns their names."""
    now = now or timezone.now()
    queued = []
    for job in SCHEDULE:
        slot = job.slot(now)
        if slot is not None and _claim(job.name, slot, now):
            job.task.enqueue()
            queued.append(job.name)
    if queued:
        logger.info("Schedule: queued %s", ", ".join(queued))
    return queued
