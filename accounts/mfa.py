"""Two-factor authentication required by role: a reviewer or admin who must use it (accounts.policy.mfa_required)
and has not set it up can only set it up (or sign out) until they have; every other page sends them there."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts import policy

#: Pages open to someone who still has to set up two-factor authentication (paths under these prefixes).
ALLOWED = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/", "/static/")


def has_mfa(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMfaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED)
            and policy.mfa_required(user)
            and not has_mfa(user)
        ):
            target = reverse("mfa_activate_totp")
            if request.headers.get("HX-Request") == "true":
                response = HttpResponse(status=204)
                response["HX-Redirect"] = target
                return response
            messages.warning(
                request,
                _(
                    "Your role requires two-factor authentication. Set up an authenticator app to continue: "
                    "scan the code with it and type the six digits it shows."
                ),
            )
            return redirect(target)
        return self.get_response(request)
