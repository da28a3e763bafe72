"""The read-only API: personal access tokens (made, shown once, stored hashed, named, expiring, revoked), and
a token never sees more than its owner: every endpoint × every role, the same answers as the pages give
(tests/test_access_matrix.py's WORLD: Germany's strategy in review with text written after submitting, France's
draft, Portugal's approved strategy); paginated, rate-limited, described by OpenAPI; the example script of
docs/api.md lists what its owner may see and nothing else."""

from __future__ import annotations

import datetime
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from accounts.policy import can_read_working_copy, visible_strategies
from api import services
from api.models import ApiToken
from audit.models import AuditEvent
from strategies.models import Strategy
from tests.test_access_matrix import DRAFT_MARKER, OUTSIDERS, ROLES, build_world

#: Each endpoint (URL name, arguments from WORLD), then the status per role (order of ROLES).
ENDPOINTS: list[tuple[str, dict, str]] = [
    ("api:country-list", {}, "401 200 200 200 200 200 200 200 200"),
    ("api:country-detail", {"code": "de"}, "401 200 200 200 200 200 200 200 200"),
    ("api:strategy-list", {}, "401 200 200 200 200 200 200 200 200"),
    ("api:strategy-detail", {"pk": "strategy"}, "401 200 200 200 404 404 404 200 200"),
    ("api:strategy-sections", {"pk": "strategy"}, "401 200 200 200 404 404 404 200 200"),
    ("api:strategy-parts", {"pk": "strategy", "kind": "risks"}, "401 200 200 200 404 404 404 200 200"),
    ("api:strategy-tasks", {"pk": "strategy"}, "401 200 200 200 404 404 404 200 200"),
    ("api:strategy-kpi-readings", {"pk": "strategy"}, "401 200 200 200 404 404 404 200 200"),
    ("api:strategy-document", {"pk": "strategy"}, "401 200 200 200 404 404 404 200 200"),
    ("api:strategy-detail", {"pk": "other_strategy"}, "401 404 404 404 200 200 200 404 200"),
    ("api:strategy-document", {"pk": "other_strategy"}, "401 404 404 404 200 200 200 404 200"),
    ("api:strategy-detail", {"pk": "approved"}, "401 200 200 200 200 200 200 200 200"),
    ("api:strategy-parts", {"pk": "approved", "kind": "risks"}, "401 200 200 200 200 200 200 200 200"),
    ("api:snapshot-list", {}, "401 200 200 200 200 200 200 200 200"),
    ("api:snapshot-detail", {"pk": "snapshot"}, "401 200 200 200 404 404 404 200 200"),
    ("api:snapshot-document", {"pk": "snapshot"}, "401 200 200 200 404 404 404 200 200"),
    ("api:snapshot-detail", {"pk": "approved_snapshot"}, "401 200 200 200 200 200 200 200 200"),
    ("api:snapshot-document", {"pk": "approved_snapshot"}, "401 200 200 200 200 200 200 200 200"),
    ("api:comparisons", {}, "401 200 200 200 200 200 200 200 200"),
]


def _url(world, name: str, arguments: dict) -> str:
    kwargs = {key: getattr(getattr(world, value, None), "pk", value) for key, value in arguments.items()}
    return reverse(name, kwargs=kwargs)


def _client(token: str | None) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}") if token else Client()


@pytest.fixture
def world(db):
    world = build_world()
    world.tokens = {
        role: (services.token_create(user=user, name=f"{role} script")[1] if user is not None else None)
        for role, user in world.users.items()
    }
    return world


def test_every_endpoint_answers_each_role_as_the_pages_do(world):
    problems = []
    for name, arguments, codes in ENDPOINTS:
        url = _url(world, name, arguments)
        for role, code in zip(ROLES, codes.split(), strict=True):
            response = _client(world.tokens[role]).get(url)
            if response.status_code != int(code):
                problems.append(f"{name} {arguments} as {role}: {response.status_code}, expected {code}")
            if role in OUTSIDERS and DRAFT_MARKER.encode() in response.content:
                problems.append(f"{name} {arguments} as {role}: shows Germany's working draft")
    assert not problems, "\n".join(problems)


def test_every_api_url_is_in_the_table():
    from tests.test_access_matrix import url_names

    covered = {name for name, _arguments, _codes in ENDPOINTS}
    api_urls = {name for name in url_names() if name.startswith("api:") and name.count("-")}
    assert api_urls <= covered, api_urls - covered


def test_a_token_lists_exactly_what_its_owner_sees_and_reads_what_the_pages_show(world):
    for role, user in world.users.items():
        if user is None:
            continue
        listed = _client(world.tokens[role]).get(reverse("api:strategy-list")).json()["results"]
        assert {s["id"] for s in listed} == set(
            visible_strategies(user, Strategy.objects.all()).values_list("pk", flat=True)
        ), role
        for item in listed:
            strategy = visible_strategies(user, Strategy.objects.all()).get(pk=item["id"])
            assert (item["reads"] == "working_copy") == can_read_working_copy(user, strategy), (role, item)


def test_a_french_leads_token_never_sees_germanys_draft(world):
    french = _client(world.tokens["x_lead"])
    listed = json.dumps(french.get(reverse("api:strategy-list")).json())
    assert str(world.strategy.title) not in listed
    for name in ("api:strategy-detail", "api:strategy-sections", "api:strategy-tasks", "api:strategy-document"):
        assert french.get(reverse(name, args=[world.strategy.pk])).status_code == 404
    snapshots = french.get(reverse("api:snapshot-list")).json()["results"]
    assert world.snapshot.pk not in {s["id"] for s in snapshots}
    assert world.approved_snapshot.pk in {s["id"] for s in snapshots}
    # Germany's own members read the working copy, with what was written after submitting.
    sections = _client(world.tokens["viewer"]).get(reverse("api:strategy-sections", args=[world.strategy.pk]))
    assert DRAFT_MARKER in sections.content.decode()
    # The reviewer reads the submitted snapshot, not the draft written since.
    reviewer = _client(world.tokens["reviewer"]).get(reverse("api:strategy-sections", args=[world.strategy.pk]))
    assert reviewer.status_code == 200 and DRAFT_MARKER not in reviewer.content.decode()


def test_revoked_expired_unknown_and_deactivated_tokens_get_401(world):
    url = reverse("api:strategy-list")
    lead = world.users["lead"]
    token, raw = services.token_create(user=lead, name="to revoke")
    assert _client(raw).get(url).status_code == 200
    services.token_revoke(token=token, user=lead)
    assert _client(raw).get(url).status_code == 401
    expiring, raw = services.token_create(user=lead, name="short", expires_on=timezone.localdate())
    assert _client(raw).get(url).status_code == 200
    ApiToken.objects.filter(pk=expiring.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = _client(raw).get(url)
    assert response.status_code == 401 and response["WWW-Authenticate"].startswith("Bearer")
    assert _client("onemg_" + "x" * 43).get(url).status_code == 401
    assert Client(HTTP_AUTHORIZATION="Bearer").get(url).status_code == 401
    editor_token = world.tokens["editor"]
    assert _client(editor_token).get(url).status_code == 200
    User.objects.filter(pk=world.users["editor"].pk).update(is_active=False)
    assert _client(editor_token).get(url).status_code == 401


def test_lists_are_paginated(world, monkeypatch):
    from rest_framework.pagination import PageNumberPagination

    assert PageNumberPagination.page_size == 50
    monkeypatch.setattr(PageNumberPagination, "page_size", 2)
    admin = _client(world.tokens["admin"])
    first = admin.get(reverse("api:strategy-list")).json()
    assert first["count"] == 3 and len(first["results"]) == 2 and first["next"]
    second = admin.get(first["next"]).json()
    assert len(second["results"]) == 1 and second["next"] is None


def test_calls_are_rate_limited_per_token(world, monkeypatch):
    from api.throttling import PerTokenRateThrottle

    monkeypatch.setattr(PerTokenRateThrottle, "THROTTLE_RATES", {"api": "3/minute"})
    url = reverse("api:country-list")
    lead, viewer = _client(world.tokens["lead"]), _client(world.tokens["viewer"])
    assert [lead.get(url).status_code for _i in range(3)] == [200, 200, 200]
    limited = lead.get(url)
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    assert viewer.get(url).status_code == 200  # each token has its own allowance


def test_the_openapi_description_and_its_reference_page_are_served_without_a_cdn(world):
    client = Client()
    assert client.get(reverse("api:schema")).status_code == 401
    client.force_login(world.users["viewer"])
    schema = client.get(reverse("api:schema") + "?format=json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    for path in ("/api/v1/strategies/", "/api/v1/strategies/{id}/parts/{kind}/", "/api/v1/comparisons/"):
        assert path in paths
    assert "personalToken" in schema.json()["components"]["securitySchemes"]
    page = client.get(reverse("api:swagger")).content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources and all(s.startswith(("/", "?")) for s in sources), sources
    script = client.get(reverse("api:swagger") + "?script=")
    assert script.status_code == 200
    assert client.get(reverse("api:docs")).status_code == 200


def test_a_person_makes_a_token_sees_it_once_and_revokes_it(client, world):
    lead = world.users["lead"]
    client.force_login(lead)
    page = client.post(reverse("api:tokens"), {"name": "Report script", "expires_on": ""})
    assert page.status_code == 200 and "no-store" in page["Cache-Control"]
    secret = page.context["secret"]
    assert secret.startswith("onemg_") and secret in page.content.decode()
    token = ApiToken.objects.get(user=lead, name="Report script")
    assert secret not in json.dumps(list(ApiToken.objects.values()), default=str)  # only its hash is kept
    again = client.get(reverse("api:tokens")).content.decode()
    assert secret not in again and "Report script" in again and token.prefix in again
    assert AuditEvent.objects.filter(action="api_token_created", target=f"api-token:{token.pk}").exists()
    # Someone else cannot revoke it (nor see it).
    other = Client()
    other.force_login(world.users["x_lead"])
    assert other.post(reverse("api:token_revoke", args=[token.pk])).status_code == 404
    assert "Report script" not in other.get(reverse("api:tokens")).content.decode()
    assert _client(secret).get(reverse("api:strategy-list")).status_code == 200
    client.post(reverse("api:token_revoke", args=[token.pk]))
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert _client(secret).get(reverse("api:strategy-list")).status_code == 401
    assert AuditEvent.objects.filter(action="api_token_revoked", target=f"api-token:{token.pk}").exists()


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"name": " ", "expires_on": ""}, "This field is required."),
        ({"name": "Old", "expires_on": "2001-01-01"}, "Choose today or a later day."),
        ({"name": "Far", "expires_on": "2999-01-01"}, "three years"),
        ({"name": "x" * 101, "expires_on": ""}, "at most 100 characters"),
    ],
)
def test_a_bad_token_form_says_why_and_makes_nothing(client, lead, data, error):
    client.force_login(lead)
    response = client.post(reverse("api:tokens"), data)
    assert response.status_code == 422 and error in response.content.decode()
    assert not ApiToken.objects.exists()


def _documented_script() -> str:
    text = (Path(settings.BASE_DIR) / "docs" / "api.md").read_text(encoding="utf-8")
    return re.search(r"## Example: list what a token may see\s+```python\n(.*?)```", text, re.S).group(1)


@pytest.mark.django_db(transaction=True)
def test_the_documented_example_script_lists_what_its_owner_may_see(live_server, reference_data, tmp_path):
    world = build_world()
    _token, secret = services.token_create(user=world.users["x_lead"], name="example")
    script = tmp_path / "list_strategies.py"
    script.write_text(_documented_script(), encoding="utf-8")
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(script)],
        env={**os.environ, "ONEMG_URL": live_server.url, "ONEMG_TOKEN": secret},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    lines = result.stdout.strip().splitlines()
    # France's own draft (working copy) and Portugal's approved strategy; never Germany's strategy in review.
    assert len(lines) == 2, result.stdout
    assert any(line.startswith("FR") and "working_copy" in line and "French draft" in line for line in lines)
    assert any(line.startswith("PT") and "snapshot:" in line and "Approved plan" in line for line in lines)
    assert "DE" not in {line.split()[0] for line in lines} and "Secret draft" not in result.stdout


def test_a_new_tokens_secret_is_shown_in_a_labelled_read_only_box(client, editor):
    from bs4 import BeautifulSoup

    client.force_login(editor)
    response = client.post(reverse("api:tokens"), {"name": "Report script", "expires_on": ""})
    page = BeautifulSoup(response.content.decode(), "html.parser")
    box = page.select_one("#new-token input#token-secret")
    assert box["value"] == response.context["secret"] and box.has_attr("readonly")
    assert page.select_one('label[for="token-secret"]') and not box.find_parent("form")
