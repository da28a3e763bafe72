"""The one permission policy (accounts/policy.py): roles are read there and nowhere else; withdrawn submissions
leave the reviewers' views; who may comment and who may resolve a thread."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.urls import reverse

from accounts import policy
from accounts.models import User
from reviews import services as review_services
from reviews.models import Snapshot
from reviews.permissions import latest_snapshot_or_404, visible_snapshots
from strategies import services
from strategies.models import Comment, KeyMessage
from tests.factories import MembershipFactory, make_strategy
from tests.factories import country as country_of

ROOT = Path(__file__).resolve().parents[2]

# --- Roles are read in one place ---------------------------------------------------------------------------

#: What a role check looks like in Python or a template: the role flags, the one-time definition of admin,
#: the country roles compared or filtered by.
ROLE_CHECK = re.compile(
    r"\b(is_superuser|is_reviewer|is_staff|is_admin|global_role_label|EDITING_ROLES|country_role)\b|"
    r"memberships__role|role__in\b|\.role\s*(==|!=|in\b|not in\b)|\brole\s*(==|!=)\s*[\"']"
)
#: Occurrences that are not permission checks, each with the reason it may stay.
ALLOWED = {
    ("accounts/models.py", "is_reviewer"): "declares the reviewer flag: a field, not a check",
    ("accounts/admin.py", "is_reviewer"): "the Django admin lists, filters and edits the global flags",
    ("accounts/admin.py", "is_superuser"): "the Django admin lists, filters and edits the global flags",
    ("accounts/admin.py", "is_staff"): "the Django admin's own staff flag, edited on the user's page",
    ("accounts/admin.py", "memberships__role"): "a filter of the admin's user list",
    ("accounts/resources.py", "is_reviewer"): "a column of the users' spreadsheet import and export",
    ("accounts/services.py", ".role =="): "an unchanged membership is not written again (no permission)",
    ("accounts/services.py", "is_reviewer"): "the invitation's Special Group flag (Invitation.is_reviewer, an "
    "argument of invitation_create) is carried, not checked; the global flags are read and written by the "
    "policy (global_roles, set_global_roles)",
    ("accounts/services.py", "is_admin"): "user_set_global_roles' argument: the role to give, not a check",
    ("accounts/forms.py", "is_reviewer"): "the invitation and global-roles forms' Special Group field",
    ("accounts/forms.py", "is_admin"): "the global-roles form's admin field",
    ("accounts/selectors.py", "memberships__role"): "counts each country's leads for the admins' team index: "
    "a number shown, not a permission",
    ("templates/accounts/accept.html", "is_reviewer"): "tells the invited person the invitation includes the "
    "Special Group (Invitation.is_reviewer)",
    ("demo/seeding.py", "is_superuser"): "creates the demo admin",
    ("demo/seeding.py", "is_staff"): "creates the demo admin",
    ("demo/seeding.py", "is_reviewer"): "creates the demo reviewer",
}
PACKAGES = (
    "accounts",
    "audit",
    "comparisons",
    "core",
    "demo",
    "exports",
    "factsheets",
    "guide",
    "onemg_planner",
    "reviews",
    "strategies",
)


def _token(match: re.Match) -> str:
    text = match.group(0)
    return ".role " + match.group(2) if match.group(2) else text.split()[0] if text.startswith("role") else text


def role_checks() -> list[tuple[str, str, int]]:
    files = [p for package in PACKAGES for p in (ROOT / package).rglob("*.py") if "migrations" not in p.parts]
    files += list((ROOT / "templates").rglob("*.html"))
    found = []
    for path in files:
        relative = str(path.relative_to(ROOT))
        if relative == "accounts/policy.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            found += [(relative, _token(match), number) for match in ROLE_CHECK.finditer(line)]
    return found


def test_no_role_check_outside_the_policy():
    found = [f"{path}:{number}: {token}" for path, token, number in role_checks() if (path, token) not in ALLOWED]
    assert not found, "Ask accounts/policy.py instead (or allow it in ALLOWED with a reason):\n" + "\n".join(found)


def test_every_allowed_role_reference_still_exists():
    seen = {(path, token) for path, token, _number in role_checks()}
    assert set(ALLOWED) <= seen, f"Remove from ALLOWED: {sorted(set(ALLOWED) - seen)}"


@pytest.mark.parametrize(
    "line",
    [
        "{% if user.is_reviewer or user.is_superuser %}",
        "if not (request.user.is_superuser or request.user.is_reviewer):",
        "{% if user.is_staff %}",
        "if membership.role == 'lead':",
        "role in Membership.EDITING_ROLES",
        "User.objects.filter(memberships__role__in=roles)",
        "{{ user.global_role_label }}",
    ],
)
def test_the_grep_finds_role_checks(line):
    assert ROLE_CHECK.search(line)


def test_the_user_has_no_second_definition_of_admin():
    assert not hasattr(User, "is_admin") and not hasattr(User, "global_role_label")


def test_role_labels_and_the_one_definition_of_admin(db, admin_user, reviewer, editor):
    assert policy.role_label(admin_user) == "Admin" and policy.is_admin(admin_user)
    assert policy.role_label(reviewer) == "Special Group reviewer" and not policy.is_admin(reviewer)
    assert policy.role_label(editor) == ""
    admin_user.is_active = False
    assert not policy.is_admin(admin_user)


def test_navigation_shows_review_and_admin_links_by_the_policy(client, personas):
    for name, user in personas.items():
        client.force_login(user)
        page = client.get(reverse("strategies:home")).content.decode()
        assert (f'href="{reverse("reviews:inbox")}"' in page) is (name in ("reviewer", "admin")), name
        assert (f'href="{reverse("admin:index")}"' in page) is (name == "admin"), name


# --- Comments: viewers write, leads and editors resolve -------------------------------------------------------


@pytest.fixture
def threads(strategy, editor, reviewer, lead):
    """An editor's thread and a reviewer's thread (left with their review) on Germany's draft."""
    own = services.comment_add(strategy=strategy, key="conclusion", author=editor, body="Shorter?")
    review_services.strategy_submit(strategy=strategy, user=lead)
    review = review_services.open_review(strategy)
    review_services.section_review_set(
        review=review, key="conclusion", status="needs_changes", user=reviewer, comment="Say what comes next."
    )
    return {"own": own, "review": Comment.objects.get(from_review=True)}


@pytest.mark.parametrize("which", ["own", "review"])
@pytest.mark.parametrize("action", ["resolve", "reopen"])
def test_viewer_cannot_resolve_or_reopen_a_thread(client, viewer, strategy, threads, which, action):
    thread = threads[which]
    if action == "reopen":
        services.comment_resolve(comment=thread, user=None)
    before = Comment.objects.values_list("pk", "resolved_at", "resolved_by").get(pk=thread.pk)
    client.force_login(viewer)
    url = reverse("strategies:comment_toggle", args=[strategy.pk, thread.pk, action])
    assert client.post(url).status_code == 403
    assert client.post(url, HTTP_HX_REQUEST="true").status_code == 403
    assert Comment.objects.values_list("pk", "resolved_at", "resolved_by").get(pk=thread.pk) == before


def test_viewer_may_comment_and_reply_but_is_offered_no_resolve_button(client, viewer, strategy, threads):
    client.force_login(viewer)
    url = reverse("strategies:section_comments", args=[strategy.pk, "conclusion"])
    client.post(url, {"body": "A question from the ministry"})
    client.post(url, {"body": "Same here", "parent": threads["own"].pk})
    assert Comment.objects.filter(author=viewer).count() == 2
    panel = client.get(url).content.decode()
    # a button's text starts with what is seen, then names the thread for screen readers
    assert ">Resolve<" not in panel and ">Reply<" in panel


@pytest.mark.parametrize("persona", ["editor", "lead", "admin"])
def test_leads_editors_and_admins_resolve_and_reopen_threads(client, personas, strategy, threads, persona):
    client.force_login(personas[persona])
    thread = threads["review"]
    panel = client.get(reverse("strategies:section_comments", args=[strategy.pk, "conclusion"])).content.decode()
    assert ">Resolve<" in panel
    client.post(reverse("strategies:comment_toggle", args=[strategy.pk, thread.pk, "resolve"]))
    thread.refresh_from_db()
    assert thread.resolved_by == personas[persona]
    client.post(reverse("strategies:comment_toggle", args=[strategy.pk, thread.pk, "reopen"]))
    thread.refresh_from_db()
    assert thread.resolved_at is None


def test_the_comment_decision_in_the_policy(personas, strategy):
    may_comment = {name for name, user in personas.items() if policy.can_comment(user, strategy)}
    may_resolve = {name for name, user in personas.items() if policy.can_resolve_comments(user, strategy)}
    assert may_comment == {"lead", "editor", "viewer", "admin"}
    assert may_resolve == {"lead", "editor", "admin"}


# --- Withdrawn submissions leave the reviewers' views ----------------------------------------------------


@pytest.fixture
def withdrawn(db, reviewer):
    """France submitted its strategy and withdrew it; Portugal's is approved (for contrast)."""
    people = {}
    for code in ("FR", "PT"):
        for role in ("lead", "viewer"):
            people[f"{role}-{code}"] = MembershipFactory(
                user__username=f"{role}-{code}", country=country_of(code), role=role
            ).user
    france = make_strategy("FR", title="Stratégie retirée")
    services.part_create(model=KeyMessage, strategy=france, message="Withdrawn French message")
    snapshot = review_services.strategy_submit(strategy=france, user=people["lead-FR"])
    review_services.strategy_withdraw(strategy=france, user=people["lead-FR"], reason="Not ready")
    portugal = make_strategy("PT", title="Plano aprovado")
    services.part_create(model=KeyMessage, strategy=portugal, message="Approved Portuguese message")
    review_services.strategy_submit(strategy=portugal, user=people["lead-PT"])
    review_services.review_decide(review=review_services.open_review(portugal), user=reviewer, decision="approve")
    return {"people": people, "france": france, "snapshot": snapshot}


def test_withdrawn_snapshot_page_is_gone_for_reviewers_and_kept_for_admins_and_the_country(
    client, withdrawn, reviewer, admin_user
):
    url = reverse("reviews:snapshot", args=[withdrawn["snapshot"].pk])
    expected = {reviewer: 404, admin_user: 200, withdrawn["people"]["lead-FR"]: 200}
    expected[withdrawn["people"]["viewer-FR"]] = 200
    for user, status in expected.items():
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_withdrawn_review_page_is_gone_for_reviewers_too(client, withdrawn, reviewer, admin_user):
    url = reverse("reviews:review", args=[withdrawn["snapshot"].review.pk])
    client.force_login(reviewer)
    assert client.get(url).status_code == 404
    client.force_login(admin_user)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("name", ["comparisons:messages", "comparisons:index"])
def test_withdrawn_submission_is_not_compared_for_reviewers(client, withdrawn, reviewer, admin_user, name):
    client.force_login(reviewer)
    page = client.get(reverse(name)).content.decode()
    assert "Approved Portuguese message" in page or name == "comparisons:index"
    assert "Withdrawn French message" not in page
    export = client.get(reverse("comparisons:messages"), {"format": "csv"}).content.decode()
    assert "France" not in export and "Portugal" in export
    client.force_login(admin_user)
    assert "Withdrawn French message" in client.get(reverse("comparisons:messages")).content.decode()


def test_withdrawn_submission_is_left_out_of_the_reviewers_zip(client, withdrawn, reviewer, admin_user):
    client.force_login(reviewer)
    page = client.get(reverse("exports:zip"))
    assert page.status_code == 202
    assert page.context["total"] == 1 and page.context["pending"] == ["Portugal"]
    client.force_login(admin_user)
    assert sorted(client.get(reverse("exports:zip")).context["pending"]) == ["France", "Portugal"]


def test_latest_snapshot_skips_a_withdrawn_one_for_reviewers(withdrawn, reviewer, admin_user):
    france = withdrawn["france"]
    lead = withdrawn["people"]["lead-FR"]
    review_services.strategy_submit(strategy=france, user=lead)
    review_services.review_decide(
        review=review_services.open_review(france), user=reviewer, decision="request_changes", reason="More"
    )
    review_services.strategy_submit(strategy=france, user=lead)
    review_services.strategy_withdraw(strategy=france, user=lead)
    numbers = dict(Snapshot.objects.filter(strategy=france).values_list("number", "review__decision"))
    assert numbers == {1: "", 2: "request_changes", 3: ""}  # 1 and 3 withdrawn
    assert latest_snapshot_or_404(reviewer, france).number == 2
    assert latest_snapshot_or_404(admin_user, france).number == 3
    assert latest_snapshot_or_404(lead, france).number == 3


def test_the_countrys_timeline_keeps_the_withdrawn_submission(client, withdrawn):
    client.force_login(withdrawn["people"]["viewer-FR"])
    page = client.get(reverse("strategies:detail", args=[withdrawn["france"].pk])).content.decode()
    assert reverse("reviews:snapshot", args=[withdrawn["snapshot"].pk]) in page
    assert "Not ready" in page


@pytest.mark.parametrize(
    ("persona", "sees"),
    [("reviewer", {"approved", "in review", "changes requested"}), ("admin", {"everything"})],
)
def test_visible_snapshots_by_state(db, personas, persona, sees):
    lead = MembershipFactory(user__username="pt-lead", country=country_of("PT"), role="lead").user
    reviewer = personas["reviewer"]
    states = {}
    for state in ("approved", "in review", "changes requested", "withdrawn"):
        strategy = make_strategy("PT", title=state)
        snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
        review = review_services.open_review(strategy)
        if state == "approved":
            review_services.review_decide(review=review, user=reviewer, decision="approve")
        elif state == "changes requested":
            review_services.review_decide(review=review, user=reviewer, decision="request_changes", reason="x")
        elif state == "withdrawn":
            review_services.strategy_withdraw(strategy=strategy, user=lead)
        states[snapshot.pk] = state
    visible = {states[pk] for pk in visible_snapshots(personas[persona]).values_list("pk", flat=True)}
    assert visible == (set(states.values()) if sees == {"everything"} else sees)
    for snapshot in Snapshot.objects.select_related("review", "strategy"):
        assert policy.can_view_snapshot(personas[persona], snapshot) is (states[snapshot.pk] in visible)


def test_the_policys_states_are_the_strategys():
    """The policy reads strategies by duck typing (it sits under strategies): its state names are the model's."""
    from strategies.models import Strategy

    assert policy.APPROVED == Strategy.Status.APPROVED
    assert set(policy.REVIEWABLE_STATUSES) == set(Strategy.Status.values) - {Strategy.Status.DRAFT}
