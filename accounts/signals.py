"""The account events recorded whatever path saved them (the team pages, the Django admin, an import, the
demo): role changes (memberships and the global roles) and (de)activations. The audit trail (audit) sits
below accounts and knows no model of it, so accounts connects these receivers (accounts/apps.py)."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save, pre_save

from accounts import policy
from accounts.models import Membership, User
from audit.models import AuditEvent
from audit.services import record

#: The account flags whose changes are recorded: active, and the global roles (the policy names them).
WATCHED = ("is_active", *policy.GLOBAL_ROLE_FIELDS)


def _remember_roles(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk:
        return
    instance._audit_before = sender.objects.filter(pk=instance.pk).values(*WATCHED).first()


def _user_saved(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_audit_before", None) or {}
    changes = {
        role: [before.get(role), getattr(instance, role)]
        for role in WATCHED
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


def connect() -> None:
    pre_save.connect(_remember_roles, sender=User, dispatch_uid="audit.user_before")
    post_save.connect(_user_saved, sender=User, dispatch_uid="audit.user_saved")
    pre_save.connect(_remember_membership, sender=Membership, dispatch_uid="audit.membership_before")
    post_save.connect(_membership_saved, sender=Membership, dispatch_uid="audit.membership_saved")
    post_delete.connect(_membership_deleted, sender=Membership, dispatch_uid="audit.membership_deleted")
