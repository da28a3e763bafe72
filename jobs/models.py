from django.db import models


class ScheduleRun(models.Model):
    """The last slot (a 5-minute period, a day) each scheduled job was queued for. Several workers tick the
    schedule; a conditional update lets exactly one of them queue each slot's work (jobs/schedule.py)."""

    name = models.CharField(max_length=100, unique=True)
    slot = models.CharField(max_length=40, blank=True)
    queued_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.name} @ {self.slot}"
