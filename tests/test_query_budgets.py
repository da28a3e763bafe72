"""Query budgets (issue #13): every page a person opens makes at most 15 queries on data the size of
`seed_demo --full` (28 countries, every strategy in some state, snapshots, reviews, monitoring data), and the
count does not grow with the data: with three times the rows in the country's strategy it is the same.

The --full demo is seeded once for the module (inside a transaction rolled back at the end, so the other
tests never see it); each test reads it through the test client as the person who opens the page.
"""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test.utils import override_settings
from django.urls import reverse

from accounts.models import User
from core import pagecache
from demo import seeding
from strategies import models as strategy_models
from strategies.forms import PART_KINDS

# Data written once for the module: its tests stay on one test worker (make test's --dist loadgroup).
# The number of queries is the ORM's plan for a page, the same on both databases: make test counts it on SQLite
# (one_database, tests/conftest.py: runs_once).
pytestmark = [pytest.mark.xdist_group("full-demo"), pytest.mark.one_database]

BUDGET = 15


@pytest.fixture(scope="module")
def full_demo(django_db_setup, django_db_blocker):
    """`seed_demo --full`, once for this module: {name: id} of the objects the pages open."""
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
            seeding.seed(full=True)
        from factsheets.models import Factsheet
        from monitoring.models import ProgressReport, ReportSubmission
        from reviews.models import Review, Snapshot

        germany = strategy_models.Strategy.objects.get(country__code="DE")
        portugal = strategy_models.Strategy.objects.get(country__code="PT")
        report = ProgressReport.objects.filter(strategy=portugal).order_by("pk").first()
        world = {
            "de": germany.pk,
            "pt": portugal.pk,
            "review": Review.objects.filter(completed_at__isnull=True).order_by("-pk").first().pk,
            "snapshot": Snapshot.objects.filter(strategy=portugal).order_by("-number").first().pk,
            "factsheet": Factsheet.objects.filter(country__code="DE").order_by("pk").first().pk,
            "report": report.pk,
            "submission": ReportSubmission.objects.filter(report__strategy=portugal).order_by("-pk").first().pk,
        }
        yield world
        transaction.set_rollback(True)
    cache.clear()


def _pages(world: dict) -> list[tuple[str, str, str]]:
    """(id, user, url) of every page a person opens, on the demo's Germany (draft) and Portugal (approved)."""

    def s(name, **kwargs):
        return reverse(f"strategies:{name}", kwargs={"pk": world["de"], **kwargs})

    def m(name, pk=world["de"]):
        return reverse(f"monitoring:{name}", kwargs={"pk": pk})

    rows = [
        ("home-lead", "lead-de", reverse("strategies:home")),
        ("home-reviewer", "reviewer", reverse("strategies:home")),
        ("home-admin", "admin", reverse("strategies:home")),
        ("overview", "lead-de", s("detail")),
        ("details", "lead-de", s("details")),
        ("section-editor", "lead-de", s("section", key="target_audience")),
        ("section-editor-appendices", "editor-de", s("section", key="appendices")),
        ("section-history", "lead-de", s("section_history", key="target_audience")),
        ("action-plan", "lead-de", s("action_plan")),
        ("timeline", "lead-de", s("action_plan") + "?view=timeline"),
        ("recommendations", "lead-de", s("assessments")),
        ("calendar-feed-settings", "lead-de", reverse("strategies:calendar")),
        ("factsheets", "lead-de", reverse("factsheets:list", kwargs={"code": "DE"})),
        ("factsheet-editor", "lead-de", reverse("factsheets:edit", kwargs={"pk": world["factsheet"]})),
        ("notifications", "lead-de", reverse("reviews:notifications")),
        ("review-inbox", "reviewer", reverse("reviews:inbox")),
        ("review-page", "reviewer", reverse("reviews:review", kwargs={"pk": world["review"]})),
        ("snapshot", "reviewer", reverse("reviews:snapshot", kwargs={"pk": world["snapshot"]})),
        ("report-review", "reviewer", reverse("reviews:report_review", kwargs={"pk": world["submission"]})),
        ("comparisons", "reviewer", reverse("comparisons:index")),
        ("europe-dashboard", "reviewer", reverse("comparisons:dashboard")),
        ("compare-section", "reviewer", reverse("comparisons:section", kwargs={"key": "conclusion"})),
        ("monitoring", "lead-de", m("overview")),
        ("monitoring-risks", "lead-de", m("risks")),
        ("monitoring-stories", "lead-de", m("stories")),
        ("monitoring-lessons", "lead-pt", m("lessons", world["pt"])),
        ("monitoring-panel", "lead-de", m("panel")),
        ("monitoring-report", "lead-pt", reverse("monitoring:report", kwargs={"pk": world["report"]})),
        ("monitoring-shared", "reviewer", reverse("monitoring:shared")),
        ("monitoring-compare-readings", "reviewer", reverse("monitoring:compare_readings")),
    ]
    rows += [(f"parts-{kind}", "lead-de", s("parts", kind=kind)) for kind in PART_KINDS if kind != "tasks"]
    rows += [
        (f"compare-{name}", "reviewer", reverse(f"comparisons:{name}"))
        for name in ("audiences", "channels", "messages", "kpis", "risks", "recommendations", "progress")
    ]
    return rows


#: The page ids, for parametrize (the URLs need the seeded ids, so they are built inside the test).
PAGE_IDS = [
    row[0] for row in _pages(dict.fromkeys(("de", "pt", "review", "snapshot", "factsheet", "report", "submission"), 1))
]


def _grow(strategy_id: int) -> None:
    """Three times the rows of every structured part, task, comment and revision the strategy has."""
    models = [model for model, _fields in PART_KINDS.values()] + [strategy_models.Comment, strategy_models.Revision]
    for model in models:
        rows = list(model.objects.filter(strategy_id=strategy_id))
        copies = []
        for _copy in range(2):
            for row in rows:
                row.pk = row.id = None
                copies.append(model(**{f.attname: getattr(row, f.attname) for f in model._meta.concrete_fields}))
        model.objects.bulk_create(copies)


def _count(client, url: str, django_assert_max_num_queries) -> int:
    # As after any change: the page cache's stored copy is out of date, so each request renders the page.
    pagecache._bump()
    client.get(url)  # warm: caches filled, session activity recorded
    pagecache._bump()
    with django_assert_max_num_queries(BUDGET) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url} answered {response.status_code}"
    return len(captured)


@pytest.mark.parametrize("page", PAGE_IDS)
def test_page_stays_within_the_query_budget_whatever_the_data_size(
    full_demo, db, client, django_assert_max_num_queries, page
):
    _id, username, url = next(row for row in _pages(full_demo) if row[0] == page)
    client.force_login(User.objects.get(username=username))
    before = _count(client, url, django_assert_max_num_queries)
    _grow(full_demo["de"])
    _grow(full_demo["pt"])
    cache.clear()
    after = _count(client, url, django_assert_max_num_queries)
    assert after == before, f"{page}: {before} queries, {after} with three times the rows"


#: A page served from the page cache: the session, the user, the data version, and what the view's
#: decorators check before it (a reviewer's role).
STORED_BUDGET = 5


@pytest.mark.parametrize("page", ["home-lead", "overview", "action-plan", "review-inbox", "compare-audiences"])
def test_a_page_served_again_unchanged_costs_a_handful_of_queries(
    full_demo, db, client, django_assert_max_num_queries, page
):
    _id, username, url = next(row for row in _pages(full_demo) if row[0] == page)
    client.force_login(User.objects.get(username=username))
    first = client.get(url)
    with django_assert_max_num_queries(STORED_BUDGET):
        again = client.get(url)
    assert first.status_code == again.status_code == 200
    assert first.templates and not again.templates, "the second answer is the stored page, no template rendered"
    masked_tokens = re.compile(rb"[A-Za-z0-9]{64}")
    assert masked_tokens.sub(b"", first.content) == masked_tokens.sub(b"", again.content)


def test_the_full_demo_is_the_size_the_budgets_are_about(full_demo, db):
    assert strategy_models.Strategy.objects.count() == 28
    assert strategy_models.Revision.objects.count() > 3000
