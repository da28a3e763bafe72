"""The audit trail: who did what, when, from which address. The app only ever adds to it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnly(Exception):
    """The audit trail is never changed or shortened, only added to."""


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnly("Audit events cannot be changed.")

    def delete(self):
        raise AppendOnly("Audit events cannot be deleted.")


#: The account events (the team pages' audit log shows these).
ACCOUNT_ACTIONS = (
    "invited",
    "invitation_revoked",
    "joined",
    "role_change",
    "deactivated",
    "reactivated",
    "sign_in",
    "sign_in_failed",
    "sign_out",
    "locked",
    "unlocked",
    "mfa_changed",
    "api_token_created",
    "api_token_revoked",
)


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        SIGN_IN = "sign_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Sign-in failed")
        SIGN_OUT = "sign_out", _("Signed out")
        DENIED = "denied", _("Access denied")
        TRANSITION = "transition", _("Workflow step")
        ROLE_CHANGE = "role_change", _("Role changed")
        INVITED = "invited", _("Invited")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation withdrawn")
        JOINED = "joined", _("Joined")
        DEACTIVATED = "deactivated", _("Deactivated")
        REACTIVATED = "reactivated", _("Reactivated")
        LOCKED = "locked", _("Locked out")
        UNLOCKED = "unlocked", _("Lockout lifted")
        MFA_CHANGED = "mfa_changed", _("Two-factor authentication changed")
        IMPORT = "import", _("Import")
        EXPORT = "export", _("Export")
        PDF_DOWNLOAD = "pdf_download", _("PDF download")
        DELETE = "delete", _("Deleted")
        API_TOKEN_CREATED = "api_token_created", _("API token created")
        API_TOKEN_REVOKED = "api_token_revoked", _("API token revoked")
        PANEL = "panel", _("Panel review link")

    created_at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("what"), max_length=30, choices=Action.choices, db_index=True)
    # No database constraint and no cascade: deleting an account leaves its trail as it was.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
        verbose_name=_("who"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    target = models.CharField(_("on"), max_length=200, blank=True, db_index=True)
    summary = models.CharField(_("summary"), max_length=300)
    details = models.JSONField(_("details"), default=dict, blank=True)
    path = models.CharField(_("request"), max_length=300, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.username or '-'}: {self.summary}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnly("Audit events cannot be changed.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnly("Audit events cannot be deleted.")
