"""Queueing background work (Django's task framework, the django-tasks backport; settings.TASKS).

Work that follows a write is queued only once the write is committed, so a task never reads a row that was
rolled back, and queueing can never fail (or undo) the write itself. A task that must try again later (a
mail server that was down) queues itself again with a delay that grows with each attempt.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

#: Minutes to wait before attempt 2, 3, 4, … of a task that retries (then the last value again).
RETRY_MINUTES = (1, 5, 15, 60)


def enqueue_on_commit(task, *args, **kwargs) -> None:
    """Queue `task(*args, **kwargs)` once the current transaction commits (at once outside one). A queue
    that cannot be reached is logged; the write stands."""

    def enqueue():
        try:
            task.enqueue(*args, **kwargs)
        except Exception:  # noqa: BLE001 - the change is committed; the sweep of the schedule catches up
            logger.exception("Could not queue %s", getattr(task, "name", task))

    transaction.on_commit(enqueue, robust=True)


def retry_later(task, *args, attempt: int, **kwargs) -> datetime.datetime:
    """Queue `task` again for attempt number `attempt` + 1, after a delay that grows with each attempt.
    Returns when it will run. Backends that cannot defer a task run it at once."""
    delay = datetime.timedelta(minutes=RETRY_MINUTES[min(attempt, len(RETRY_MINUTES)) - 1])
    when = timezone.now() + delay
    deferred = task.using(run_after=when) if task.get_backend().supports_defer else task
    deferred.enqueue(*args, attempt=attempt + 1, **kwargs)
    return when
