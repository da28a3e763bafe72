"""Events recorded from signals: sign-ins, lockouts (django-axes), two-factor changes (allauth.mfa) and the
admin's imports and exports (django-import-export). Role changes and (de)activations are recorded by accounts
(accounts/signals.py): the audit trail sits below the apps whose models it records, and knows none of them."""

from __future__ import annotations

from allauth.mfa.signals import authenticator_added, authenticator_removed, authenticator_reset
from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from import_export.signals import post_export, post_import

from audit.models import AuditEvent
from audit.services import current_request, record


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
    user_locked_out.connect(_locked_out, dispatch_uid="audit.locked_out")
    authenticator_added.connect(_mfa_added, dispatch_uid="audit.mfa_added")
    authenticator_removed.connect(_mfa_removed, dispatch_uid="audit.mfa_removed")
    authenticator_reset.connect(_mfa_reset, dispatch_uid="audit.mfa_reset")
    post_import.connect(_imported, dispatch_uid="audit.import")
    post_export.connect(_exported, dispatch_uid="audit.export")
