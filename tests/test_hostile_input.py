"""Hostile input (Hypothesis): random and hostile values posted to every form and htmx endpoint, and sent
in the query strings the pages read. Never a server error; a refusal (4xx) says what was wrong and writes
nothing. Each example runs in a savepoint rolled back afterwards, so all meet the same data.

Example counts are kept small (the suite runs twice, on SQLite and PostgreSQL); HOSTILE_EXAMPLES raises them.
"""

from __future__ import annotations

import dataclasses
import datetime
import json
import os

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accounts import services as account_services
from accounts.invitations import new_token
from exports import exchange
from factsheets import services as factsheet_services
from factsheets.models import FactsheetTemplate
from reviews import services as review_services
from strategies import services
from strategies.forms import PART_KINDS
from strategies.models import Channel, Risk
from tests.db_state import fingerprint
from tests.factories import MembershipFactory, UserFactory, country, make_strategy

EXAMPLES = int(os.environ.get("HOSTILE_EXAMPLES", "6"))

HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "²",
    "١٢٣",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "-inf",
    "1.5",
    "9999-12-31",
    "0001-01-01",
    "10000-01-01",
    "2026-02-30",
    '=HYPERLINK("https://evil.example","x")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
    "%s%n%x",
    "../../../../etc/passwd",
    "<div>" * 60,
    "x" * 120_000,
    "x" * 2_600_000,
    "\u202e\ufeff\u200b",
]
hostile = st.one_of(
    st.sampled_from(HOSTILE_VALUES),
    st.text(max_size=30),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)

REFUSED = {400, 403, 404, 405, 409, 413, 422}
#: How a refusal says what was wrong (a field error, an alert, the error fragment of htmx answers).
MESSAGES = (b"invalid-feedback", b"alert-danger", b"errorlist", b"data-error-message", b"alert")


@dataclasses.dataclass
class World:
    strategy: object
    risk: object
    task: object
    channel: object
    comment: object
    factsheet: object
    review: object
    other_snapshot: object
    other_risk_id: int
    clients: dict
    editor: object
    invitation: object
    invite_token: str
    monitoring: dict = dataclasses.field(default_factory=dict)


def _monitoring(world: World, lead) -> dict:
    """Germany's monitoring objects (issue #14): a KPI with a reading, a story, a panel link, reports."""
    import datetime
    from decimal import Decimal

    from monitoring import services as monitoring_services
    from reviews import report_services
    from strategies.models import KPI

    strategy = world.strategy
    kpi = services.part_create(model=KPI, strategy=strategy, metric="Visits", baseline="0", target="100")
    reading = monitoring_services.reading_add(kpi=kpi, user=lead, date=datetime.date(2026, 1, 1), value=Decimal(3))
    story = monitoring_services.story_create(strategy=strategy, user=lead, title="Story", what_happened="x")
    link, token = monitoring_services.panel_link_create(
        strategy=strategy, user=lead, section_key="introduction", panel="Panel", days=7
    )
    period = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 3, 31)}
    draft = monitoring_services.report_create(strategy=strategy, user=lead, title="Draft", **period)
    submitted = monitoring_services.report_create(strategy=strategy, user=lead, title="Submitted", **period)
    submission = report_services.report_submit(report=submitted, user=lead)
    approved = monitoring_services.report_create(strategy=strategy, user=lead, title="Approved", **period)
    monitoring_services.report_update(
        report=approved, user=lead, title="Approved", findings="", lessons="A lesson", base_version=1
    )
    reviewer = world.clients["reviewer"].session.get("_auth_user_id")
    from accounts.models import User

    report_services.report_decide(
        submission=report_services.report_submit(report=approved, user=lead),
        user=User.objects.get(pk=reviewer),
        decision="approve",
    )
    return {
        "kpi": kpi,
        "reading": reading,
        "story": story,
        "link": link,
        "token": token,
        "draft": draft,
        "submission": submission,
        "lesson": approved.lessons.get(),
    }


@pytest.fixture
def world(db):
    lead = MembershipFactory(user__username="lead", role="lead").user
    editor = MembershipFactory(user__username="editor", role="editor").user
    reviewer = UserFactory(username="reviewer", is_reviewer=True)
    strategy = make_strategy("DE")
    risk = services.part_create(model=Risk, strategy=strategy, description="A risk")
    channel = services.part_create(model=Channel, strategy=strategy, name="Radio")
    comment = services.comment_add(strategy=strategy, key="conclusion", author=editor, body="First")
    factsheet = factsheet_services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="de"
    )
    french_lead = MembershipFactory(user__username="fr-lead", country=country("FR"), role="lead").user
    france = make_strategy("FR")
    services.part_create(model=Risk, strategy=france, description="French risk")
    snapshot = review_services.strategy_submit(strategy=france, user=french_lead)
    clients = {}
    admin_user = UserFactory(username="admin", is_superuser=True, is_staff=True)
    invitation = account_services.invitation_create(
        by=lead, email="invitee@example.org", country=country("DE"), role="viewer"
    ).invitation
    invite_token = new_token(invitation)
    invitation.save(update_fields=["token_hash"])
    for name, user in (("lead", lead), ("reviewer", reviewer), ("anon", None), ("admin", admin_user)):
        client = Client(raise_request_exception=False)  # a server error is a finding, not a crash
        if user is not None:
            client.force_login(user)
        clients[name] = client
    world = World(
        strategy=strategy,
        risk=risk,
        task=strategy.tasks.filter(parent__isnull=True).first(),
        channel=channel,
        comment=comment,
        factsheet=factsheet,
        review=snapshot.review,
        other_snapshot=snapshot,
        other_risk_id=snapshot.data["parts"]["risks"][0]["id"],
        clients=clients,
        editor=editor,
        invitation=invitation,
        invite_token=invite_token,
    )
    world.monitoring = _monitoring(world, lead)
    return world


def _part_fields(world: World, kind: str) -> dict:
    valid = {
        "group": "citizens",
        "name": "Carers",
        "hard_to_reach": "on",
        "segment": "",
        "message": "A message",
        "channel": str(world.channel.pk) if kind == "tactics" else "",
        "title": "A title",
        "content_type": "video",
        "planned_date": "2026-05-01",
        "status": "todo" if kind == "tasks" else "idea",
        "owner": "",
        "objective": "",
        "metric": "Visits",
        "frequency": "quarterly",
        "likelihood": "3",
        "impact": "3",
        "role": "Spokesperson",
        "item": "Printing",
        "amount": "100.50",
        "currency": "EUR",
        "phase": "execute",
        "parent": "",
        "start": "2026-01-01",
        "due": "2026-02-01",
        "section": "",
    }
    return {name: valid.get(name, "Some text") for name in PART_KINDS[kind][1]}


def post_endpoints(world: World) -> list[tuple[str, str, str, dict, bool]]:
    """(label, role, url, valid data, htmx?) for every form and htmx endpoint that writes."""
    pk = world.strategy.pk
    endpoints = [
        (
            "section",
            "lead",
            reverse("strategies:section", args=[pk, "conclusion"]),
            {"summary": "<p>Valid</p>", "edit_version": "1"},
            False,
        ),
        (
            "section with three prompts",
            "lead",
            reverse("strategies:section", args=[pk, "introduction"]),
            {"background": "<p>a</p>", "purpose": "<p>b</p>", "scope_and_context": "<p>c</p>", "edit_version": "1"},
            False,
        ),
        *[
            (f"new {kind}", "lead", reverse("strategies:part_new", args=[pk, kind]), _part_fields(world, kind), True)
            for kind in PART_KINDS
        ],
        (
            "edit a risk",
            "lead",
            reverse("strategies:part", args=[pk, "risks", world.risk.pk]),
            {**_part_fields(world, "risks"), "edit_version": "1"},
            True,
        ),
        (
            "edit a task",
            "lead",
            reverse("strategies:part", args=[pk, "tasks", world.task.pk]),
            {**_part_fields(world, "tasks"), "edit_version": "1"},
            True,
        ),
        (
            "delete a risk",
            "lead",
            reverse("strategies:part_delete", args=[pk, "risks", world.risk.pk]),
            {"edit_version": "1"},
            True,
        ),
        (
            "comment",
            "lead",
            reverse("strategies:section_comments", args=[pk, "conclusion"]),
            {"body": "A reply", "parent": str(world.comment.pk)},
            True,
        ),
        (
            "assign",
            "lead",
            reverse("strategies:section_assign", args=[pk, "conclusion"]),
            {"assignee": str(world.editor.pk), "due": "2026-03-01"},
            False,
        ),
        (
            "recommendations",
            "lead",
            reverse("strategies:assessments", args=[pk]),
            {
                **{f"status-{a.pk}": "planned" for a in world.strategy.assessments.all()[:2]},
                **{f"version-{a.pk}": "1" for a in world.strategy.assessments.all()[:2]},
                **{f"evidence-{a.pk}": "Evidence" for a in world.strategy.assessments.all()[:2]},
            },
            False,
        ),
        ("transition", "lead", reverse("reviews:transition", args=[pk]), {"action": "submit", "reason": "r"}, False),
        *[
            (
                f"factsheet {view}",
                "lead",
                reverse(f"factsheets:{view}", args=[world.factsheet.pk]),
                {
                    "edit_version": "1",
                    "ph-country": "Deutschland",
                    "ph-national_website": "https://genom.de",
                    "ph-national_timescales": "2026",
                    "own-1": "on",
                    "text-1": "<p>Own words</p>",
                },
                view == "preview",
            )
            for view in ("edit", "preview")
        ],
        ("calendar", "lead", reverse("strategies:calendar"), {"action": "renew"}, False),
        ("notifications", "lead", reverse("reviews:notifications"), {"email_mode": "daily", "mark_read": ""}, False),
        ("sign in", "anon", reverse("account_login"), {"login": "lead", "password": "pw"}, False),
        (
            "password change",
            "lead",
            reverse("account_change_password"),
            {"oldpassword": "pw-for-tests", "password1": "Long-new-pass-42", "password2": "Long-new-pass-42"},
            False,
        ),
        (
            "claim",
            "reviewer",
            reverse("reviews:claim", args=[world.review.pk]),
            {"due": "2026-03-01", "next": "/"},
            False,
        ),
        (
            "verdict",
            "reviewer",
            reverse("reviews:verdict", args=[world.review.pk, "conclusion"]),
            {"status": "accepted", "comment": "Fine"},
            False,
        ),
        (
            "decide",
            "reviewer",
            reverse("reviews:decide", args=[world.review.pk]),
            {"decision": "request_changes", "reason": "More"},
            False,
        ),
        (
            "reuse",
            "lead",
            reverse("comparisons:reuse", args=[world.other_snapshot.pk, "risks", world.other_risk_id]),
            {"strategy": str(pk), "next": "/"},
            False,
        ),
        # --- Team pages and invitations ---
        (
            "invite",
            "lead",
            reverse("accounts:invite", args=["DE"]),
            {"email": "new@example.org", "role": "editor"},
            False,
        ),
        (
            "change a role",
            "lead",
            reverse("accounts:member_role", args=[world.editor.memberships.get().pk]),
            {"role": "viewer", "next": "/team/DE/"},
            False,
        ),
        (
            "invite anyone",
            "admin",
            reverse("accounts:invite_anyone"),
            {"email": "new@example.org", "country": str(country("FR").pk), "role": "lead", "is_reviewer": "on"},
            False,
        ),
        (
            "global roles",
            "admin",
            reverse("accounts:person_roles", args=[world.editor.pk]),
            {"is_reviewer": "on", "is_admin": ""},
            False,
        ),
        (
            "add to a team",
            "admin",
            reverse("accounts:person_add_membership", args=[world.editor.pk]),
            {"country": str(country("FR").pk), "role": "viewer"},
            False,
        ),
        (
            "country flags",
            "admin",
            reverse("accounts:country_edit", args=["DE"]),
            {
                "is_signatory": "on",
                "signed_on": "2019-04-10",
                "is_operational": "on",
                "website": "https://genom.de",
                "languages": "de, en",
            },
            False,
        ),
        (
            "sign-in rules",
            "admin",
            reverse("accounts:security"),
            {"mfa_required_for_reviewers": "on", "mfa_required_for_admins": ""},
            False,
        ),
        ("unlock", "admin", reverse("accounts:unlock"), {"username": "lead", "ip_address": "127.0.0.1"}, False),
        (
            "accept an invitation",
            "anon",
            reverse("accounts:accept", args=[world.invite_token]),
            {
                "first_name": "Ina",
                "last_name": "Vitee",
                "password1": "A-good-pass-4242",
                "password2": "A-good-pass-4242",
            },
            False,
        ),
        # --- Issue #15: API tokens, strategy import ---
        (
            "API token",
            "lead",
            reverse("api:tokens"),
            {"name": "Report script", "expires_on": (datetime.date.today() + datetime.timedelta(days=30)).isoformat()},
            False,
        ),
        (
            "strategy import",
            "lead",
            reverse("exports:strategy_import", args=[pk]),
            {"payload": json.dumps(exchange.strategy_export(strategy=world.other_snapshot.strategy)), "confirm": "1"},
            False,
        ),
        *monitoring_endpoints(world),
    ]
    return endpoints


def monitoring_endpoints(world: World) -> list[tuple[str, str, str, dict, bool]]:
    m, pk = world.monitoring, world.strategy.pk
    risk = world.risk.pk
    return [
        (
            "reading",
            "lead",
            reverse("monitoring:kpi", args=[pk, m["kpi"].pk]),
            {
                "date": "2026-02-01",
                "period": "Q1",
                "value": "12.5",
                "note": "n",
                "evidence_url": "https://example.org/e",
            },
            False,
        ),
        (
            "task status",
            "lead",
            reverse("monitoring:task_status", args=[pk, world.task.pk]),
            {"status": "done"},
            False,
        ),
        (
            "risk review",
            "lead",
            reverse("monitoring:risks", args=[pk]),
            {
                "risk": str(risk),
                f"r{risk}-date": "2026-02-01",
                f"r{risk}-likelihood": "4",
                f"r{risk}-impact": "2",
                f"r{risk}-occurred": "on",
                f"r{risk}-action_taken": "Done",
                f"r{risk}-note": "n",
            },
            False,
        ),
        *[
            (
                label,
                "lead",
                url,
                {
                    "title": "Story",
                    "what_happened": "It",
                    "for_whom": "All",
                    "source": "S",
                    "date": "2026-01-01",
                    "published_at": "https://example.org/s",
                    "consent_to_share": "on",
                },
                False,
            )
            for label, url in (
                ("new story", reverse("monitoring:stories", args=[pk])),
                ("edit story", reverse("monitoring:story", args=[pk, m["story"].pk])),
            )
        ],
        (
            "new report",
            "lead",
            reverse("monitoring:report_new", args=[pk]),
            {"title": "R", "period_start": "2026-01-01", "period_end": "2026-02-01"},
            False,
        ),
        (
            "edit report",
            "lead",
            reverse("monitoring:report", args=[m["draft"].pk]),
            {"title": "R", "findings": "F", "lessons": "L1\nL2", "refresh": "on", "edit_version": "1"},
            False,
        ),
        (
            "lesson link",
            "lead",
            reverse("monitoring:lesson_link", args=[pk, m["lesson"].pk]),
            {f"l{m['lesson'].pk}-section": "conclusion"},
            False,
        ),
        (
            "panel link",
            "lead",
            reverse("monitoring:panel", args=[pk]),
            {"section": "introduction", "panel": "GPs", "days": "10"},
            False,
        ),
        (
            "panel answer",
            "anon",
            reverse("monitoring:panel_review", args=[m["token"]]),
            {"clear": "partly", "missing": "M", "comment": "C"},
            False,
        ),
        (
            "report submit",
            "lead",
            reverse("reviews:report_transition", args=[m["draft"].pk]),
            {"action": "submit", "note": "n", "confirmed": "1"},
            False,
        ),
        (
            "report verdict",
            "reviewer",
            reverse("reviews:report_verdict", args=[m["submission"].pk, "kpis"]),
            {"status": "needs_changes", "comment": "C"},
            False,
        ),
        (
            "report decision",
            "reviewer",
            reverse("reviews:report_decide", args=[m["submission"].pk]),
            {"decision": "request_changes", "reason": "R"},
            False,
        ),
    ]


def get_endpoints(world: World) -> list[tuple[str, str, str, dict]]:
    """(label, role, url, valid query) for the pages that read their query string."""
    pk = world.strategy.pk
    return [
        ("presence", "lead", reverse("strategies:section_presence", args=[pk, "conclusion"]), {"edit_version": "1"}),
        ("preset", "lead", reverse("strategies:part_new", args=[pk, "segments"]), {"preset": "1"}),
        (
            "action plan",
            "lead",
            reverse("strategies:action_plan", args=[pk]),
            {"owner": "", "status": "todo", "overdue": "on", "view": "timeline"},
        ),
        (
            "content calendar",
            "lead",
            reverse("strategies:parts", args=[pk, "content"]),
            {"month": "2026-5", "page": "1"},
        ),
        ("history", "lead", reverse("strategies:section_history", args=[pk, "conclusion"]), {"a": "1", "b": "1"}),
        ("part view", "lead", reverse("strategies:part", args=[pk, "risks", world.risk.pk]), {"edit": "1"}),
        (
            "dashboard",
            "reviewer",
            reverse("comparisons:dashboard"),
            {"status": "submitted", "sort": "total", "signatory": "1", "format": ""},
        ),
        ("comparison", "reviewer", reverse("comparisons:audiences"), {"country": "FR", "format": "csv"}),
        ("section comparison", "reviewer", reverse("comparisons:section", args=["conclusion"]), {"country": "FR"}),
        ("factsheet pdf", "lead", reverse("exports:factsheet_pdf", args=[world.factsheet.pk]), {"final": "1"}),
        ("job status", "lead", reverse("exports:job", args=[1]), {"t": "token"}),
        ("history of a section", "lead", reverse("strategies:section_history", args=[pk, "introduction"]), {"b": "2"}),
        (
            "people",
            "admin",
            reverse("accounts:people"),
            {"q": "ed", "country": "1", "role": "editor", "global_role": "reviewer", "state": "active", "page": "1"},
        ),
        (
            "account events",
            "admin",
            reverse("accounts:audit_log"),
            {"action": "invited", "who": "lead", "country": "1", "since": "2026-01-01", "until": "2026-12-31"},
        ),
        ("invitations", "lead", reverse("accounts:invitations"), {"status": "pending", "page": "2"}),
        ("dashboard, running the plan", "reviewer", reverse("comparisons:dashboard"), {"view": "running"}),
    ]


def _with_hostile(valid: dict):
    """The valid values, each possibly replaced by a hostile one, and possibly some left out."""
    return st.fixed_dictionaries(
        {},
        optional={name: st.one_of(st.just(value), hostile) for name, value in valid.items()},
    ).map(lambda drawn: {**{k: v for k, v in valid.items() if k not in drawn}, **drawn})


def _send(world: World, role: str, method: str, url: str, data: dict, htmx: bool, before: str) -> str | None:
    """One request in a rolled-back savepoint; a description of what went wrong, or None."""
    client = world.clients[role]
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    cookies = client.cookies.output(header="")
    cache.clear()
    with transaction.atomic():
        response = client.post(url, data, **headers) if method == "post" else client.get(url, data, **headers)
        changed = response.status_code in REFUSED and fingerprint() != before
        transaction.set_rollback(True)
    from http.cookies import SimpleCookie

    client.cookies = SimpleCookie(cookies)
    if response.status_code >= 500:
        return f"{response.status_code} for {data!r}"[:500]
    if changed:
        return f"refused with {response.status_code} but wrote to the database: {data!r}"[:500]
    if (
        method == "post"
        and response.status_code in {400, 413, 422}
        and not any(m in response.content for m in MESSAGES)
    ):
        return f"{response.status_code} without a message: {data!r}"[:500]
    return None


HYPOTHESIS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)


def _explore(world: World, label: str, role: str, method: str, url: str, valid: dict, htmx: bool, before: str):
    """Hypothesis's examples for one endpoint; the problems they found."""
    problems = []

    @HYPOTHESIS
    @given(data=_with_hostile(valid))
    def attempt(data):
        problem = _send(world, role, method, url, data, htmx, before)
        if problem:
            problems.append(f"{label}: {problem}")

    attempt()
    return problems


@pytest.mark.parametrize("part", [0, 1, 2])
def test_hostile_posts_to_every_form_never_fail_and_refusals_write_nothing(world, part):
    before = fingerprint()
    problems = []
    for label, role, url, valid, htmx in post_endpoints(world)[part::3]:
        problems += _explore(world, label, role, "post", url, valid, htmx, before)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_hostile_query_strings_never_fail(world):
    before = fingerprint()
    problems = []
    for label, role, url, valid in get_endpoints(world):
        problems += _explore(world, label, role, "get", url, valid, False, before)
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_every_writing_endpoint_is_covered(world):
    """The hostile list names every URL that accepts a POST with fields (the access matrix names all)."""
    from tests.test_access_matrix import TABLE

    covered = {url for _label, _role, url, _valid, _htmx in post_endpoints(world)}
    writing = [name for name, (_args, _get, post) in TABLE.items() if "w" in post and not name.startswith("admin:")]
    without_fields = {
        "account_logout",
        "accounts:member_remove",
        "accounts:invitation_resend",
        "accounts:invitation_revoke",
        "accounts:person_deactivate",
        "accounts:person_sign_out",
        "accounts:me",
        "strategies:section_restore",
        "strategies:comment_toggle",
        "strategies:part_move",
        "factsheets:start",
        "reviews:notification",
        "api:token_revoke",
        "monitoring:reading_delete",
        "monitoring:panel_close",
        "monitoring:report_delete",
    }
    names = {resolve_name(url) for url in covered}
    missing = [name for name in writing if name not in names and name not in without_fields]
    assert not missing, f"Add hostile-input endpoints for: {missing}"


def resolve_name(url: str) -> str:
    from django.urls import resolve

    match = resolve(url)
    return f"{match.namespace}:{match.url_name}" if match.namespace else match.url_name
