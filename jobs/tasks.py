"""The worker's own housekeeping, as tasks (queued by jobs/schedule.py)."""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django_tasks import task


@task()
def prune_task_results() -> None:
    """Forget finished tasks after TASK_RESULTS_DAYS (failed ones after twice as long, so admins can still
    read why): the render tasks carry whole documents, and the schedule queues a few tasks every 5 minutes."""
    days = settings.TASK_RESULTS_DAYS
    call_command("prune_db_task_results", min_age_days=days, failed_min_age_days=2 * days, verbosity=0)
