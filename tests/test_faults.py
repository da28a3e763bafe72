"""Faults: the database going away during a save, a PDF that cannot be rendered, a mail server that fails.
Nobody's text is thrown away, the person is told what happened and what to do, and a workflow step never
waits on (or fails with) the mail."""

import logging
import smtplib

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client

from exports import services as export_services
from reviews import services as review_services
from reviews.models import Notification
from strategies import services
from strategies.models import Introduction, Revision
from tests.factories import make_strategy

TEXT = "<p>Our national <strong>genomics</strong> plan</p><p>Second paragraph, typed for an hour</p>"


def database_gone(execute, sql, params, many, context):
    """The database server vanishes as soon as the save writes."""
    if sql.lstrip().upper().startswith(("UPDATE", "INSERT")):
        raise OperationalError("server closed the connection unexpectedly")
    return execute(sql, params, many, context)


def post_section(client, strategy, **headers):
    return client.post(
        f"/strategies/{strategy.pk}/sections/introduction/",
        {"edit_version": 1, "background": TEXT, "purpose": "<p>Why we do it</p>", "scope_and_context": ""},
        headers=headers,
    )


def test_database_going_away_during_a_save_gives_a_page_that_keeps_the_text(client, editor, strategy, caplog):
    client.force_login(editor)
    with connection.execute_wrapper(database_gone), caplog.at_level(logging.ERROR, "onemg_planner.errors"):
        response = post_section(client, strategy)
    assert response.status_code == 503 and response["Retry-After"]
    page = response.content.decode()
    assert "Your work was not saved, but it is not lost" in page
    # The typed text comes back in text boxes to copy, as plain paragraphs.
    assert "<textarea" in page and "Our national genomics plan\nSecond paragraph, typed for an hour" in page
    assert "Why we do it" in page and "csrfmiddlewaretoken" not in page
    assert "keeps its own copy in this browser" in page
    assert f'href="/strategies/{strategy.pk}/sections/introduction/"' in page
    assert "Database unavailable during POST" in caplog.text
    section = Introduction.objects.get(strategy=strategy)
    assert section.background == "" and section.edit_version == 1
    assert not Revision.objects.filter(target="section:introduction", version=2).exists()


def test_database_failure_on_an_htmx_save_is_shown_in_the_page_not_dropped(client, editor, strategy):
    client.force_login(editor)
    with connection.execute_wrapper(database_gone):
        response = client.post(
            f"/strategies/{strategy.pk}/parts/risks/new/",
            {"description": "Misinformation about genome data", "likelihood": 3, "impact": 4},
            headers={
                "HX-Request": "true",
                "HX-Current-URL": f"https://evil.example/strategies/{strategy.pk}/parts/risks/",
            },
        )
    assert response.status_code == 503 and response["X-Onemg-Failure"] == "database"
    assert f'href="/strategies/{strategy.pk}/parts/risks/"' in response.content.decode()  # the page, on this site
    page = response.content.decode()
    assert "<html" not in page and 'id="save-failure"' in page  # a fragment static/js/app.js swaps in
    assert "Misinformation about genome data" in page


def test_any_other_server_error_on_a_save_still_hands_the_text_back(editor, strategy, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "section_update", broken)
    client = Client(raise_request_exception=False)
    client.force_login(editor)
    response = post_section(client, strategy)
    assert response.status_code == 500
    page = response.content.decode()
    assert "Your work was not saved, but it is not lost" in page
    assert "Our national genomics plan" in page and "An error on our side" in page


def test_a_lost_database_during_sign_in_never_shows_the_password(client, editor):
    with connection.execute_wrapper(lambda *args: (_ for _ in ()).throw(OperationalError("gone"))):
        response = client.post("/accounts/login/", {"login": "editor", "password": "Hunter2-secret"})
    assert response.status_code == 503
    page = response.content.decode()
    assert "Hunter2-secret" not in page and "editor" in page


def test_a_lost_database_on_a_page_view_is_a_503_not_a_traceback(client, editor, strategy):
    client.force_login(editor)
    # The session middleware meets the lost database before any view does; a real server then answers
    # with handler500, which the test client would otherwise re-raise instead of returning.
    client.raise_request_exception = False
    with connection.execute_wrapper(lambda *args: (_ for _ in ()).throw(OperationalError("gone"))):
        response = client.get(f"/strategies/{strategy.pk}/")
    assert response.status_code == 503
    assert "cannot reach its database" in response.content.decode()


# --- PDF ------------------------------------------------------------------------------------------------


def test_a_failed_pdf_says_so_and_what_to_do(client, editor, strategy, monkeypatch, caplog):
    from django_tasks_db.models import DBTaskResult

    from tests.tasks import run_tasks

    client.force_login(editor)
    url = f"/exports/strategies/{strategy.pk}/strategy.pdf"
    assert client.get(url).status_code == 202
    task = DBTaskResult.objects.get()

    def weasyprint_fails(html):
        raise RecursionError("maximum recursion depth exceeded while laying out")

    monkeypatch.setattr(export_services, "render_pdf", weasyprint_fails)
    with caplog.at_level(logging.ERROR, "django_tasks"):
        assert run_tasks() == 1
    task.refresh_from_db()
    # Failed, with the reason, for the admins (the task results in the admin) and in the log.
    assert task.status == "FAILED" and "recursion" in task.traceback
    assert f"Task id={task.pk}" in caplog.text and "FAILED" in caplog.text
    page = client.get(url).content.decode()  # the download link again: the failure, not a new queue entry
    assert "The PDF could not be made." in page and "Your strategy is safe" in page
    assert f"PDF-{task.pk}" in page and "Shorten or simplify it" in page
    assert 'hx-trigger="every 2s"' not in page  # stops polling
    assert "Try again" in page


# --- Mail -----------------------------------------------------------------------------------------------


@pytest.fixture
def smtp_down(monkeypatch):
    def refuse(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
    return monkeypatch


def test_a_failed_email_never_blocks_submitting_and_is_retried(
    client, lead, editor, reviewer, smtp_down, django_capture_on_commit_callbacks, caplog
):
    strategy = make_strategy("DE")
    client.force_login(lead)
    with caplog.at_level(logging.WARNING, "reviews.services"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/reviews/strategies/{strategy.pk}/transition/", {"action": "submit", "confirmed": "on"}
        )
    assert response.status_code == 302
    strategy.refresh_from_db()
    assert strategy.status == "submitted"  # the step happened
    notes = Notification.objects.filter(strategy=strategy)
    assert {n.user for n in notes} == {editor, reviewer}  # in the app at once
    assert all(
        n.emailed_at is None and n.email_attempts == 1 and "SMTPServerDisconnected" in n.email_error for n in notes
    )
    assert "E-mail to" in caplog.text and "failed" in caplog.text
    assert not mail.outbox

    smtp_down.undo()  # the mail server is back
    call_command("send_notifications")
    assert sorted(m.to[0] for m in mail.outbox) == sorted([editor.email, reviewer.email])
    assert all(n.emailed_at and not n.email_error for n in Notification.objects.filter(strategy=strategy))
    mail.outbox.clear()
    call_command("send_notifications")
    assert not mail.outbox  # never twice


def test_failed_emails_are_given_up_after_a_few_attempts(lead, editor, smtp_down, django_capture_on_commit_callbacks):
    strategy = make_strategy("DE")
    with django_capture_on_commit_callbacks(execute=True):
        review_services.strategy_submit(strategy=strategy, user=lead)
    for _attempt in range(review_services.MAX_EMAIL_ATTEMPTS + 2):
        call_command("send_notifications")
    note = Notification.objects.get(user=editor)
    assert note.emailed_at is None and note.email_attempts == review_services.MAX_EMAIL_ATTEMPTS


def test_a_failing_digest_address_does_not_stop_the_other_digests(lead, editor, viewer, monkeypatch):
    from tests.factories import MembershipFactory

    second = MembershipFactory(user__username="editor2").user
    for user in (editor, second):
        user.email_mode = "daily"
        user.save()
    strategy = make_strategy("DE")
    review_services.strategy_submit(strategy=strategy, user=lead)
    real = mail.backends.locmem.EmailBackend.send_messages

    def refuse_one(self, messages):
        if messages[0].to == [editor.email]:
            raise smtplib.SMTPRecipientsRefused({editor.email: (550, b"mailbox unavailable")})
        return real(self, messages)

    monkeypatch.setattr(mail.backends.locmem.EmailBackend, "send_messages", refuse_one)
    assert review_services.send_daily_digests() == 1
    assert [m.to for m in mail.outbox] == [[second.email]]
    assert Notification.objects.get(user=editor).emailed_at is None  # tomorrow's digest carries it


def test_a_failed_mention_email_still_posts_the_comment(
    client, editor, lead, strategy, smtp_down, django_capture_on_commit_callbacks, caplog
):
    client.force_login(editor)
    with caplog.at_level(logging.WARNING, "reviews.services"), django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/strategies/{strategy.pk}/sections/introduction/comments/", {"body": "@lead please check this"}
        )
    assert response.status_code == 302
    assert strategy.comments.get().body == "@lead please check this"
    # Mentions reach the bell like every notification, so a failed mail is recorded there and retried.
    note = Notification.objects.get(user=lead)
    assert note.emailed_at is None and note.email_attempts == 1 and note.email_error
    assert "failed" in caplog.text.lower()


def test_an_email_lost_between_commit_and_sending_goes_out_with_the_daily_run(lead, editor):
    import datetime

    from django.utils import timezone

    strategy = make_strategy("DE")
    review_services.strategy_submit(strategy=strategy, user=lead)  # the process died before the on-commit mail
    note = Notification.objects.get(user=editor)
    call_command("send_notifications")
    assert not mail.outbox  # too recent: its own on-commit sending may still be under way
    Notification.objects.filter(pk=note.pk).update(created_at=timezone.now() - datetime.timedelta(hours=1))
    call_command("send_notifications")
    assert [m.to for m in mail.outbox] == [[editor.email]]
