"""Owners hear about their tasks due soon (once) and overdue (the first day, then weekly), through the
notifications they already get (the bell, e-mail at once or in the daily digest)."""

import datetime

from django.core import mail
from django.core.management import call_command

from reviews import report_services
from reviews.models import Notification
from strategies import services as strategy_services

TODAY = datetime.date(2026, 5, 10)


def _task(strategy, owner, due, status="todo"):
    task = strategy.tasks.filter(parent__isnull=True).order_by("id")[_task.n]
    _task.n += 1
    strategy_services.part_update(
        part=task, data={"owner": owner.pk, "due": due, "status": status}, base_version=task.edit_version, user=owner
    )
    task.refresh_from_db()
    return task


def test_due_soon_once_and_overdue_weekly(strategy, editor):
    _task.n = 0
    due_soon = _task(strategy, editor, TODAY + datetime.timedelta(days=2))
    overdue = _task(strategy, editor, TODAY - datetime.timedelta(days=1))
    _task(strategy, editor, TODAY - datetime.timedelta(days=3), status="done")  # done: never reminded
    _task(strategy, editor, TODAY + datetime.timedelta(days=30))  # far away: not yet
    assert report_services.send_task_reminders(TODAY) == 1
    note = Notification.objects.get(user=editor)
    assert "overdue" in note.subject
    assert overdue.title in note.body and due_soon.title in note.body and note.body.count("\n") == 1
    assert note.url.endswith(f"/action-plan/?owner={editor.pk}")
    # Nothing new on the next days, until the task due soon becomes overdue (day 3) and the overdue one's
    # weekly reminder (day 7).
    sent = {day: report_services.send_task_reminders(TODAY + datetime.timedelta(days=day)) for day in range(1, 11)}
    assert sent == {1: 0, 2: 0, 3: 1, 4: 0, 5: 0, 6: 0, 7: 1, 8: 0, 9: 0, 10: 1}
    assert Notification.objects.filter(user=editor).count() == 4


def test_a_task_done_meanwhile_is_not_reminded(strategy, editor):
    _task.n = 0
    task = _task(strategy, editor, TODAY - datetime.timedelta(days=1))
    strategy_services.part_update(part=task, data={"status": "done"}, base_version=task.edit_version, user=editor)
    assert report_services.send_task_reminders(TODAY) == 0


def test_instant_owners_get_an_email_and_digest_owners_wait(strategy, editor, lead, django_capture_on_commit_callbacks):
    lead.email_mode = "daily"
    lead.save()
    _task.n = 0
    _task(strategy, editor, TODAY)
    _task(strategy, lead, TODAY)
    with django_capture_on_commit_callbacks(execute=True):
        report_services.send_task_reminders(TODAY)
    assert [m.to for m in mail.outbox] == [[editor.email]]
    call_command("send_notifications")  # the daily run: the lead's digest carries it
    assert [lead.email] in [m.to for m in mail.outbox]
