"""Writes of the API app: personal access tokens are made and revoked here (and nowhere else)."""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from accounts.policy import can_use_api
from api.models import ApiToken
from audit import services as audit

#: Every token starts with this, so a leaked one is recognisable (e.g. by secret scanners).
TOKEN_PREFIX = "onemg_"  # noqa: S105 - a public marker, not a secret
#: Tokens' "last used" is written at most this often (not on every request).
LAST_USED_PRECISION = datetime.timedelta(minutes=5)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


@transaction.atomic
def token_create(*, user, name: str, expires_on: datetime.date | None = None) -> tuple[ApiToken, str]:
    """Make a token for `user`; returns it with its secret, which is never stored and never shown again."""
    if not can_use_api(user):
        raise PermissionDenied
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    expires_at = None
    if expires_on is not None:
        expires_at = timezone.make_aware(datetime.datetime.combine(expires_on, datetime.time.max))
    token = ApiToken(user=user, name=name.strip(), prefix=raw[: len(TOKEN_PREFIX) + 6], key_hash=token_hash(raw))
    token.expires_at = expires_at
    token.full_clean()
    token.save()
    audit.record(
        audit.AuditEvent.Action.API_TOKEN_CREATED,
        summary=f"Created the API token “{token.name}”",
        user=user,
        target=f"api-token:{token.pk}",
        details={"expires": expires_on.isoformat() if expires_on else None},
    )
    return token, raw


@transaction.atomic
def token_revoke(*, token: ApiToken, user) -> ApiToken:
    """Revoke a token (its owner does this; the caller loaded it through the policy's visible_api_tokens)."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit.record(
            audit.AuditEvent.Action.API_TOKEN_REVOKED,
            summary=f"Revoked the API token “{token.name}”",
            user=user,
            target=f"api-token:{token.pk}",
        )
    return token


def token_authenticate(raw: str) -> ApiToken | None:
    """The usable token with this secret, its owner active; None otherwise. Notes when it was used."""
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 100:
        return None
    token = ApiToken.objects.select_related("user").filter(key_hash=token_hash(raw)).first()
    now = timezone.now()
    if token is None or not token.is_usable(now) or not token.user.is_active:
        return None
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
