"""Sessions end when idle or too old, signing out or changing the password or being deactivated ends the
user's other sessions, and private pages are never kept by a cache."""

import time

import pytest
from django.test import Client
from django.urls import reverse

from accounts import sessions
from accounts.models import CalendarToken

HOME = "/"


def signed_in(user) -> Client:
    client = Client()
    assert client.login(username=user.username, password="pw-for-tests")
    return client


def _age(client, *, started=None, seen=None):
    session = client.session
    if started is not None:
        session[sessions.STARTED] = int(time.time()) - started
    if seen is not None:
        session[sessions.SEEN] = int(time.time()) - seen
    session.save()


def test_an_idle_session_ends(editor, settings):
    client = signed_in(editor)
    assert client.get(HOME).status_code == 200
    _age(client, seen=settings.SESSION_IDLE_TIMEOUT + 5)
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))
    assert b"signed out after a while without activity" in response.content


def test_activity_keeps_a_session_alive_and_is_recorded(editor, settings):
    client = signed_in(editor)
    _age(client, seen=settings.SESSION_IDLE_TIMEOUT - 60)
    assert client.get(HOME).status_code == 200
    assert time.time() - client.session[sessions.SEEN] < 5  # the clock of idleness starts again


def test_a_session_ends_after_the_absolute_timeout_even_when_active(editor, settings):
    client = signed_in(editor)
    _age(client, started=settings.SESSION_ABSOLUTE_TIMEOUT + 5, seen=1)
    assert client.get(HOME).status_code == 302


def test_the_cookie_and_the_stored_session_expire_with_the_idle_timeout(editor, settings):
    client = signed_in(editor)
    assert client.session.get_expiry_age() == settings.SESSION_IDLE_TIMEOUT


def test_signing_out_ends_the_other_sessions(editor):
    laptop, phone = signed_in(editor), signed_in(editor)
    assert phone.get(HOME).status_code == 200
    laptop.post(reverse("account_logout"))
    assert phone.get(HOME).status_code == 302
    assert signed_in(editor).get(HOME).status_code == 200  # signing in again works


def test_changing_the_password_ends_the_other_sessions_but_not_this_one(editor):
    laptop, phone = signed_in(editor), signed_in(editor)
    response = laptop.post(
        reverse("account_change_password"),
        {
            "oldpassword": "pw-for-tests",
            "password1": "a-new-Passphrase-42",
            "password2": "a-new-Passphrase-42",
        },
    )
    assert response.status_code == 302
    assert laptop.get(HOME).status_code == 200
    assert phone.get(HOME).status_code == 302


def test_deactivation_ends_every_session(editor, admin_user):
    phone = signed_in(editor)
    admin = Client()
    admin.force_login(admin_user)
    editor.is_active = False
    editor.save(update_fields=["is_active"])
    assert phone.get(HOME).status_code == 302
    editor.refresh_from_db()
    assert editor.session_epoch == 1


def test_sessions_from_before_the_epoch_existed_stay_valid(editor):
    """Epoch 0 gives Django's own hash: deploying this signs nobody out."""
    from django.contrib.auth.base_user import AbstractBaseUser

    assert editor.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(editor)


@pytest.mark.parametrize("path", [HOME, "/guide/", "/reviews/notifications/"])
def test_pages_for_a_signed_in_user_are_never_cached(client, editor, path):
    client.force_login(editor)
    cache_control = client.get(path)["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


def test_the_pdf_and_the_calendar_feed_are_never_cached(client, editor, strategy):
    client.force_login(editor)
    response = client.get(reverse("exports:strategy_pdf", args=[strategy.pk]))
    assert "no-store" in response["Cache-Control"]
    token = CalendarToken.objects.create(user=editor, token="c" * 40)
    client.logout()
    feed = client.get(reverse("strategies:calendar_feed", args=[token.token]))
    assert "private" in feed["Cache-Control"] and "no-store" in feed["Cache-Control"]
