"""The audit trail records who did what, when and from which address: sign-ins (and failures), denials,
workflow steps, role changes, imports, exports and PDF downloads. The app only adds to it; admins read it."""

import pytest
from django.test import Client
from django.urls import reverse

from accounts import services as account_services
from accounts.models import Membership
from audit.models import AppendOnly, AuditEvent
from audit.services import record
from reviews import services as review_services
from tests.factories import country

A = AuditEvent.Action


def events(action):
    return list(AuditEvent.objects.filter(action=action).order_by("id"))


def test_sign_in_success_failure_and_sign_out_are_recorded_with_the_address(editor):
    client = Client(REMOTE_ADDR="192.0.2.10")
    client.post(reverse("account_login"), {"login": "editor", "password": "wrong"})
    client.post(reverse("account_login"), {"login": "editor", "password": "pw-for-tests"})
    client.post(reverse("account_logout"))
    (failed,) = events(A.SIGN_IN_FAILED)
    assert failed.username == "editor" and failed.user is None and failed.ip_address == "192.0.2.10"
    (signed_in,) = events(A.SIGN_IN)
    assert signed_in.user == editor and signed_in.ip_address == "192.0.2.10" and signed_in.path == "/accounts/login/"
    assert events(A.SIGN_OUT)[0].user == editor


def test_the_forwarded_address_counts_only_behind_our_proxy(editor, settings):
    forwarded = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "203.0.113.9, 198.51.100.7"}
    Client(**forwarded).post(reverse("account_login"), {"login": "editor", "password": "x"})
    settings.BEHIND_TLS_PROXY = True
    Client(**forwarded).post(reverse("account_login"), {"login": "editor", "password": "x"})
    direct, proxied = events(A.SIGN_IN_FAILED)
    assert direct.ip_address == "10.0.0.2"
    assert proxied.ip_address == "198.51.100.7"  # the hop our proxy added, not what the client claimed


def test_refusals_are_recorded(client, viewer, outsider, strategy):
    client.force_login(viewer)
    assert client.post(reverse("strategies:section", args=[strategy.pk, "conclusion"]), {}).status_code == 403
    client.force_login(outsider)
    assert client.get(reverse("strategies:detail", args=[strategy.pk])).status_code == 404
    forbidden, hidden = events(A.DENIED)
    assert forbidden.user == viewer and forbidden.details["status"] == 403
    assert forbidden.target == "strategies:section" and f"/strategies/{strategy.pk}/" in forbidden.path
    assert hidden.user == outsider and hidden.details["status"] == 404


def test_workflow_steps_are_recorded(lead, reviewer, strategy):
    review_services.strategy_submit(strategy=strategy, user=lead, note="Ready")
    review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    submitted, approved = events(A.TRANSITION)
    assert submitted.user == lead and submitted.target == f"strategy:{strategy.pk}"
    assert submitted.details == {"action": "submit", "from": "draft", "to": "submitted", "version": 1}
    assert approved.user == reviewer and approved.details["to"] == "approved"


def test_role_changes_are_recorded(editor, admin_user):
    account_services.membership_set(user=editor, country=country("DE"), role=Membership.Role.LEAD)
    account_services.user_set_memberships(user=editor, memberships=[("FR", "viewer")])
    editor.is_reviewer = True
    editor.save()
    summaries = [e.summary for e in events(A.ROLE_CHANGE)]
    assert "editor in DE: editor → lead" in summaries
    assert "editor in DE: lead → none" in summaries and "editor in FR: none → viewer" in summaries
    assert any("is_reviewer=True" in s for s in summaries)


def test_role_changes_in_the_admin_name_the_admin(client, admin_user, editor):
    client.force_login(admin_user)
    membership = Membership.objects.get(user=editor)
    url = reverse("admin:accounts_membership_change", args=[membership.pk])
    response = client.post(url, {"user": editor.pk, "country": membership.country_id, "role": "viewer"})
    assert response.status_code == 302
    event = events(A.ROLE_CHANGE)[-1]
    assert event.user == admin_user and event.details["to"] == "viewer"


def test_pdf_downloads_and_comparison_exports_are_recorded(client, editor, strategy):
    from tests.tasks import run_tasks

    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    client.get(url)
    run_tasks()
    assert client.get(url)["Content-Type"] == "application/pdf"
    (download,) = events(A.PDF_DOWNLOAD)
    assert download.user == editor and download.target.startswith("pdf:strategy:")
    client.get(reverse("comparisons:kpis"), {"format": "csv"})
    (export,) = events(A.EXPORT)
    assert export.target == "comparison:kpis" and export.details["format"] == "csv"


def test_admin_imports_and_exports_are_recorded(client, admin_user):
    client.force_login(admin_user)
    data = {"format": "0", "resource": "0", "countryresource_code": "on", "countryresource_name": "on"}
    response = client.post(reverse("admin:accounts_country_export"), data)
    assert response["Content-Type"].startswith("text/csv")
    (export,) = events(A.EXPORT)
    assert export.target == "accounts.country" and export.user == admin_user


def test_the_trail_is_append_only(editor):
    event = record(A.EXPORT, summary="x", user=editor)
    event.summary = "changed"
    with pytest.raises(AppendOnly):
        event.save()
    with pytest.raises(AppendOnly):
        event.delete()
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().update(summary="changed")
    with pytest.raises(AppendOnly):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).summary == "x"


def test_deleting_an_account_leaves_its_trail(editor):
    record(A.EXPORT, summary="kept", user=editor)
    editor.delete()
    event = AuditEvent.objects.get(summary="kept")
    assert event.username == "editor"


def test_admins_read_and_filter_the_trail_and_nobody_edits_it(client, admin_user, lead, editor):
    record(A.EXPORT, summary="an export", user=editor)
    record(A.DENIED, summary="a denial", user=editor)
    client.force_login(admin_user)
    listing = client.get(reverse("admin:audit_auditevent_changelist"), {"action__exact": "denied"})
    assert listing.status_code == 200
    assert b"a denial" in listing.content and b"an export" not in listing.content
    event = AuditEvent.objects.get(summary="a denial")
    assert client.get(reverse("admin:audit_auditevent_change", args=[event.pk])).status_code == 200
    assert client.post(reverse("admin:audit_auditevent_change", args=[event.pk]), {"summary": "x"}).status_code == 403
    assert client.post(reverse("admin:audit_auditevent_delete", args=[event.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    client.force_login(lead)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 302  # not staff
