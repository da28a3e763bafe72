"""Lockout of repeated failed sign-ins (django-axes), wired to our sign-in page.

Failures are counted per account and address (settings.AXES_LOCKOUT_PARAMETERS): after AXES_FAILURE_LIMIT
wrong passwords for one account from one address, that account cannot sign in from that address until the
cool-off has passed or an admin lifts the lock (accounts.services.lockout_clear). The same account from
another address is not affected, so nobody can lock a colleague out from elsewhere.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from accounts.models import User
from audit.services import client_address


class LockoutBackend(AxesStandaloneBackend):
    """Axes' check, for sign-ins that come with a request (every web sign-in does). Without one (a script,
    the test client's login()) there is no address to count failures against, so there is nothing to check:
    axes itself would refuse to run."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def username_of(request, credentials) -> str:
    """The account a sign-in attempt is for, the same whichever way it was typed: username or e-mail address,
    any case (so switching between them does not earn more attempts)."""
    credentials = credentials or {}
    typed = credentials.get("username") or credentials.get("email") or ""
    if not typed and request is not None and request.method == "POST":
        typed = request.POST.get("login") or request.POST.get("username") or ""
    typed = str(typed).strip()[:254]
    if "@" in typed:
        username = User.objects.filter(email__iexact=typed).values_list("username", flat=True).first()
        if username:
            return username.lower()
    return typed.lower()


def address_of(request) -> str:
    """The client's address as the audit trail sees it (the proxy's last hop behind BEHIND_TLS_PROXY)."""
    return client_address(request) or ""


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets: what happened, for how long, and who can lift it (429)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "account/lockout.html",
        {
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": minutes,
            "until": timezone.now() + settings.AXES_COOLOFF_TIME,
        },
        status=429,
    )
