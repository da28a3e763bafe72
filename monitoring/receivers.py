"""Keeps TaskCompletion in step with each task's status, whichever write path saved the task (the editor,
the monitoring page, the admin, an import): the day a task became done is the day it was done."""

from __future__ import annotations

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from monitoring.models import TaskCompletion
from strategies.models import Task


@receiver(post_save, sender=Task, dispatch_uid="monitoring-task-completion")
def task_saved(sender, instance: Task, raw: bool = False, **kwargs) -> None:
    if raw:
        return
    if instance.status == Task.Status.DONE:
        TaskCompletion.objects.get_or_create(task=instance, defaults={"done_on": timezone.localdate()})
    else:
        TaskCompletion.objects.filter(task=instance).delete()
