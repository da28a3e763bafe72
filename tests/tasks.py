"""Running queued background tasks inside a test, as `manage.py run_worker` would (tests/conftest.py)."""

from __future__ import annotations

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_tasks(queue: str = "*", *, limit: int = 200) -> int:
    """Run every task that is ready now (those they queue too), in this process and this test's
    transaction, through the database backend's own worker code: claimed, run, marked successful or failed
    with the traceback. Tasks deferred to later (a mail's retry) wait. Returns how many ran.

    (The worker's run loop itself would close the test's database connection between tasks.)"""
    worker = Worker(
        queue_names=[queue],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="tests",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        ready = DBTaskResult.objects.ready().filter(backend_name="default")
        if queue != "*":
            ready = ready.filter(queue_name=queue)
        row = ready.first()
        if row is None:
            break
        row.claim("tests")
        worker.run_task(row)
        ran += 1
    return ran


def queued(queue: str = "*"):
    """The tasks waiting to run (a queryset of the database backend's results)."""
    ready = DBTaskResult.objects.filter(status="READY")
    return ready if queue == "*" else ready.filter(queue_name=queue)
