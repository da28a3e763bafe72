"""The team pages' row buttons are Django forms rendered by crispy, filled and sent the way a browser does."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from axes.models import AccessAttempt
from django.urls import reverse

from accounts import services
from accounts.models import Invitation, Membership
from tests.accounts.test_invitations import invited  # noqa: F401
from tests.factories import MembershipFactory, country
from tests.test_forms_as_a_browser import browser, ok, open_page


def test_a_lead_changes_a_role_with_the_rows_own_drop_down(lead, editor):
    client = browser(lead)
    membership = editor.memberships.get()
    page = open_page(client, reverse("accounts:country", args=["DE"]))
    form = page.form(f'form[action$="/members/{membership.pk}/role/"]')
    select = form.element.select_one("select[name=role]")
    assert page.soup.select_one(f'label[for="{select["id"]}"]').get_text(strip=True) == f"Role of {editor}"
    assert [o["value"] for o in select.select("option")] == ["editor", "viewer"]  # never lead: the policy's offer
    response = form.fill("edit").submit(client)
    ok(response)
    membership.refresh_from_db()
    assert membership.role == form.value("role") == "viewer"


def test_an_admin_changes_and_removes_a_membership_from_the_persons_page(admin_user, editor):
    second = MembershipFactory(user=editor, country=country("FR"), role=Membership.Role.VIEWER)
    client = browser(admin_user)
    url = reverse("accounts:person", args=[editor.pk])
    page = open_page(client, url)
    ids = [tag["id"] for tag in page.soup.select("[id]")]
    assert len(ids) == len(set(ids))  # one role drop-down per team, each with its own id
    form = page.form(f'form[action$="/members/{second.pk}/role/"]').fill("edit")
    assert form.value("next") == url
    response = form.submit(client)
    assert response.status_code == 302 and response["Location"] == url
    second.refresh_from_db()
    assert second.role == form.value("role") != "viewer"
    remove = open_page(client, url).form(f'form[action$="/members/{second.pk}/remove/"]').fill()
    assert remove.submit(client)["Location"] == url
    assert not Membership.objects.filter(pk=second.pk).exists()


@pytest.mark.parametrize("where", ["accounts:security", "person"])
def test_unlocking_with_the_buttons_form(admin_user, editor, where):
    AccessAttempt.objects.create(username=editor.username, ip_address="10.0.0.7", failures_since_start=9)
    client = browser(admin_user)
    url = reverse("accounts:person", args=[editor.pk]) if where == "person" else reverse(where)
    form = open_page(client, url).form('form[action$="/security/unlock/"]').fill()
    assert form.value("username") == editor.username and form.value("ip_address") == "10.0.0.7"
    ok(form.submit(client))
    assert not AccessAttempt.objects.filter(username=editor.username).exists()


def test_resending_an_invitation_comes_back_to_the_list(admin_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.invitation_create(by=admin_user, email="new@example.org", country=country("DE"), role="editor")
    invitation = Invitation.objects.get()
    client = browser(admin_user)
    url = reverse("accounts:invitations")
    form = open_page(client, url).form(f'form[action$="/invitations/{invitation.pk}/resend/"]').fill()
    assert form.value("next") == url
    response = form.submit(client)
    assert response["Location"] == url


def test_the_signed_in_invitee_signs_out_and_comes_back(invited, editor):  # noqa: F811
    _invitation, link = invited
    path = urlsplit(link).path
    client = browser(editor)
    form = open_page(client, path).form('form[action$="/logout/"]', containing="input[name=next]").fill()
    assert form.value("next") == path
    assert form.submit(client)["Location"] == path
