import fcntl
import os
import sqlite3
import tempfile
from contextlib import closing, contextmanager, suppress

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
    Marked `both_databases`, a test runs in both passes all the same: browser flows where two people write the
    same rows at once or a row lock once failed on PostgreSQL alone, and tests that read the database's settings.
    Marked `one_database`, a test with a database fixture runs once all the same, because what it checks is
    decided above the database and its queries run on PostgreSQL in other tests: the access matrix's statuses
    (the permission policy; its change detection's PostgreSQL path is proven by the planted-write tests beside
    it, which run on both) and the query budgets (how many queries the ORM sends for a page)."""
    if item.get_closest_marker("one_database"):
        return True
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
    from core import pagecache

    monkeypatch.setattr(pagecache, "changed", _version_moved_now)


def _version_moved_now():
    """The page cache's data version moved on at once, in a savepoint: a failing database
    (tests/test_faults.py) spoils nothing else."""
    from core import pagecache

    with transaction.atomic():
        pagecache._bump()


#: PDFs WeasyPrint made in this test process, by the exact HTML and style sheets they were made from.
_RENDERED: dict[str, tuple[bytes, int]] = {}


@pytest.fixture(autouse=True)
def _same_html_same_pdf(request, monkeypatch):
    """A PDF render takes seconds of CPU, and many tests lay out the same document (the same strategy, written
    the same way, for checks of its pages, its cache, its permissions); WeasyPrint makes the same PDF from the
    same HTML, so a test process renders each HTML once and hands out that PDF again. Only the real renderer is
    remembered: a test that replaces it (a failing or slow render) gets its replacement, and the tests of the
    render machinery itself (the child process, its limits) always render."""
    if request.module.__name__.endswith(("test_render_child", "test_render_limits")):
        return
    import hashlib

    from exports import pdf
    from exports import services as export_services

    render = export_services.run_with_time_limit

    def once_per_html(func, *args, seconds):
        if func is not pdf.render_pdf:
            return render(func, *args, seconds=seconds)
        key = hashlib.sha256(repr(args).encode()).hexdigest()
        if key not in _RENDERED:
            _RENDERED[key] = render(func, *args, seconds=seconds)
        return _RENDERED[key]

    monkeypatch.setattr(export_services, "run_with_time_limit", once_per_html)


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

    with rolled_back_at_the_end(django_db_blocker), mock.patch.object(pagecache, "changed", _version_moved_now):
        yield


# The test database, made once per run instead of once per test worker: with pytest-xdist the first worker to
# need it creates and migrates a template under a file lock (about 10 s on SQLite, 14 s on PostgreSQL), every
# worker then copies it (a file copy; PostgreSQL's CREATE DATABASE ... TEMPLATE) into its own database. The
# template belongs to this run alone (a tag the controller makes and hands to its workers), so it can never be
# stale: it is migrated from this checkout's migrations in this run, and the controller deletes it at the end.
# One process (-p no:xdist), --reuse-db and --nomigrations keep pytest-django's own setup.

_TEMPLATE_TAG = "onemg_db_template"


def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        import secrets

        config._onemg_db_template = f"{os.getpid()}_{secrets.token_hex(4)}"
    elif config.getvalue("loadgroup"):
        config.pluginmanager.register(_XdistGroups(), "onemg-xdist-groups")


class _XdistGroups:
    """`--dist loadgroup` sends the tests of one xdist_group to one worker by the "@group" that pytest-xdist
    (3.8) appends to their node ids, writing `item._nodeid`; pytest 9.2 reads node ids from `item._id`, so the
    suffix is lost and every group is spread over the workers (pytest-dev/pytest-xdist#1386): data written
    once per module or class (the --full demo, ...) was then written again on each worker. Until pytest-xdist
    sets it, the suffix is set here, after pytest-xdist's own hook, where pytest 9.2 reads it."""

    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, config, items):
        for item in items:
            groups = sorted(
                {
                    str(mark.args[0] if mark.args else mark.kwargs.get("name", "default"))
                    for mark in item.iter_markers("xdist_group")
                }
            )
            suffix = f"@{'_'.join(groups)}"
            if not groups or item.nodeid.endswith(suffix):
                continue
            if hasattr(item, "_id"):  # pytest 9.2: a structured NodeId
                item._id = type(item._id).parse(item.nodeid + suffix)
            else:
                item._nodeid = item.nodeid + suffix


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """pytest-xdist: tell each worker the run's template tag."""
    node.workerinput[_TEMPLATE_TAG] = node.config._onemg_db_template


def _template_files(alias: str, tag: str) -> tuple[str, str]:
    """The lock file of the alias's template and the file that says it is ready (it holds its name)."""
    stem = os.path.join(tempfile.gettempdir(), f"onemg-test-db-{tag}-{alias}")
    return f"{stem}.lock", f"{stem}.ready"


def _template_name(settings_dict: dict, alias: str, tag: str) -> str:
    if settings_dict["ENGINE"] == "django.db.backends.sqlite3":
        return os.path.join(tempfile.gettempdir(), f"onemg-test-db-{tag}-{alias}.template.sqlite3")
    return f"test_{settings_dict['NAME']}_template_{tag}"[:63]


def _is_sqlite(connection) -> bool:
    return connection.vendor == "sqlite"


def _remove_sqlite_files(path: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            os.remove(path + suffix)


def _build_template(connection, template: str, verbosity: int) -> None:
    """Create and migrate the template, as pytest-django creates a test database, under the template's name."""
    test_settings = connection.settings_dict["TEST"]
    own_test_name = test_settings.get("NAME")
    test_settings["NAME"] = template
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False, keepdb=False)
    finally:
        test_settings["NAME"] = own_test_name
        connection.close()
    if _is_sqlite(connection):
        # One self-contained file: what the last connection left in the write-ahead log goes into it.
        with closing(sqlite3.connect(template)) as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            db.execute("PRAGMA journal_mode=DELETE")
    else:
        connection.close_pool()  # CREATE DATABASE ... TEMPLATE refuses a template anyone is connected to


def _copy_template(connection, template: str, target: str) -> None:
    if _is_sqlite(connection):
        _remove_sqlite_files(target)
        with closing(sqlite3.connect(template)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        return
    quote = connection.ops.quote_name
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
        cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")


def _database_from_template(alias: str, tag: str, verbosity: int, serialize: bool) -> str:
    """Give this worker its own test database, copied from the run's template (made first if no worker has
    made it yet); returns the database's name before (to restore at the end)."""
    from django.conf import settings
    from django.db import connections

    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    target = connection.creation._get_test_db_name()  # pytest-django's, with the worker's suffix (_gw0, ...)
    template = _template_name(connection.settings_dict, alias, tag)
    lock_path, ready_path = _template_files(alias, tag)
    with open(lock_path, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            if not os.path.exists(ready_path):
                _build_template(connection, template, verbosity)
                with open(ready_path, "w") as ready:
                    ready.write(template)
            _copy_template(connection, template, target)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    connection.close()
    settings.DATABASES[alias]["NAME"] = target
    connection.settings_dict["NAME"] = target
    if serialize:
        connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    connection.ensure_connection()
    return old_name


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_use_migrations,
    django_db_keepdb,
    django_db_createdb,
    django_db_modify_db_settings,
):
    """pytest-django's fixture of the same name, with the test database copied from the run's template on
    pytest-xdist workers (above)."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    verbosity = request.config.option.verbose
    aliases, serialized_aliases = _get_databases_for_setup(request.session.items)
    tag = getattr(request.config, "workerinput", {}).get(_TEMPLATE_TAG)
    if tag is None or not django_db_use_migrations or django_db_keepdb:
        if not django_db_use_migrations:
            _disable_migrations()
        keep = {"keepdb": True} if django_db_keepdb and not django_db_createdb else {}
        with django_db_blocker.unblock():
            db_cfg = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized_aliases,
                **keep,
            )
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(db_cfg, verbosity=verbosity)
        return

    with django_db_blocker.unblock():
        old_names = {
            alias: _database_from_template(alias, tag, verbosity, serialize=alias in serialized_aliases)
            for alias in sorted(aliases)
        }
    yield
    with django_db_blocker.unblock():
        for alias, old_name in old_names.items():
            connections[alias].creation.destroy_test_db(old_name, verbosity)


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session):
    """The controller, once its workers have finished: delete the run's templates."""
    tag = getattr(session.config, "_onemg_db_template", None)
    if tag is None or hasattr(session.config, "workerinput"):
        return
    from django.conf import settings
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    for alias in settings.DATABASES:
        lock_path, ready_path = _template_files(alias, tag)
        if os.path.exists(ready_path):
            connection = connections[alias]
            template = _template_name(connection.settings_dict, alias, tag)
            if _is_sqlite(connection):
                _remove_sqlite_files(template)
            else:
                quote = connection.ops.quote_name
                with session.config.stash[blocking_manager_key].unblock(), connection.creation._nodb_cursor() as c:
                    c.execute(f"DROP DATABASE IF EXISTS {quote(template)} WITH (FORCE)")
        for path in (ready_path, lock_path):
            with suppress(FileNotFoundError):
                os.remove(path)


def make_personas() -> dict:
    """The people of the persona fixtures above (same names, roles and countries), for data written once for
    many tests (`written_once_for_many_tests`), where function-scoped fixtures cannot be used."""
    from tests.factories import country

    return {
        "lead": MembershipFactory(user__username="lead", role=Membership.Role.LEAD).user,
        "editor": MembershipFactory(user__username="editor", role=Membership.Role.EDITOR).user,
        "viewer": MembershipFactory(user__username="viewer", role=Membership.Role.VIEWER).user,
        "outsider": MembershipFactory(user__username="outsider", country=country("FR"), role=Membership.Role.LEAD).user,
        "reviewer": UserFactory(username="reviewer", is_reviewer=True),
        "admin": UserFactory(username="admin", is_superuser=True, is_staff=True),
    }
