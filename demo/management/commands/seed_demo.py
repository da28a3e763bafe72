"""`manage.py seed_demo [--full] [--force]`: load the demo (see demo/seeding.py and demo/data/)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from demo import seeding


class Command(BaseCommand):
    help = "Load demo countries, users and strategies (refuses to run with DEBUG off unless --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never in production).")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Also give every other country a strategy (in varied states), for comparisons at full scale.",
        )

    def handle(self, *args, force: bool = False, full: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it only runs with DEBUG=1 (or --force)."
            )
        # Demo workflow steps notify people; their e-mails are not worth printing to the console.
        # DEBUG off while seeding: Django would otherwise keep every one of its ~40,000 queries in memory.
        with (
            override_settings(DEBUG=False, EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            try:
                seeding.seed(full=full)
            except seeding.DemoDataError as error:
                raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/accounts/login/"))
        self.stdout.write(f"  password for every demo user: {seeding.DEMO_PASSWORD}")
        self.stdout.write(
            "  admin, reviewer, "
            + ", ".join(f"lead-{c.lower()}, editor-{c.lower()}, viewer-{c.lower()}" for c in seeding.demo_countries())
        )
