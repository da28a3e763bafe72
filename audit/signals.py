"""Events recorded from signals: sign-ins, lockouts (django-axes), two-factor changes (allauth.mfa), role
changes (memberships and the global roles) and (de)activations whatever path saved them, and the admin's
imports and exports (django-import-export)."""

from __future__ import annotations

from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save, pre_save
from import_export.signals import post_export, post_import

from accounts.models import Membership, User
from audit.models import AuditEvent
from audit.services import current_request, record

GLOBAL_ROLES = ("is_active", "is_reviewer", "is_staff", "is_superuser")


def _signed_in(sender, request, user, **kwargs):
    record(AuditEvent.Action.SIGN_IN, summary="Signed in", user=user, target=f"user:{user.pk}", request=request)


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username") or credentials.get("email") or "")[:150]
    record(
        AuditEvent.Action.SIGN_IN_FAILED,
        summary=f"Sign-in failed for “{username}”",
        username=username,
        target="user",
        request=request,
    )


def _signed_out(sender, request, user, **kwargs):
    if user is not None:
        record(AuditEvent.Action.SIGN_OUT, summary="Signed out", user=user, target=f"user:{user.pk}", request=request)


def _remember_roles(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._audit_before = sender.objects.filter(pk=instance.pk).values(*GLOBAL_ROLES).first()


def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None) or {}
    changes = {
        role: [before.get(role), getattr(instance, role)]
        for role in GLOBAL_ROLES
        if created or before.get(role) != getattr(instance, role)
    }
    changes = {role: change for role, change in changes.items() if change[1] or not created}
    instance._audit_before = None
    active = changes.pop("is_active", None) if not created else None
    if active is not None:
        deactivated = not active[1]
        record(
            AuditEvent.Action.DEACTIVATED if deactivated else AuditEvent.Action.REACTIVATED,
            summary=f"Account {instance.get_username()} {'deactivated' if deactivated else 'reactivated'}",
            target=f"user:{instance.pk}",
            details={"user": instance.get_username()},
        )
    if changes:
        described = ", ".join(f"{role}={new}" for role, (_old, new) in changes.items())
        record(
            AuditEvent.Action.ROLE_CHANGE,
            summary=f"{'New account' if created else 'Account'} {instance.get_username()}: {described}",
            target=f"user:{instance.pk}",
            details={"user": instance.get_username(), "changes": changes, "created": created},
        )


def _remember_membership(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._audit_role = sender.objects.filter(pk=instance.pk).values_list("role", flat=True).first()


def _membership_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = None if created else getattr(instance, "_audit_role", None)
    if before == instance.role:
        return
    record(
        AuditEvent.Action.ROLE_CHANGE,
        summary=f"{instance.user.get_username()} in {instance.country.code}: {before or 'none'} → {instance.role}",
        target=f"user:{instance.user_id}",
        details={
            "user": instance.user.get_username(),
            "country": instance.country.code,
            "from": before,
            "to": instance.role,
        },
    )


def _membership_deleted(sender, instance, **kwargs):
    record(
        AuditEvent.Action.ROLE_CHANGE,
        summary=f"{instance.user.get_username()} in {instance.country.code}: {instance.role} → none",
        target=f"user:{instance.user_id}",
        details={
            "user": instance.user.get_username(),
            "country": instance.country.code,
            "from": instance.role,
            "to": None,
        },
    )


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    record(
        AuditEvent.Action.LOCKED,
        summary=f"“{username}” locked out after repeated failed sign-ins",
        username=str(username or "")[:150],
        target="user",
        details={"user": username, "ip_address": ip_address},
        request=request,
    )


def _mfa(verb):
    def receiver(sender, request=None, user=None, authenticator=None, **kwargs):
        kind = getattr(authenticator, "type", "")
        record(
            AuditEvent.Action.MFA_CHANGED,
            summary=f"Two-factor authentication: {kind.replace('_', ' ')} {verb}",
            user=user,
            target=f"user:{user.pk}" if user is not None else "user",
            details={"user": user.get_username() if user is not None else None, "type": kind, "change": verb},
            request=request,
        )

    return receiver


_mfa_added, _mfa_removed, _mfa_reset = _mfa("added"), _mfa("removed"), _mfa("renewed")


def _imported(sender, model, **kwargs):
    request = current_request()
    totals = getattr(request, "import_totals", None) or {}
    record(
        AuditEvent.Action.IMPORT,
        summary=f"Imported {model._meta.verbose_name_plural}",
        target=model._meta.label_lower,
        details={"totals": totals},
    )


def _exported(sender, model, **kwargs):
    record(
        AuditEvent.Action.EXPORT, summary=f"Exported {model._meta.verbose_name_plural}", target=model._meta.label_lower
    )


def connect() -> None:
    user_logged_in.connect(_signed_in, dispatch_uid="audit.sign_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="audit.sign_in_failed")
    user_logged_out.connect(_signed_out, dispatch_uid="audit.sign_out")
    pre_save.connect(_remember_roles, sender=User, dispatch_uid="audit.user_before")
    post_save.connect(_user_saved, sender=User, dispatch_uid="audit.user_saved")
    pre_save.connect(_remember_membership, sender=Membership, dispatch_uid="audit.membership_before")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="audit.membership_saved")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="audit.membership_deleted")
    user_locked_out.connect(_locked_out, dispatch_uid="audit.locked_out")
    authenticator_added.connect(_mfa_added, dispatch_uid="audit.mfa_added")
    authenticator_removed.connect(_mfa_removed, dispatch_uid="audit.mfa_removed")
    authenticator_reset.connect(_mfa_reset, dispatch_uid="audit.mfa_reset")
    post_import.connect(_imported, dispatch_uid="audit.import")
    post_export.connect(_exported, dispatch_uid="audit.export")
