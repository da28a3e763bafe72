"""Recording to the audit trail. Higher apps call `record(...)`; sign-ins, role changes, imports and
admin exports are recorded from signals (audit/signals.py), denials by the middleware."""

from __future__ import annotations

import contextvars
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_ipv46_address
from django.http import Http404

from audit.models import AuditEvent

__all__ = ["AuditEvent", "AuditMiddleware", "client_address", "current_request", "record"]

logger = logging.getLogger(__name__)

#: The request being handled in this thread or task, so signal receivers know who and from where.
_current_request: contextvars.ContextVar = contextvars.ContextVar("audit_request", default=None)


def current_request():
    return _current_request.get()


def client_address(request) -> str | None:
    """The client's address: behind our TLS proxy the last X-Forwarded-For hop (the one our proxy added;
    earlier hops are whatever the client claimed), else the socket's peer."""
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "BEHIND_TLS_PROXY", False):
        forwarded = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if forwarded:
            address = forwarded[-1]
    try:
        validate_ipv46_address(address)
    except ValidationError:
        return None
    return address


def record(
    action: str,
    *,
    summary: str,
    user=None,
    username: str = "",
    target: str = "",
    details: dict | None = None,
    request=None,
) -> AuditEvent:
    """Add one event. Who and from where default to the current request's user and address."""
    request = request if request is not None else current_request()
    if user is None and request is not None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    if user is not None and not getattr(user, "pk", None):
        user = None
    return AuditEvent.objects.create(
        action=action,
        user=user,
        username=(username or (user.get_username() if user is not None else ""))[:150],
        ip_address=client_address(request) if request is not None else None,
        target=str(target)[:200],
        summary=str(summary)[:300],
        details=details or {},
        path=request.get_full_path()[:300] if request is not None else "",
    )


class AuditMiddleware:
    """Makes the request known to `record` and records requests refused on protected objects."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)

    def process_exception(self, request, exception):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # Every refusal; and the 404s signed-in people get for what they may not see (anonymous 404s are
        # mostly crawlers and would drown the trail).
        if isinstance(exception, PermissionDenied) or (isinstance(exception, Http404) and signed_in):
            status = 403 if isinstance(exception, PermissionDenied) else 404
            record(
                AuditEvent.Action.DENIED,
                summary=f"{status} {request.method} {request.path}"[:300],
                target=request.resolver_match.view_name if request.resolver_match else "",
                details={"status": status, "method": request.method},
                request=request,
            )
        return None
