"""Invitations: a signed link that works once, until it expires, and only in its newest version; the invitee
sets a name and password and is on the team; resend and revoke; bulk-imported people get one too."""

import datetime
import re

import pytest
import tablib
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts import services
from accounts.models import Invitation, User
from accounts.resources import UserResource
from audit.models import AuditEvent
from tests.factories import country

PASSWORD = "A-good-pass-4242"


def _link(mail) -> str:
    return re.search(r"https?://[^/]+(/invitation/\S+/)", mail.body).group(1)


@pytest.fixture
def invited(lead, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            by=lead, email="Nina@Example.org", country=country("DE"), role="editor"
        ).invitation
    return invitation, _link(mailoutbox[-1])


def _accept(client, link, **changes):
    data = {"first_name": "Nina", "last_name": "Neu", "password1": PASSWORD, "password2": PASSWORD, **changes}
    return client.post(link, data)


def test_the_invitee_sets_name_and_password_and_is_on_the_team(invited):
    invitation, link = invited
    client = Client()
    page = client.get(link)
    assert page.status_code == 200 and "join Germany's team as editor" in page.content.decode()
    response = _accept(client, link)
    assert response.status_code == 302 and response.url == "/"
    user = User.objects.get(email__iexact="nina@example.org")
    assert user.get_full_name() == "Nina Neu" and user.check_password(PASSWORD)
    assert user.memberships.get().role == "editor" and user.memberships.get().country.code == "DE"
    assert client.get("/").status_code == 200  # signed in
    invitation.refresh_from_db()
    assert invitation.status == "accepted" and invitation.user == user
    assert AuditEvent.objects.filter(action="joined", user=user).exists()
    # The address the link reached is verified, and signing in by e-mail works.
    assert user.emailaddress_set.get().verified
    assert (
        Client().post(reverse("account_login"), {"login": "nina@example.org", "password": PASSWORD}).status_code == 302
    )


def test_a_reused_invitation_fails_cleanly(invited):
    _invitation, link = invited
    assert _accept(Client(), link).status_code == 302
    again = Client().get(link)
    assert again.status_code == 410 and "already been used" in again.content.decode()
    assert _accept(Client(), link, first_name="Mallory").status_code == 410
    assert User.objects.filter(email__iexact="nina@example.org").count() == 1


def test_an_expired_invitation_fails_cleanly_and_can_be_sent_again(invited, lead, mailoutbox):
    invitation, link = invited
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    page = Client().get(link)
    assert page.status_code == 410 and "expired" in page.content.decode()
    assert _accept(Client(), link).status_code == 410 and not User.objects.filter(email__iexact="nina@example.org")
    services.invitation_resend(by=lead, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == "pending"


def test_resending_makes_the_old_link_stop_working(invited, lead, mailoutbox, django_capture_on_commit_callbacks):
    invitation, old = invited
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_resend(by=lead, invitation=invitation)
    new = _link(mailoutbox[-1])
    assert new != old
    assert Client().get(old).status_code == 404
    assert Client().get(new).status_code == 200


def test_a_revoked_invitation_fails_cleanly(invited, lead):
    invitation, link = invited
    services.invitation_revoke(by=lead, invitation=invitation)
    page = Client().get(link)
    assert page.status_code == 410 and "withdrawn" in page.content.decode()
    assert AuditEvent.objects.filter(action="invitation_revoked").exists()


@pytest.mark.parametrize("token", ["nonsense", "eyJpIjoxLCJuIjoieCJ9:forged:signature"])
def test_a_made_up_link_is_not_found(db, token):
    page = Client().get(reverse("accounts:accept", args=[token]))
    assert page.status_code == 404 and "not valid" in page.content.decode()


def test_passwords_are_validated_and_nothing_is_written(invited):
    _invitation, link = invited
    response = _accept(Client(), link, password1="12345678", password2="12345678")
    assert response.status_code == 200 and "too common" in response.content.decode()
    response = _accept(Client(), link, password2="Another-pass-4242")
    assert "The two passwords differ" in response.content.decode()
    assert not User.objects.filter(email__iexact="nina@example.org").exists()


def test_the_list_shows_pending_accepted_and_expired(invited, lead, admin_user):
    invitation, link = invited
    _accept(Client(), link)
    services.invitation_create(by=lead, email="old@example.org", country=country("DE"), role="viewer")
    Invitation.objects.filter(email="old@example.org").update(expires_at=timezone.now())
    services.invitation_create(by=lead, email="new@example.org", country=country("DE"), role="viewer")
    client = Client()
    client.force_login(admin_user)
    for status, email in (
        ("accepted", "Nina@Example.org"),
        ("expired", "old@example.org"),
        ("pending", "new@example.org"),
    ):
        listed = [i.email for i in client.get(reverse("accounts:invitations"), {"status": status}).context["page"]]
        assert listed == [email], status


def test_bulk_imported_people_get_an_invitation_instead_of_an_unusable_password(
    admin_user, mailoutbox, django_capture_on_commit_callbacks
):
    data = tablib.Dataset(headers=["username", "first_name", "email", "memberships"])
    data.append(["carla", "Carla", "carla@example.org", "DE:editor; FR:viewer"])
    with django_capture_on_commit_callbacks(execute=True):
        result = UserResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    carla = User.objects.get(username="carla")
    invitation = Invitation.objects.get(user=carla)
    assert invitation.is_pending and mailoutbox[-1].to == ["carla@example.org"]
    response = _accept(Client(), _link(mailoutbox[-1]), first_name="Carla", last_name="Costa")
    assert response.status_code == 302
    carla.refresh_from_db()
    assert carla.check_password(PASSWORD) and carla.last_name == "Costa"
    assert dict(carla.memberships.values_list("country__code", "role")) == {"DE": "editor", "FR": "viewer"}


def test_a_dry_run_import_sends_no_invitation(db, mailoutbox, django_capture_on_commit_callbacks):
    data = tablib.Dataset(headers=["username", "email", "memberships"])
    data.append(["dan", "dan@example.org", "DE:viewer"])
    with django_capture_on_commit_callbacks(execute=True):
        UserResource().import_data(data, dry_run=True)
    assert not Invitation.objects.exists() and not mailoutbox


def test_an_imported_row_without_an_email_is_refused_in_plain_words(db):
    data = tablib.Dataset(headers=["username", "memberships"])
    data.append(["erin", "DE:viewer"])
    result = UserResource().import_data(data, dry_run=True)
    assert result.has_validation_errors()
    assert "needs an e-mail address" in str(result.invalid_rows[0].error_dict)
