"""The daily mail at once: review reminders, reminders of tasks due and overdue, the instant e-mails that
failed before (retried), then the daily digests. `manage.py run_worker` does the same on its own schedule
(jobs/schedule.py); this command is for a cron instead, or to catch up by hand."""

from django.core.management.base import BaseCommand

from reviews import report_services, services


class Command(BaseCommand):
    help = "Send review and task reminders and the daily notification digests."

    def handle(self, *args, **options):
        reminders = services.send_review_reminders()
        task_reminders = report_services.send_task_reminders()
        retried = services.retry_instant_emails()
        digests = services.send_daily_digests()
        self.stdout.write(
            f"{reminders} review reminders, {task_reminders} task reminders, "
            f"{retried} failed e-mails sent again, {digests} digests sent."
        )
