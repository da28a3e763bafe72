"""axe-core (vendored in tests/browser/vendor/axe-core) on every page each demo role reaches, on data seeded
the way `seed_demo` seeds it: any serious or critical WCAG 2.1 AA violation fails the role's test.

To cover a new page, write a builder (a function of the seeded `Demo` returning `Check`s) and add it to the
roles that reach the page in `ROLES`. The Django admin (/admin/) is left out: it is Django's own interface.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from io import StringIO
from pathlib import Path

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.utils import user_pk_to_url_str
from django.core import mail
from django.core.management import call_command

AXE_VERSION = "4.14.1"  # pinned; static/vendor/README.md says where it comes from
AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING = {"serious", "critical"}
DEMO_PASSWORD = "onemg-demo"  # the published demo password (README)

HTMX_SETTLED = "() => !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')"

# page.evaluate runs through the DevTools protocol, which the page's Content-Security-Policy does not
# govern: the app keeps its strict policy while axe is injected.
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}"""


@dataclass(frozen=True)
class Check:
    """One page in one state: its path, and what a person does there before we look (open an htmx form)."""

    name: str
    path: str
    then: Callable | None = None
    status: int = 200


@dataclass
class Demo:
    """The seeded objects that the page builders point at."""

    draft: object  # Germany's working draft
    submitted_review: object  # France's submission, waiting for the Special Group
    approved_snapshot: object  # Portugal's approved strategy
    factsheet: object  # Germany's first factsheet
    parts: dict = field(default_factory=dict)  # kind -> first row of Germany's draft
    content_month: str = ""  # a month of Germany's content calendar with items in it
    reset_path: str = ""  # a valid password-reset link (for the set-password page)
    invitation_path: str = ""  # a pending invitation's link (for the page where the invitee joins)
    person_pk: int = 0  # an editor's account (for the admin's person page)
    monitoring: dict = field(default_factory=dict)  # issue #14: kpi, story, reports, submission, panel path


# --- Page builders --------------------------------------------------------------------------------------


def everyday(demo: Demo) -> Iterable[Check]:
    yield Check("home", "/")
    yield Check("notifications", "/reviews/notifications/")
    yield Check("calendar feed (no link yet)", "/calendar/")
    yield Check("calendar feed (link made)", "/calendar/", then=_click_button("Create my calendar link"))
    yield Check("guide", "/guide/")
    yield Check("glossary", "/guide/glossary/")
    yield Check("resources", "/guide/resources/")
    yield Check("my account", "/account/")
    yield Check("password change", "/accounts/password/change/")
    yield Check("e-mail addresses", "/accounts/email/")
    yield Check("two-factor authentication", "/accounts/2fa/")
    yield Check("two-factor set-up", "/accounts/2fa/totp/activate/")


def overview(demo: Demo) -> Iterable[Check]:
    yield Check("strategy overview", f"/strategies/{demo.draft.pk}/")


def every_section(demo: Demo) -> Iterable[Check]:
    from strategies.models import SECTIONS_BY_KEY

    for key in SECTIONS_BY_KEY:
        yield Check(f"section {key}", f"/strategies/{demo.draft.pk}/sections/{key}/")


def one_section(demo: Demo) -> Iterable[Check]:
    yield Check("section target_audience", f"/strategies/{demo.draft.pk}/sections/target_audience/")
    yield Check("section conclusion", f"/strategies/{demo.draft.pk}/sections/conclusion/")


def section_history(demo: Demo) -> Iterable[Check]:
    yield Check("section history", f"/strategies/{demo.draft.pk}/sections/executive_summary/history/")


def every_part_list(demo: Demo) -> Iterable[Check]:
    from strategies.forms import PART_KINDS

    for kind in PART_KINDS:
        if kind == "content":
            yield Check("content calendar", f"/strategies/{demo.draft.pk}/parts/content/?month={demo.content_month}")
        elif kind != "tasks":  # tasks are the action plan
            yield Check(f"{kind} list", f"/strategies/{demo.draft.pk}/parts/{kind}/")


def inline_forms(demo: Demo) -> Iterable[Check]:
    """Each kind's row opened for editing in place (htmx), and a new row started from the guide's presets."""
    for kind, part in demo.parts.items():
        page = "action-plan/" if kind == "tasks" else f"parts/{kind}/"
        yield Check(f"{kind} row edited in place", f"/strategies/{demo.draft.pk}/{page}", then=_edit_row(kind, part))
    yield Check("segment added from a preset", f"/strategies/{demo.draft.pk}/parts/segments/", then=_add_preset)
    yield Check("task added to a phase", f"/strategies/{demo.draft.pk}/action-plan/", then=_add_task)


def one_inline_form(demo: Demo) -> Iterable[Check]:
    edit = _edit_row("messages", demo.parts["messages"])
    yield Check("message edited in place", f"/strategies/{demo.draft.pk}/parts/messages/", then=edit)


def action_plan(demo: Demo) -> Iterable[Check]:
    yield Check("action plan table", f"/strategies/{demo.draft.pk}/action-plan/")
    yield Check("action plan timeline", f"/strategies/{demo.draft.pk}/action-plan/?view=timeline")


def recommendations(demo: Demo) -> Iterable[Check]:
    yield Check("B1MG recommendations", f"/strategies/{demo.draft.pk}/recommendations/")


def factsheets(demo: Demo) -> Iterable[Check]:
    yield Check("factsheet list", f"/factsheets/country/{demo.factsheet.country.code}/")
    yield Check("factsheet editor", f"/factsheets/{demo.factsheet.pk}/")


def strategy_pdf(demo: Demo) -> Iterable[Check]:
    yield Check("strategy PDF on its way", f"/exports/strategies/{demo.draft.pk}/strategy.pdf", status=202)


def approved_elsewhere(demo: Demo) -> Iterable[Check]:
    yield Check("another country's approved strategy", f"/reviews/snapshots/{demo.approved_snapshot.pk}/")


def strategy_import(demo: Demo) -> Iterable[Check]:
    path = f"/exports/strategies/{demo.draft.pk}/import/"
    yield Check("import a strategy", path)
    yield Check("import a strategy, preselected", f"{path}?snapshot={demo.approved_snapshot.pk}")
    yield Check("import preview", f"{path}?snapshot={demo.approved_snapshot.pk}", then=_preview_import)
    yield Check("import refused", path, then=_import_nothing, status=200)


def api_pages(demo: Demo) -> Iterable[Check]:
    yield Check("API documentation", "/api/")
    yield Check("API tokens", "/api/tokens/")
    yield Check("API token made", "/api/tokens/", then=_make_token)


def review_pages(demo: Demo) -> Iterable[Check]:
    yield Check("review inbox", "/reviews/")
    yield Check("review page", f"/reviews/{demo.submitted_review.pk}/")
    yield Check("submitted snapshot", f"/reviews/snapshots/{demo.submitted_review.snapshot_id}/")
    yield Check("approved snapshot", f"/reviews/snapshots/{demo.approved_snapshot.pk}/")


def comparisons(demo: Demo) -> Iterable[Check]:
    yield Check("comparisons", "/compare/")
    yield Check("sections side by side", "/compare/sections/target_audience/")
    for name in ("audiences", "channels", "key-messages", "kpis", "risks", "recommendations", "action-plans"):
        yield Check(f"compare {name}", f"/compare/{name}/")


def europe_dashboard(demo: Demo) -> Iterable[Check]:
    yield Check("Europe dashboard", "/compare/europe/")
    yield Check("Europe dashboard, sorted by total", "/compare/europe/?sort=total")


def signed_out(demo: Demo) -> Iterable[Check]:
    yield Check("sign in", "/accounts/login/")
    yield Check("sign in, wrong password", "/accounts/login/", then=_wrong_password)
    yield Check("password reset", "/accounts/password/reset/")
    yield Check("password reset sent", "/accounts/password/reset/done/")
    yield Check("new password", demo.reset_path)
    yield Check("password reset complete", "/accounts/password/reset/key/done/")
    yield Check("invitation", demo.invitation_path)


def country_team(demo: Demo) -> Iterable[Check]:
    """A lead's (and an admin's) pages for running the country's team."""
    yield Check("team", "/team/")
    yield Check("country team", "/team/DE/")
    yield Check("invite to the team", "/team/DE/invite/")
    yield Check("invitations", "/team/invitations/")


def people_admin(demo: Demo) -> Iterable[Check]:
    """The admin's pages for every account and country."""
    yield Check("people", "/team/people/")
    yield Check("person", f"/team/people/{demo.person_pk}/")
    yield Check("invite anyone", "/team/invite/")
    yield Check("country details", "/team/DE/country/")
    yield Check("sign-in rules", "/team/security/")
    yield Check("account events", "/team/account-events/")


def monitoring(demo: Demo) -> Iterable[Check]:
    m, pk = demo.monitoring, demo.draft.pk
    yield Check("monitoring overview", f"/monitoring/strategies/{pk}/")
    yield Check("KPI readings and chart", f"/monitoring/strategies/{pk}/kpis/{m['kpi'].pk}/")
    yield Check("risk reviews", f"/monitoring/strategies/{pk}/risks/")
    yield Check("risk review form opened", f"/monitoring/strategies/{pk}/risks/", then=_open_first_details)
    yield Check("success stories", f"/monitoring/strategies/{pk}/stories/")
    yield Check("lessons learnt", f"/monitoring/strategies/{pk}/lessons/")
    yield Check("a draft progress report", f"/monitoring/reports/{m['draft_report'].pk}/")
    yield Check("another country's approved report", f"/monitoring/reports/{m['approved_report'].pk}/")
    yield Check("shared findings and stories", "/monitoring/shared/")
    yield Check("KPI readings across countries", "/monitoring/compare/readings/")


def monitoring_records(demo: Demo) -> Iterable[Check]:
    m, pk = demo.monitoring, demo.draft.pk
    yield Check("story edited", f"/monitoring/strategies/{pk}/stories/{m['story'].pk}/")
    yield Check("panel links", f"/monitoring/strategies/{pk}/panel/")
    yield Check("panel link made", f"/monitoring/strategies/{pk}/panel/", then=_make_panel_link)


def report_submit(demo: Demo) -> Iterable[Check]:
    report = demo.monitoring["draft_report"]
    yield Check("report submit confirmation", f"/monitoring/reports/{report.pk}/", then=_confirm_submit)


def report_review(demo: Demo) -> Iterable[Check]:
    yield Check("progress report review", f"/reviews/reports/submissions/{demo.monitoring['submission'].pk}/")
    yield Check("Europe dashboard, running the plan", "/compare/europe/?view=running")
    yield Check("shared findings and stories", "/monitoring/shared/")
    yield Check("KPI readings across countries", "/monitoring/compare/readings/")


def panel_review(demo: Demo) -> Iterable[Check]:
    yield Check("panel review (no account)", demo.monitoring["panel_path"])
    yield Check("panel review answered", demo.monitoring["panel_path"], then=_answer_panel)


# role -> (demo user, page builders). "anonymous" is nobody signed in.
ROLES: dict[str, tuple[str | None, list[Callable[[Demo], Iterable[Check]]]]] = {
    "lead": (
        "lead-de",
        [
            everyday,
            overview,
            every_section,
            section_history,
            every_part_list,
            inline_forms,
            action_plan,
            recommendations,
            factsheets,
            strategy_pdf,
            approved_elsewhere,
            comparisons,
            country_team,
            strategy_import,
            api_pages,
            monitoring,
            monitoring_records,
            report_submit,
        ],
    ),
    "editor": (
        "editor-de",
        [everyday, overview, one_section, section_history, one_inline_form, action_plan, monitoring_records],
    ),
    "viewer": (
        "viewer-de",
        [
            everyday,
            overview,
            one_section,
            section_history,
            every_part_list,
            action_plan,
            recommendations,
            factsheets,
            api_pages,
            monitoring,
        ],
    ),
    "reviewer": ("reviewer", [everyday, review_pages, comparisons, europe_dashboard, api_pages, report_review]),
    "admin": (
        "admin",
        [
            everyday,
            review_pages,
            europe_dashboard,
            overview,
            one_section,
            factsheets,
            country_team,
            people_admin,
            api_pages,
            report_review,
        ],
    ),
    "anonymous": (None, [signed_out, panel_review]),
}


# --- Interactions ------------------------------------------------------------------------------------------


def _click_button(name: str):
    def click(page):
        page.get_by_role("button", name=name).click()
        page.wait_for_load_state()

    return click


def _edit_row(kind: str, part):
    def edit(page):
        row = page.locator(f"#{kind}-{part.pk}")
        row.get_by_role("button", name=re.compile(r"^Edit ")).click()  # "Edit <row>": not "Move up: …editor…"
        page.wait_for_selector(f"#{kind}-{part.pk} form")

    return edit


def _add_preset(page):
    page.get_by_role("button", name="Add from the guide's examples").click()
    page.locator(".dropdown-menu.show button").first.click()
    page.wait_for_selector("#new-segments form")


def _add_task(page):
    page.locator("#phase-execute").locator("xpath=..").get_by_role("button", name="Add task").click()
    page.wait_for_selector("#tasks-execute form")


def _preview_import(page):
    page.get_by_role("button", name="Show what would be imported").click()
    page.wait_for_selector("#import-summary")


def _import_nothing(page):
    page.get_by_role("button", name="Show what would be imported").click()
    page.wait_for_selector(".alert-danger, .invalid-feedback, .alert-block")


def _make_token(page):
    page.get_by_label("Name").fill("Report script")
    page.get_by_role("button", name="Create token").click()
    page.wait_for_selector("#new-token")


def _open_first_details(page):
    summaries = page.locator("main details summary")
    if summaries.count():  # viewers have no form to open
        summaries.first.click()


def _make_panel_link(page):
    page.get_by_label("Panel").fill("Patients' forum")
    page.get_by_role("button", name="Make the link").click()
    page.wait_for_selector("#new-link")


def _confirm_submit(page):
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector("text=Yes, submit it")


def _answer_panel(page):
    page.get_by_label("Yes").check()
    page.get_by_label("Comment").fill("Clear enough.")
    page.get_by_role("button", name="Send").click()
    page.wait_for_selector("text=Thank you")


def _wrong_password(page):
    page.get_by_label("Username").fill("lead-de")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()


# --- The suite ---------------------------------------------------------------------------------------------


@pytest.fixture
def demo(live_server) -> Demo:
    from accounts import services as account_services
    from accounts.models import Country, Membership, User
    from factsheets.models import Factsheet
    from monitoring import services as monitoring_services
    from monitoring.models import ProgressReport, ReportSubmission
    from reviews.models import Review, Snapshot
    from strategies.forms import PART_KINDS
    from strategies.models import Strategy

    call_command("seed_demo", force=True, stdout=StringIO())
    draft = Strategy.objects.get(country__code="DE")
    lead_de = User.objects.get(username="lead-de")
    _link, token = monitoring_services.panel_link_create(
        strategy=draft, user=lead_de, section_key="key_messages", panel="Patients' forum", days=14
    )
    draft_report = monitoring_services.report_create(
        strategy=draft,
        user=lead_de,
        title="Progress report 2026",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2026, 6, 30),
    )
    first_item = draft.content_items.order_by("planned_date").first()
    month = first_item.planned_date if first_item else datetime.date.today()
    user = User.objects.get(username="lead-de")
    account_services.invitation_create(
        by=User.objects.get(username="admin"),
        email="new.person@example.org",
        country=Country.objects.get(code="DE"),
        role=Membership.Role.EDITOR,
    )
    from tests.tasks import run_tasks

    run_tasks("default")  # the worker sends the queued invitation
    return Demo(
        draft=draft,
        submitted_review=Review.objects.get(snapshot__strategy__country__code="FR", completed_at__isnull=True),
        approved_snapshot=Snapshot.objects.get(strategy__country__code="PT"),
        factsheet=Factsheet.objects.filter(country__code="DE").select_related("country").first(),
        parts={
            kind: model.objects.filter(strategy=draft).order_by("pk").first()
            for kind, (model, _f) in PART_KINDS.items()
        },
        content_month=f"{month.year}-{month.month}",
        reset_path=f"/accounts/password/reset/key/{user_pk_to_url_str(user)}-{default_token_generator.make_token(user)}/",
        invitation_path=re.search(r"/invitation/[^/\s]+/", mail.outbox[-1].body).group(0),
        person_pk=User.objects.get(username="editor-de").pk,
        monitoring={
            "kpi": draft.kpis.filter(readings__isnull=False).first(),
            "story": draft.stories.first(),
            "draft_report": draft_report,
            "approved_report": ProgressReport.objects.get(strategy__country__code="PT", status="approved"),
            "submission": ReportSubmission.objects.get(completed_at__isnull=True),
            "panel_path": f"/monitoring/panel/{token}/",
        },
    )


def axe_violations(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_SOURCE + "\n;0")
    return page.evaluate(RUN_AXE, WCAG_21_AA)


def describe(check: Check, url: str, violation: dict) -> str:
    nodes = violation["nodes"]
    lines = [f"{check.name} ({url}): {violation['id']} [{violation['impact']}] {violation['help']}, {len(nodes)}x"]
    for node in nodes[:3]:
        detail = " ".join(node["summary"].split("\n")[1:2]).strip()
        lines.append(f"    {node['target']}: {detail}")
    return "\n".join(lines)


def test_vendored_axe_core_is_the_pinned_version():
    assert AXE_SOURCE.startswith(f"/*! axe v{AXE_VERSION}\n")


@pytest.mark.usefixtures("reference_data")
@pytest.mark.parametrize("role", ROLES)
def test_every_page_meets_wcag_21_aa(browser, live_server, demo, role):
    username, builders = ROLES[role]
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        if username:
            page.goto(f"{live_server.url}/accounts/login/")
            page.get_by_label("Username").fill(username)
            page.get_by_label("Password").fill(DEMO_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.wait_for_url(f"{live_server.url}/")
        checks = [check for builder in builders for check in builder(demo)]
        assert checks, role
        problems = []
        for check in checks:
            response = page.goto(f"{live_server.url}{check.path}")
            assert response is not None and response.status == check.status, (check, response and response.status)
            if check.then:
                check.then(page)
            page.wait_for_function(HTMX_SETTLED)  # panels loaded after the page (comments) are checked too
            for violation in axe_violations(page):
                if violation["impact"] in BLOCKING:
                    problems.append(describe(check, page.url.removeprefix(live_server.url), violation))
        assert not problems, f"{len(problems)} serious or critical WCAG 2.1 AA violations:\n" + "\n".join(problems)
    finally:
        context.close()


@pytest.mark.usefixtures("reference_data")
def test_the_section_editor_on_a_phone_meets_wcag_21_aa(browser, live_server, demo):
    """At phone width the section list is a menu above the editor: checked open, as a person uses it."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.goto(f"{live_server.url}/accounts/login/")
        page.get_by_label("Username").fill("editor-de")
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url(f"{live_server.url}/")
        page.goto(f"{live_server.url}/strategies/{demo.draft.pk}/sections/objectives/")
        page.locator("details.section-nav-compact summary").click()
        page.wait_for_function(HTMX_SETTLED)
        check = Check("section objectives (phone)", page.url)
        problems = [describe(check, page.url, v) for v in axe_violations(page) if v["impact"] in BLOCKING]
        assert not problems, "\n".join(problems)
    finally:
        context.close()
