"""The link in an invitation e-mail: signed, single-use, expiring.

The link carries the invitation's id and a random nonce, signed with the site's secret so it cannot be made
up. The invitation keeps only a hash of the nonce; resending makes a new nonce, so an older link stops
working. Accepting marks the invitation accepted, so the link works once. `expires_at` ends it.
"""

from __future__ import annotations

import hashlib
import secrets

from django.core import signing
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation

SALT = "accounts.invitation"


class InvitationUnusable(Exception):
    """Why a link cannot be used: `reason` is one of the keys of REASONS."""

    REASONS = {
        "invalid": _("This invitation link is not valid. Check that you copied all of it, or use the newest e-mail."),
        "accepted": _("This invitation has already been used. Sign in with the account you set up then."),
        "expired": _("This invitation has expired. Ask the person who invited you to send it again."),
        "revoked": _("This invitation was withdrawn. Ask your country lead or an admin if you still need access."),
    }

    def __init__(self, reason: str, invitation: Invitation | None = None):
        super().__init__(reason)
        self.reason = reason
        self.invitation = invitation

    @property
    def message(self) -> str:
        return str(self.REASONS[self.reason])


def _digest(nonce: str) -> str:
    return hashlib.sha256(nonce.encode()).hexdigest()


def new_token(invitation: Invitation) -> str:
    """A fresh link secret for the invitation (stored as a hash on it; the caller saves it)."""
    nonce = secrets.token_urlsafe(24)
    invitation.token_hash = _digest(nonce)
    return signing.dumps({"i": invitation.pk, "n": nonce}, salt=SALT)


def invitation_for_token(token: str, *, queryset=None) -> Invitation:
    """The pending invitation a link stands for, or InvitationUnusable saying why not."""
    try:
        data = signing.loads(token, salt=SALT)
        pk, nonce = int(data["i"]), str(data["n"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise InvitationUnusable("invalid") from None
    qs = Invitation.objects.select_related("country", "user", "invited_by") if queryset is None else queryset
    invitation = qs.filter(pk=pk).first()
    if invitation is None or not secrets.compare_digest(invitation.token_hash, _digest(nonce)):
        raise InvitationUnusable("invalid")
    status = invitation.status
    if status != Invitation.Status.PENDING:
        raise InvitationUnusable(status, invitation)
    return invitation


# The invitation whose link was opened in this browser, so that signing in through the identity provider from
# its page (a round trip through another site) can still accept it.
SESSION_KEY = "pending_invitation"


def remember(request, invitation: Invitation) -> None:
    request.session[SESSION_KEY] = {"id": invitation.pk, "hash": invitation.token_hash}


def remembered(request) -> Invitation | None:
    """The invitation opened in this browser, if it is still pending and its link still the latest."""
    data = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
    if not isinstance(data, dict):
        return None
    invitation = Invitation.objects.select_related("country", "user").filter(pk=data.get("id")).first()
    if invitation is None or invitation.token_hash != data.get("hash") or not invitation.is_pending:
        return None
    return invitation


def forget(request) -> None:
    if hasattr(request, "session"):
        request.session.pop(SESSION_KEY, None)
