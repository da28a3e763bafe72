"""Single sign-on through an OpenID Connect provider, against a stand-in provider: its discovery document,
token and userinfo endpoints are answered by `responses` (no network). An invitee joins by signing in there;
an existing account with the same verified e-mail address signs in; an unknown identity gets no account."""

import time
from urllib.parse import parse_qs, urlparse

import jwt
import pytest
import responses
from django.test import Client
from django.urls import reverse

from accounts import services
from accounts.invitations import new_token
from accounts.models import Invitation, User
from tests.factories import country

ISSUER = "https://idp.example.test"
CLIENT_ID = "planner-client"


@pytest.fixture
def provider(settings):
    """The planner configured for the stand-in provider (as OIDC_* environment variables would)."""
    settings.SOCIALACCOUNT_PROVIDERS = {
        "openid_connect": {
            "APPS": [
                {
                    "provider_id": "sso",
                    "name": "LS Login",
                    "client_id": CLIENT_ID,
                    "secret": "s3cret",
                    "settings": {"server_url": ISSUER, "oauth_pkce_enabled": True},
                }
            ]
        }
    }
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mock:
        mock.get(
            f"{ISSUER}/.well-known/openid-configuration",
            json={
                "issuer": ISSUER,
                "authorization_endpoint": f"{ISSUER}/authorize",
                "token_endpoint": f"{ISSUER}/token",
                "userinfo_endpoint": f"{ISSUER}/userinfo",
                "jwks_uri": f"{ISSUER}/jwks",
                "token_endpoint_auth_methods_supported": ["client_secret_post"],
            },
        )
        yield mock


def _identity(mock, *, sub: str, email: str, verified: bool = True, name=("Ines", "Idp")):
    claims = {
        "iss": ISSUER,
        "aud": CLIENT_ID,
        "sub": sub,
        "exp": int(time.time()) + 300,
        "iat": int(time.time()),
        "email": email,
        "email_verified": verified,
        "given_name": name[0],
        "family_name": name[1],
    }
    id_token = jwt.encode(claims, "stand-in-key-not-verified-for-direct-token-responses", algorithm="HS256")
    mock.post(f"{ISSUER}/token", json={"access_token": "at-1", "token_type": "Bearer", "id_token": id_token})
    mock.get(f"{ISSUER}/userinfo", json={k: v for k, v in claims.items() if k not in ("iss", "aud", "exp", "iat")})


def _sign_in_at_provider(client: Client):
    """Press "Sign in with LS Login", come back from the provider with a code."""
    start = client.post(reverse("openid_connect_login", args=["sso"]) + "?process=login")
    assert start.status_code == 302 and start.url.startswith(f"{ISSUER}/authorize"), start
    state = parse_qs(urlparse(start.url).query)["state"][0]
    return client.get(reverse("openid_connect_callback", args=["sso"]), {"code": "the-code", "state": state})


def test_the_sign_in_page_offers_the_provider_only_when_configured(db, settings):
    assert "Sign in with" not in Client().get(reverse("account_login")).content.decode()


def test_an_invitee_joins_by_signing_in_at_the_provider(provider, lead):
    invitation = services.invitation_create(
        by=lead, email="ines@uni.example", country=country("DE"), role="editor"
    ).invitation
    token = new_token(invitation)
    invitation.save(update_fields=["token_hash"])
    client = Client()
    page = client.get(reverse("accounts:accept", args=[token]))
    assert "Sign in with LS Login" in page.content.decode()
    _identity(provider, sub="ines-123", email="ines@uni.example")
    done = _sign_in_at_provider(client)
    assert done.status_code == 302 and done.url == "/", done.content[:500]
    user = User.objects.get(email="ines@uni.example")
    assert user.socialaccount_set.get().uid == "ines-123"
    assert user.memberships.get().role == "editor"
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"
    assert client.get("/").status_code == 200
    # Next time, the provider alone signs them in.
    _identity(provider, sub="ines-123", email="ines@uni.example")
    assert _sign_in_at_provider(Client()).url == "/"


def test_an_existing_account_with_the_verified_address_signs_in(provider, editor):
    services.email_address_confirm(user=editor, email=editor.email)
    _identity(provider, sub="ed-1", email=editor.email)
    client = Client()
    assert _sign_in_at_provider(client).url == "/"
    assert client.get("/").wsgi_request.user == editor


def test_an_unknown_identity_gets_no_account(provider, db):
    _identity(provider, sub="stranger", email="stranger@elsewhere.example")
    page = _sign_in_at_provider(Client())
    assert page.status_code == 200 and "No account for this sign-in yet" in page.content.decode()
    assert not User.objects.filter(email="stranger@elsewhere.example").exists()


def test_an_unverified_address_does_not_take_over_an_account(provider, editor):
    services.email_address_confirm(user=editor, email=editor.email)
    _identity(provider, sub="mallory", email=editor.email, verified=False)
    client = Client()
    _sign_in_at_provider(client)
    assert not client.get("/").wsgi_request.user.is_authenticated
    assert not editor.socialaccount_set.exists()


def test_an_imported_account_takes_the_identity_with_its_invitation(provider, admin_user):
    person = User.objects.create(username="imported", email="imp@uni.example")
    person.set_unusable_password()
    person.save()
    invitation = services.invitation_create(by=admin_user, email="imp@uni.example", user=person).invitation
    token = new_token(invitation)
    invitation.save(update_fields=["token_hash"])
    client = Client()
    client.get(reverse("accounts:accept", args=[token]))
    _identity(provider, sub="imp-9", email="imp.other@uni.example")
    assert _sign_in_at_provider(client).url == "/"
    assert person.socialaccount_set.get().uid == "imp-9"
    assert Invitation.objects.get(pk=invitation.pk).status == "accepted"
