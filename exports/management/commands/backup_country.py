"""manage.py backup_country DE > de.json: one country's work as one JSON file (see docs/backup.md)."""

import json

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Country
from exports.backup import country_backup


class Command(BaseCommand):
    help = "Write one country's strategies (every version, history, comment, review, event) and factsheets as JSON."

    def add_arguments(self, parser):
        parser.add_argument("country", help="ISO code of the country, e.g. DE.")
        parser.add_argument("--output", "-o", help="Write to this file instead of standard output.")

    def handle(self, *args, country: str, output: str | None = None, **options):
        found = Country.objects.filter(code=country.upper()).first()
        if found is None:
            raise CommandError(f"No country with code {country!r}.")
        text = json.dumps(country_backup(country=found), ensure_ascii=False, indent=1)
        if output:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            self.stderr.write(f"Backup of {found} written to {output}.")
        else:
            self.stdout.write(text)
