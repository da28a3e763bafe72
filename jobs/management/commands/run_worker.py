"""The background worker: runs the queued tasks (PDF renders, e-mails, digests, reminders) and ticks the
schedule (jobs/schedule.py). Run one or more per deployment, on any machine that reaches the database;
`make run` starts one beside the development server."""

from __future__ import annotations

import logging
import threading
import time

from django.db import connections
from django_tasks_db.management.commands import db_worker

from jobs import schedule

logger = logging.getLogger(__name__)


def _schedule_loop(interval: float) -> None:
    while True:
        try:
            schedule.tick()
        except Exception:  # noqa: BLE001 - a lost database or a bug: log it, tick again later
            logger.exception("The schedule's tick failed")
        finally:
            connections.close_all()  # this thread's own connection; a new one next time
        time.sleep(interval)


class Command(db_worker.Command):
    help = (
        "Run the background worker: every queue's tasks (PDF renders on 'pdf', mail and the rest on 'default'; "
        "--queue-name pdf or default for a worker of one), and the schedule (unless --no-schedule)."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--no-schedule", action="store_true", help="Only run tasks; queue no scheduled work.")
        parser.add_argument(
            "--schedule-interval", type=float, default=30.0, help="Seconds between ticks of the schedule."
        )
        # Every queue by default; no code reloading (make run restarts the worker with the server).
        parser.set_defaults(queue_name="*", reload=False)

    def handle(self, *args, no_schedule: bool = False, schedule_interval: float = 30.0, **options):
        if not no_schedule and not options.get("batch"):
            threading.Thread(target=_schedule_loop, args=(schedule_interval,), daemon=True, name="schedule").start()
        elif not no_schedule:
            schedule.tick()  # --batch: queue what is due, then run everything queued
        super().handle(*args, **options)
