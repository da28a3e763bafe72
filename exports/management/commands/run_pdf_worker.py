"""The PDF worker: renders queued PDFs. Run one or more per deployment (any machine with DB access)."""

import time

from django.core.management.base import BaseCommand

from exports.services import run_pending_jobs


class Command(BaseCommand):
    help = "Render queued PDFs; keeps polling unless --once."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Render what is queued now, then stop.")
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle.")

    def handle(self, *args, once: bool = False, interval: float = 1.0, **options):
        while True:
            done = run_pending_jobs()
            if done:
                self.stdout.write(f"rendered {done} PDF(s)")
            if once:
                return
            if not done:
                time.sleep(interval)
