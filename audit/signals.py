"""Events recorded from signals: sign-ins, role changes (memberships and the global roles), and the
admin's imports and exports (django-import-export)."""

from __future__ import annotations

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
    username = str(credentials.get("username", ""))[:150]
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
    post_import.connect(_imported, dispatch_uid="audit.import")
    post_export.connect(_exported, dispatch_uid="audit.export")
