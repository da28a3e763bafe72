"""Run daily (cron or a scheduler): review reminders, the instant e-mails that failed before (retried), then
the daily digests."""

from django.core.management.base import BaseCommand

from reviews import services


class Command(BaseCommand):
    help = "Send review reminders and the daily notification digests."

    def handle(self, *args, **options):
        reminders = services.send_review_reminders()
        retried = services.retry_instant_emails()
        digests = services.send_daily_digests()
        self.stdout.write(f"{reminders} review reminders, {retried} failed e-mails sent again, {digests} digests sent.")
