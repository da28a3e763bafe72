"""Run daily (cron or a scheduler): review reminders, then the daily e-mail digests."""

from django.core.management.base import BaseCommand

from reviews import services


class Command(BaseCommand):
    help = "Send review reminders and the daily notification digests."

    def handle(self, *args, **options):
        reminders = services.send_review_reminders()
        digests = services.send_daily_digests()
        self.stdout.write(f"{reminders} review reminders, {digests} digests sent.")
