"""Sign-in protection: lockout after repeated failures (per account and address, with a clear message, a
cool-off and an admin unlock), two-factor authentication required by role, demo sign-in by username."""

import datetime

import pytest
from allauth.mfa.models import Authenticator
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from audit.models import AuditEvent

LOGIN = "/accounts/login/"


def attempt(password: str, address: str = "192.0.2.1", login: str = "editor"):
    return Client(REMOTE_ADDR=address).post(LOGIN, {"login": login, "password": password})


def test_the_lockout_triggers_after_repeated_failures_and_refuses_the_right_password(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt("wrong").status_code == 200
    locked = attempt("wrong")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Sign-in locked" in page and "15 minutes" in page and "admin" in page
    refused = attempt("pw-for-tests")  # the right password, still locked
    assert refused.status_code == 429 and "_auth_user_id" not in refused.wsgi_request.session
    assert AuditEvent.objects.filter(action="locked", username="editor").exists()
    # Counted per account and address: the same account from another address still signs in.
    assert attempt("pw-for-tests", address="198.51.100.4").status_code == 302


def test_switching_to_the_email_address_earns_no_more_attempts(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("wrong", login="editor@example.org")
    assert attempt("pw-for-tests", login="editor").status_code == 429


def test_the_lockout_lifts_after_the_cool_off(editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("wrong")
    assert attempt("pw-for-tests").status_code == 429
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - datetime.timedelta(seconds=5)
    )
    assert attempt("pw-for-tests").status_code == 302


def test_an_admin_lifts_the_lockout_in_the_app(editor, admin_user, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("wrong")
    admin = Client()
    admin.force_login(admin_user)
    page = admin.get(reverse("accounts:security")).content.decode()
    assert "editor" in page and "Unlock" in page
    person = admin.get(reverse("accounts:person", args=[editor.pk]))
    assert person.context["person"].state == "locked"
    admin.post(reverse("accounts:unlock"), {"username": "editor", "ip_address": "192.0.2.1"})
    assert attempt("pw-for-tests").status_code == 302
    assert AuditEvent.objects.filter(action="unlocked").exists()


def test_a_lead_cannot_unlock(lead, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt("wrong")
    client = Client()
    client.force_login(lead)
    assert client.post(reverse("accounts:unlock"), {"username": "editor"}).status_code == 404
    assert attempt("pw-for-tests").status_code == 429


def test_failed_sign_ins_are_audited(editor):
    attempt("wrong")
    assert AuditEvent.objects.get(action="sign_in_failed").username == "editor"


def test_demo_users_sign_in_with_their_usernames(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", "--force", stdout=StringIO())
    response = Client().post(LOGIN, {"login": "lead-de", "password": "onemg-demo"})
    assert response.status_code == 302 and response.url == "/"


def test_password_validators_refuse_a_weak_password(editor):
    client = Client()
    client.post(LOGIN, {"login": "editor", "password": "pw-for-tests"})
    response = client.post(
        reverse("account_change_password"),
        {"oldpassword": "pw-for-tests", "password1": "password", "password2": "password"},
    )
    assert response.status_code == 200 and "too common" in response.content.decode()


# --- Two-factor authentication -------------------------------------------------------------------------------


def totp_code(secret: str) -> str:
    """The six digits an authenticator app shows now for this secret."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def _activate_totp(client):
    """What the person does on the set-up page: their app reads the secret, they type the code it shows."""
    page = client.get(reverse("mfa_activate_totp"))
    if page.status_code == 302 and page.url.startswith(reverse("account_reauthenticate")):
        # Changing two-factor settings asks for the password again (allauth's default, kept).
        page = client.post(page.url, {"password": "pw-for-tests"}, follow=True)
    assert page.status_code == 200 and "form" in page.context, page.content[:500]
    secret = page.context["form"].secret
    return client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)}), secret


@pytest.fixture
def mfa_for_reviewers(admin_user):
    services.security_settings_update(by=admin_user, mfa_required_for_reviewers=True, mfa_required_for_admins=False)


def test_mfa_required_for_a_reviewer_blocks_everything_until_it_is_set_up(
    reviewer, mfa_for_reviewers, django_capture_on_commit_callbacks
):
    client = Client()
    assert client.post(LOGIN, {"login": "reviewer", "password": "pw-for-tests"}).status_code == 302
    for path in ("/", reverse("reviews:inbox"), reverse("comparisons:index")):
        response = client.get(path)
        assert response.status_code == 302 and response.url == reverse("mfa_activate_totp"), path
    htmx = client.get(reverse("reviews:inbox"), HTTP_HX_REQUEST="true")
    assert htmx["HX-Redirect"] == reverse("mfa_activate_totp")
    with django_capture_on_commit_callbacks(execute=True):
        response, _secret = _activate_totp(client)
    assert response.status_code == 302
    assert client.get(reverse("reviews:inbox")).status_code == 200
    assert AuditEvent.objects.filter(action="mfa_changed", user=reviewer).exists()
    # The next sign-in asks for the code after the password.
    fresh = Client()
    step = fresh.post(LOGIN, {"login": "reviewer", "password": "pw-for-tests"})
    assert step.status_code == 302 and step.url == reverse("mfa_authenticate")
    assert fresh.get(reverse("reviews:inbox")).status_code == 302  # not signed in before the code
    assert fresh.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code == 200
    # The code of this 30-second window was used to activate (allauth refuses it twice): a recovery code.
    from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes

    codes = RecoveryCodes(Authenticator.objects.get(user=reviewer, type="recovery_codes")).get_unused_codes()
    assert fresh.post(reverse("mfa_authenticate"), {"code": codes[0]}).status_code == 302
    assert fresh.get(reverse("reviews:inbox")).status_code == 200


def test_mfa_required_is_not_asked_of_editors(editor, admin_user):
    services.security_settings_update(by=admin_user, mfa_required_for_reviewers=True, mfa_required_for_admins=True)
    client = Client()
    client.post(LOGIN, {"login": "editor", "password": "pw-for-tests"})
    assert client.get("/").status_code == 200


def test_the_deployment_can_force_mfa_for_admins(admin_user, settings):
    settings.MFA_REQUIRED_FOR = ["admins"]
    client = Client()
    client.force_login(admin_user)
    assert client.get("/").url == reverse("mfa_activate_totp")


def test_only_admins_change_the_sign_in_rules(lead, admin_user):
    client = Client()
    client.force_login(lead)
    assert client.post(reverse("accounts:security"), {"mfa_required_for_reviewers": "on"}).status_code == 404
    client.force_login(admin_user)
    client.post(reverse("accounts:security"), {"mfa_required_for_reviewers": "on"})
    from accounts.models import SecuritySettings

    assert SecuritySettings.current().mfa_required_for_reviewers
    assert AuditEvent.objects.filter(action="mfa_changed", target="sign-in rules").exists()


def test_the_django_admin_sign_in_goes_through_the_apps(admin_user):
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
