"""Rate limit per token (and per signed-in session, and per address for anonymous calls)."""

from __future__ import annotations

from rest_framework.throttling import SimpleRateThrottle

from api.models import ApiToken


class PerTokenRateThrottle(SimpleRateThrottle):
    """settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api"]. The counts live in the default cache: with
    several processes or machines, configure a shared cache (see README, "Deploying") or each counts alone."""

    scope = "api"

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token-{request.auth.pk}"
        elif request.user is not None and request.user.is_authenticated:
            ident = f"user-{request.user.pk}"
        else:
            ident = f"address-{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}
