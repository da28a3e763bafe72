"""manage.py restore_country de.json: put a country's backup into this instance, all or nothing."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Country
from exports.backup import BackupError, country_restore


class _DryRun(Exception):
    pass


class Command(BaseCommand):
    help = (
        "Restore a backup_country file. Users are matched by username; missing ones are created inactive, "
        "without a password or role. The country must have no strategies or factsheets here yet."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON file written by backup_country ('-' for standard input).")
        parser.add_argument("--country", help="Restore into this country (ISO code) instead of the file's own.")
        parser.add_argument("--dry-run", action="store_true", help="Check everything, then write nothing.")

    def handle(self, *args, file: str, country: str | None = None, dry_run: bool = False, **options):
        try:
            if file == "-":
                data = json.load(sys.stdin)
            else:
                with open(file, encoding="utf-8") as handle:
                    data = json.load(handle)
        except (OSError, json.JSONDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        target = None
        if country:
            target = Country.objects.filter(code=country.upper()).first()
            if target is None:
                raise CommandError(f"No country with code {country!r}.")
        result = None
        try:
            with transaction.atomic():
                result = country_restore(data=data, country=target)
                if dry_run:
                    raise _DryRun
        except _DryRun:
            self.stdout.write("Dry run: the file can be restored; nothing was written.")
        except BackupError as error:
            raise CommandError(f"{error} Nothing was written.") from error
        else:
            counts = ", ".join(f"{n} {name}" for name, n in result.counts.items())
            self.stdout.write(self.style.SUCCESS(f"Restored into {result.country}: {counts}."))
            if result.created_users:
                self.stdout.write("Created inactive users (no password, no role): " + ", ".join(result.created_users))
        for warning in result.warnings if result else []:
            self.stdout.write(self.style.WARNING(warning))
