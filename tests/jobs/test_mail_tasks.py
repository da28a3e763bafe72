"""Mail as background tasks (issue #13): queued once the change is committed, sent by the worker, tried
again later when the mail server fails (failures logged and shown in the admin's task results), never sent
twice, and an account mail's sign-in link never lies readable in the task table."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts import services as account_services
from reviews import services as review_services
from reviews.models import Notification
from tests.factories import country, make_strategy
from tests.tasks import queued, run_tasks


@pytest.fixture
def smtp_down(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    return monkeypatch


def _due_now():
    """Time passes: the deferred retries come due."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - datetime.timedelta(seconds=1))


def test_a_notification_mail_is_a_task_queued_on_commit(lead, editor, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        review_services.strategy_submit(strategy=make_strategy("DE"), user=lead)
    assert not mail.outbox and not queued().exists()  # nothing before the commit
    for callback in callbacks:
        callback()
    (task,) = queued("default")
    assert task.task_path == "reviews.tasks.email_notifications"
    assert run_tasks() == 1
    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_a_failed_notification_mail_is_retried_later_by_its_task(
    lead, editor, smtp_down, django_capture_on_commit_callbacks, caplog
):
    with django_capture_on_commit_callbacks(execute=True):
        review_services.strategy_submit(strategy=make_strategy("DE"), user=lead)
    first = DBTaskResult.objects.get(task_path="reviews.tasks.email_notifications", status="FAILED")
    assert "EmailNotSent" in first.exception_class_path and "SMTPServerDisconnected" in first.traceback
    (retry,) = queued("default")
    assert retry.args_kwargs["kwargs"] == {"attempt": 2} and retry.run_after > timezone.now()
    assert run_tasks() == 0  # not before its time
    smtp_down.undo()
    _due_now()
    assert run_tasks() == 1
    assert [m.to for m in mail.outbox] == [[editor.email]]
    assert Notification.objects.get(user=editor).emailed_at is not None
    assert not queued().exists()  # done: no more retries


def test_a_notification_mail_is_given_up_after_the_last_attempt(lead, editor, smtp_down):
    from reviews import tasks

    review_services.strategy_submit(strategy=make_strategy("DE"), user=lead)
    note = Notification.objects.get(user=editor)
    tasks.email_notifications.enqueue([note.pk])
    for _attempt in range(review_services.MAX_EMAIL_ATTEMPTS + 2):
        _due_now()
        run_tasks()
    note.refresh_from_db()
    assert note.email_attempts == review_services.MAX_EMAIL_ATTEMPTS and note.emailed_at is None
    assert not queued().exists()
    last = DBTaskResult.objects.filter(status="FAILED").order_by("-finished_at").first()
    assert "given up" in last.traceback


def test_a_retry_and_the_sweep_at_once_send_the_mail_once(lead, editor, smtp_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        review_services.strategy_submit(strategy=make_strategy("DE"), user=lead)
    smtp_down.undo()
    review_services.retry_instant_emails()  # the schedule's sweep
    _due_now()
    run_tasks()  # and the task's own retry
    assert [m.to for m in mail.outbox] == [[editor.email]]


def test_an_invitation_travels_sealed_and_is_retried(lead, smtp_down, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        account_services.invitation_create(by=lead, email="new@example.org", country=country("DE"), role="editor")
    first = DBTaskResult.objects.get(task_path="accounts.tasks.send_account_mail", status="FAILED")
    assert "SMTPServerDisconnected" in first.traceback
    (retry,) = queued("default")
    stored = str(retry.args_kwargs)
    assert "/invitation/" not in stored and "new@example.org" in stored  # the link is sealed
    smtp_down.undo()
    _due_now()
    run_tasks()
    (sent,) = mail.outbox
    assert sent.to == ["new@example.org"] and "/invitation/" in sent.body
