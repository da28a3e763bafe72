"""Team pages: admins run every country's team and every account; a lead runs their own country only, never
makes anyone a lead, reviewer or admin, and never leaves the country without a lead."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from accounts import policy, services
from accounts.models import Invitation, Membership, User
from audit.models import AuditEvent
from tests.factories import MembershipFactory, UserFactory, country


@pytest.fixture
def lead_client(lead):
    client = Client()
    client.force_login(lead)
    return client


@pytest.fixture
def admin_client_(admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


def test_lead_sees_and_runs_only_their_own_countrys_team(lead_client, editor, outsider):
    page = lead_client.get(reverse("accounts:country", args=["DE"]))
    assert page.status_code == 200 and editor.get_full_name() in page.content.decode()
    assert lead_client.get(reverse("accounts:country", args=["FR"])).status_code == 404
    assert lead_client.get(reverse("accounts:team")).url == reverse("accounts:country", args=["DE"])
    assert lead_client.get(reverse("accounts:people")).status_code == 404


def test_lead_invites_an_editor_with_the_form_as_a_browser_sends_it(
    lead_client, lead, mailoutbox, django_capture_on_commit_callbacks
):
    form = lead_client.get(reverse("accounts:country", args=["DE"])).context["invite_form"]
    assert [value for value, _label in form.fields["role"].choices] == ["editor", "viewer"]
    with django_capture_on_commit_callbacks(execute=True):
        response = lead_client.post(
            reverse("accounts:invite", args=["DE"]), {"email": "nina@example.org", "role": "editor"}, follow=True
        )
    assert "Invitation sent to nina@example.org" in response.content.decode()
    invitation = Invitation.objects.get(email="nina@example.org")
    assert invitation.country == country("DE") and invitation.role == "editor" and invitation.invited_by == lead
    assert len(mailoutbox) == 1 and "/invitation/" in mailoutbox[0].body
    assert AuditEvent.objects.filter(action="invited", details__email="nina@example.org").exists()


@pytest.mark.parametrize("role", ["lead", "reviewer", "admin"])
def test_a_lead_cannot_invite_anyone_as_lead_reviewer_or_admin(lead_client, role):
    response = lead_client.post(reverse("accounts:invite", args=["DE"]), {"email": "x@example.org", "role": role})
    assert response.status_code == 200 and "is not one of the available choices" in response.content.decode()
    assert not Invitation.objects.exists()
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            by=User.objects.get(username="lead"), email="x@example.org", country=country("DE"), role="lead"
        )
    with pytest.raises(PermissionDenied):
        services.invitation_create(
            by=User.objects.get(username="lead"), email="x@example.org", country=None, is_reviewer=True
        )


@pytest.mark.parametrize("role", ["lead", "nonsense"])
def test_a_lead_cannot_raise_a_member_to_lead(lead_client, editor, role):
    membership = editor.memberships.get()
    lead_client.post(reverse("accounts:member_role", args=[membership.pk]), {"role": role})
    membership.refresh_from_db()
    assert membership.role == "editor"


def test_a_lead_cannot_make_anyone_a_reviewer_or_admin(lead_client, editor):
    response = lead_client.post(
        reverse("accounts:person_roles", args=[editor.pk]), {"is_reviewer": "on", "is_admin": "on"}
    )
    assert response.status_code == 404
    editor.refresh_from_db()
    assert not editor.is_reviewer and not editor.is_superuser


def test_a_lead_changes_an_editor_to_viewer_and_removes_them(lead_client, editor):
    membership = editor.memberships.get()
    lead_client.post(reverse("accounts:member_role", args=[membership.pk]), {"role": "viewer"})
    membership.refresh_from_db()
    assert membership.role == "viewer"
    assert AuditEvent.objects.filter(action="role_change", details__to="viewer").exists()
    lead_client.post(reverse("accounts:member_remove", args=[membership.pk]))
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=editor.pk, is_active=True).exists()  # the account and its work stay


def test_a_lead_cannot_act_outside_their_country(lead_client, outsider):
    french = MembershipFactory(user__username="fr-editor", country=country("FR"), role="editor")
    invitation = services.invitation_create(
        by=outsider, email="fr@example.org", country=country("FR"), role="viewer"
    ).invitation
    for url, data in [
        (reverse("accounts:member_role", args=[french.pk]), {"role": "viewer"}),
        (reverse("accounts:member_remove", args=[french.pk]), {}),
        (reverse("accounts:invite", args=["FR"]), {"email": "y@example.org", "role": "editor"}),
        (reverse("accounts:invitation_revoke", args=[invitation.pk]), {}),
        (reverse("accounts:invitation_resend", args=[invitation.pk]), {}),
    ]:
        assert lead_client.post(url, data).status_code == 404, url
    french.refresh_from_db()
    invitation.refresh_from_db()
    assert french.role == "editor" and invitation.is_pending and Invitation.objects.count() == 1


def test_the_last_lead_cannot_be_removed_or_step_down_but_one_of_two_can(lead, lead_client):
    own = lead.memberships.get()
    assert lead_client.post(reverse("accounts:member_remove", args=[own.pk])).status_code == 403
    assert lead_client.post(reverse("accounts:member_role", args=[own.pk]), {"role": "editor"}).status_code == 403
    assert Membership.objects.get(pk=own.pk).role == "lead"
    second = MembershipFactory(user__username="co-lead", role="lead")
    # Another lead's membership is not theirs to change...
    assert lead_client.post(reverse("accounts:member_remove", args=[second.pk])).status_code == 403
    # ...but with a second lead, they may step down themselves.
    lead_client.post(reverse("accounts:member_role", args=[own.pk]), {"role": "editor"})
    assert Membership.objects.get(pk=own.pk).role == "editor"


def test_viewers_editors_and_reviewers_reach_no_team_page(viewer, editor, reviewer):
    for user in (viewer, editor, reviewer):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("accounts:team")).status_code == 404
        assert client.get(reverse("accounts:country", args=["DE"])).status_code == 404
        assert not policy.managed_countries(user).exists()


def test_admin_sets_up_a_country_flags_and_sees_every_team(admin_client_, lead):
    response = admin_client_.get(reverse("accounts:team"))
    page = response.content.decode()
    assert "Estonia" in page and "Germany" in page and lead.get_full_name() in page
    response = admin_client_.post(
        reverse("accounts:country_edit", args=["EE"]),
        {"is_signatory": "on", "signed_on": "2019-04-10", "is_operational": "", "website": "", "languages": "et, en"},
    )
    assert response.status_code == 302
    estonia = country("EE")
    assert estonia.is_signatory and estonia.languages == ["et", "en"] and not estonia.is_operational


def test_admin_invites_a_reviewer_and_a_lead_for_an_empty_country(
    admin_client_, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        admin_client_.post(reverse("accounts:invite_anyone"), {"email": "rev@example.org", "is_reviewer": "on"})
        admin_client_.post(reverse("accounts:invite", args=["EE"]), {"email": "lead@ee.example", "role": "lead"})
    assert Invitation.objects.get(email="rev@example.org").is_reviewer
    assert Invitation.objects.get(email="lead@ee.example").role == "lead"
    assert len(mailoutbox) == 2


def test_inviting_someone_who_has_an_account_adds_them_at_once(
    lead_client, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        lead_client.post(reverse("accounts:invite", args=["DE"]), {"email": outsider.email, "role": "viewer"})
    assert Membership.objects.get(user=outsider, country=country("DE")).role == "viewer"
    assert not Invitation.objects.exists() and "added you to Germany" in mailoutbox[0].body
    again = lead_client.post(reverse("accounts:invite", args=["DE"]), {"email": outsider.email, "role": "viewer"})
    assert "already on Germany" in again.content.decode()


def test_admin_changes_global_roles_but_never_drops_their_own_admin_role(admin_client_, admin_user, editor):
    admin_client_.post(reverse("accounts:person_roles", args=[editor.pk]), {"is_reviewer": "on"})
    editor.refresh_from_db()
    assert editor.is_reviewer and not editor.is_superuser
    admin_client_.post(reverse("accounts:person_roles", args=[admin_user.pk]), {"is_reviewer": ""})
    admin_user.refresh_from_db()
    assert admin_user.is_superuser


def test_a_deactivated_users_open_session_stops_at_the_next_request(admin_client_, editor, strategy):
    session = Client()
    session.force_login(editor)
    assert session.get(reverse("strategies:detail", args=[strategy.pk])).status_code == 200
    admin_client_.post(reverse("accounts:person_deactivate", args=[editor.pk]))
    response = session.get(reverse("strategies:detail", args=[strategy.pk]))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))
    assert not Client().login(username="editor", password="pw-for-tests")
    assert AuditEvent.objects.filter(action="deactivated", target=f"user:{editor.pk}").exists()
    # Their memberships and work stay; reactivating gives everything back.
    assert editor.memberships.exists()
    admin_client_.post(reverse("accounts:person_reactivate", args=[editor.pk]))
    assert Client().login(username="editor", password="pw-for-tests")
    assert AuditEvent.objects.filter(action="reactivated").exists()


def test_an_admin_cannot_deactivate_themselves(admin_user):
    with pytest.raises(ValidationError):
        services.user_deactivate(by=admin_user, user=admin_user)


def test_sign_out_everywhere_else_keeps_this_session(editor):
    here, elsewhere = Client(), Client()
    for client in (here, elsewhere):
        client.post(reverse("account_login"), {"login": "editor", "password": "pw-for-tests"})
    here.post(reverse("accounts:me"))
    assert here.get(reverse("strategies:home")).status_code == 200
    assert elsewhere.get(reverse("strategies:home")).status_code == 302


def test_admin_ends_someones_sessions(admin_client_, editor):
    session = Client()
    session.force_login(editor)
    admin_client_.post(reverse("accounts:person_sign_out", args=[editor.pk]))
    assert session.get(reverse("strategies:home")).status_code == 302


def test_people_page_filters_and_exports(admin_client_, editor, viewer, outsider):
    page = admin_client_.get(reverse("accounts:people"), {"country": country("FR").pk})
    names = [p.user.username for p in page.context["page"].object_list]
    assert names == ["outsider"]
    export = admin_client_.get(reverse("accounts:people"), {"role": "editor", "format": "csv"})
    text = export.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("username,first name") and "editor" in text and "outsider" not in text


def test_the_team_menu_shows_for_leads_and_admins_only(lead_client, editor):
    assert 'href="/team/"' in lead_client.get("/").content.decode()
    client = Client()
    client.force_login(editor)
    assert 'href="/team/"' not in client.get("/").content.decode()


def test_a_lead_starts_the_strategy_of_a_new_country(db):
    from strategies.models import Strategy

    lead = MembershipFactory(user__username="lead-ee", country=country("EE"), role="lead").user
    client = Client()
    client.force_login(lead)
    assert "Start the strategy" in client.get("/").content.decode()
    response = client.post(reverse("strategies:start", args=["EE"]))
    strategy = Strategy.objects.get(country__code="EE")
    assert response.url == reverse("strategies:detail", args=[strategy.pk])
    editor = MembershipFactory(user__username="editor-ee", country=country("EE"), role="editor").user
    client.force_login(editor)
    assert client.post(reverse("strategies:start", args=["EE"])).status_code == 403
    assert UserFactory(username="nobody") and Strategy.objects.filter(country__code="EE").count() == 1


def test_the_account_events_log_filters_and_exports(admin_client_, lead, editor):
    Client().post(reverse("account_login"), {"login": "editor", "password": "wrong"})
    services.invitation_create(by=lead, email="nina@example.org", country=country("DE"), role="viewer")
    page = admin_client_.get(reverse("accounts:audit_log"), {"action": "invited"})
    assert [e.action for e in page.context["page"].object_list] == ["invited"]
    assert (
        admin_client_.get(reverse("accounts:audit_log"), {"country": country("FR").pk}).context["page"].paginator.count
        == 0
    )
    failed = admin_client_.get(reverse("accounts:audit_log"), {"who": "editor", "action": "sign_in_failed"})
    assert failed.context["page"].paginator.count == 1
    for fmt in ("csv", "xlsx"):
        export = admin_client_.get(reverse("accounts:audit_log"), {"action": "invited", "format": fmt})
        assert export.status_code == 200 and export["Content-Disposition"].endswith(f'.{fmt}"')
    text = admin_client_.get(reverse("accounts:audit_log"), {"format": "csv"}).content.decode("utf-8-sig")
    assert text.startswith("when,event,who") and "Invited nina@example.org" in text and "Sign-in failed" in text
