from contextlib import contextmanager

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, transaction

from accounts.models import Membership
from tests.factories import MembershipFactory, UserFactory, make_strategy

#: Fixtures that give a test the database; a test without one cannot reach it (pytest-django refuses).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
}


def pytest_addoption(parser):
    parser.addoption(
        "--second-database",
        action="store_true",
        help="make test's PostgreSQL pass: leave out what the first pass (SQLite) already proved and what does "
        "not depend on the database (see runs_once)",
    )


def runs_once(item) -> bool:
    """Whether the outcome of a test cannot depend on the database, so that make test's second pass
    (PostgreSQL, --second-database) leaves it to the first (SQLite), saving minutes of `make test`:
    - a test that has no database fixture (pure code, templates, files, the architecture);
    - a browser test (tests/browser/): it checks what a person sees and does in one browser, on pages whose code
      is the same on both databases; the same views, services and queries run on both databases through the
      test client (test_forms_as_a_browser, test_access_matrix, every app's views and services tests).
    Marked `both_databases`, a test runs in both passes all the same: browser flows where people or a background
    task write at the same time or rows are locked, and tests that read the database's settings."""
    if item.get_closest_marker("both_databases"):
        return False
    if "tests/browser/" in item.nodeid:
        return True
    uses_database = DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("django_db")
    return not uses_database


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(
                pytest.mark.skipif(
                    connection.vendor != "postgresql", reason="needs PostgreSQL (run by make test's second pass)"
                )
            )
    if config.getoption("second_database"):
        once = [item for item in items if runs_once(item)]
        if once:
            config.hook.pytest_deselected(items=once)
            items[:] = [item for item in items if not runs_once(item)]


@contextmanager
def rolled_back_at_the_end(django_db_blocker):
    """For a fixture of class or module scope that writes data many tests read (seed_demo takes seconds):
    what it writes inside this block is there for each test of the class or module, which runs in a savepoint
    of its own inside it, and is rolled back after the last one, so that no other test sees it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture
def lead(db):
    return MembershipFactory(user__username="lead", role=Membership.Role.LEAD).user


@pytest.fixture
def editor(db):
    return MembershipFactory(user__username="editor", role=Membership.Role.EDITOR).user


@pytest.fixture
def viewer(db):
    return MembershipFactory(user__username="viewer", role=Membership.Role.VIEWER).user


@pytest.fixture
def outsider(db):
    """A lead of another country (France): must never see Germany's draft."""
    from tests.factories import country

    return MembershipFactory(user__username="outsider", country=country("FR"), role=Membership.Role.LEAD).user


@pytest.fixture
def reviewer(db):
    return UserFactory(username="reviewer", is_reviewer=True)


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def personas(lead, editor, viewer, outsider, reviewer, admin_user):
    return {
        "lead": lead,
        "editor": editor,
        "viewer": viewer,
        "outsider": outsider,
        "reviewer": reviewer,
        "admin": admin_user,
    }


@pytest.fixture
def strategy(db):
    """Germany's working draft."""
    return make_strategy("DE")


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests flush the database after each test, migration-loaded rows included; put the
    countries and the guide's content back (the loaders are idempotent upserts)."""
    from django.apps import apps

    from accounts.countries import COUNTRIES
    from accounts.models import Country
    from factsheets.loading import load_factsheet_content
    from guide.loading import load_guide_content

    if not Country.objects.exists():
        for code, name, languages in COUNTRIES:
            Country.objects.get_or_create(code=code, defaults={"name": name, "languages": languages})
        load_guide_content(apps)
        load_factsheet_content(apps)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Comparison pages are cached by snapshot ids, whole pages by user ids and the data version; ids and
    versions repeat across tests, so every test starts clean."""
    from django.core.cache import caches

    from core import pagecache

    for alias in ("default", "pages"):
        caches[alias].clear()
    pagecache._memo.clear()  # rows remembered by data version: versions repeat too, tests roll back
    yield
    for alias in ("default", "pages"):
        caches[alias].clear()
    pagecache._memo.clear()


@pytest.fixture(autouse=True)
def _page_cache_sees_uncommitted_writes(request, monkeypatch):
    """The page cache's data version moves on when a write commits; the transaction of a test with the `db`
    fixture never commits, so there it moves on at the write itself. Tests whose writes really commit
    (transactional_db, live_server, threads racing) keep the production order: moving it inside their
    transactions would lock its row until commit, and racing threads would deadlock on it (PostgreSQL)."""
    really_commits = {"transactional_db", "live_server"} & set(request.fixturenames)
    marker = request.node.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        really_commits = True
    if really_commits or "real_commit_order" in request.keywords:
        return
    from django.db import transaction

    from core import pagecache

    def changed_now():
        with transaction.atomic():  # a savepoint: a failing database (tests/test_faults.py) spoils nothing else
            pagecache._bump()

    monkeypatch.setattr(pagecache, "changed", changed_now)


@pytest.fixture
def django_capture_on_commit_callbacks():
    """pytest-django's fixture, and then, when the callbacks are executed, the worker's turn: mail and the
    other light work they queued (the "default" queue) runs as `manage.py run_worker` would run it next.
    Renders (the "pdf" queue) wait for tests/tasks.py's run_tasks()."""
    from django.test import TestCase

    from tests.tasks import run_tasks

    @contextmanager
    def capture(*, using=DEFAULT_DB_ALIAS, execute=False):
        with TestCase.captureOnCommitCallbacks(using=using, execute=execute) as callbacks:
            yield callbacks
        if execute:
            run_tasks("default")

    return capture


# --- Expensive data written once, for many tests (issue #13: make test under 10 minutes) -------------------


@contextmanager
def written_once_for_many_tests(django_db_blocker):
    """`rolled_back_at_the_end`, for data that tests with the `db` fixture used to write for themselves: the
    page cache's data version moves on at each write, as it does inside those tests
    (`_page_cache_sees_uncommitted_writes`), instead of at a commit that never comes."""
    from unittest import mock

    from core import pagecache

    def changed_now():
        with transaction.atomic():
            pagecache._bump()

    with rolled_back_at_the_end(django_db_blocker), mock.patch.object(pagecache, "changed", changed_now):
        yield
