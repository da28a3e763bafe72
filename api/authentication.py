"""DRF authentication by personal access token: `Authorization: Bearer onemg_…`. A wrong, revoked or expired
token, or the token of a deactivated account, is a 401; the request then runs as the token's owner, and every
permission check is the owner's (accounts/policy.py and the loaders built on it)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.exceptions import AuthenticationFailed

from api.services import token_authenticate


class PersonalTokenAuthentication(BaseAuthentication):
    keywords = (b"bearer", b"token")

    def authenticate(self, request):
        header = get_authorization_header(request).split()
        if not header or header[0].lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise AuthenticationFailed("Send the token as: Authorization: Bearer <token>.")
        token = token_authenticate(header[1].decode("latin-1"))
        if token is None:
            raise AuthenticationFailed("This token is not valid: it is unknown, revoked or expired.")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="1+MG Strategy Planner API"'


class PersonalTokenScheme(OpenApiAuthenticationExtension):
    """How the OpenAPI description names the token (drf-spectacular)."""

    target_class = PersonalTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal access token (onemg_…) made on the API tokens page of the user menu.",
        }
