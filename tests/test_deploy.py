"""What a production deploy runs must work: collectstatic with the hashed, compressed storage, and a
server that refuses to start without a secret key."""

import os
import subprocess
import sys

import pytest
from django.core.management import call_command
from django.test import override_settings

#: The settings depend on DATABASE_URL (SQLite or PostgreSQL): these run in both passes of make test.
READS_DATABASE_SETTINGS = pytest.mark.both_databases


def test_collectstatic_with_the_production_storage(tmp_path, monkeypatch):
    """Every static file is collected, hashed (references inside the stylesheets rewritten) and compressed by
    the production storage. Brotli compresses at quality 5 here instead of WhiteNoise's 11: the same files are
    written through the same code, and the test takes 3 s instead of a minute of CPU (the 28 MB of the API's
    documentation assets); the compression ratio is WhiteNoise's business."""
    import brotli
    from whitenoise.compress import Compressor

    monkeypatch.setattr(Compressor, "compress_brotli", staticmethod(lambda data: brotli.compress(data, quality=5)))
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/htmx/htmx.min.*.js"))
    assert list(tmp_path.glob("vendor/htmx/htmx.min.*.js.br")) and list(tmp_path.glob("vendor/htmx/htmx.min.*.js.gz"))


def _import_wsgi(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [sys.executable, "-c", "import onemg_planner.wsgi"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "onemg_planner.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@READS_DATABASE_SETTINGS
def test_the_server_refuses_to_start_without_a_secret_key_in_production():
    refused = _import_wsgi({})
    assert refused.returncode != 0 and "Set SECRET_KEY" in refused.stderr
    assert _import_wsgi({"SECRET_KEY": "x"}).returncode == 0
    assert _import_wsgi({"DEBUG": "1"}).returncode == 0


@READS_DATABASE_SETTINGS
def test_production_defaults_are_safe(monkeypatch):
    import importlib

    import onemg_planner.settings as settings_module

    monkeypatch.delenv("DEBUG", raising=False)
    monkeypatch.setenv("SECRET_KEY", "x")
    reloaded = importlib.reload(settings_module)
    assert reloaded.DEBUG is False and reloaded.SESSION_COOKIE_SECURE and reloaded.ALLOWED_HOSTS == []
    assert not reloaded.SECRET_KEY_MISSING


PRODUCTION_ENV = {
    "SECRET_KEY": "f0Xq-production-like-secret-key-with-more-than-fifty-characters-9Zk",
    "ALLOWED_HOSTS": "planner.example.org",
    "BEHIND_TLS_PROXY": "1",
}


@READS_DATABASE_SETTINGS
def test_check_deploy_passes_with_no_warning_under_production_settings():
    # The browser tests allow async-unsafe calls in this process; a deployment never does.
    unset = ("DEBUG", "DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "onemg_planner.settings", **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def _production_settings(monkeypatch) -> dict:
    import importlib

    import onemg_planner.settings as settings_module

    monkeypatch.delenv("DEBUG", raising=False)
    for name, value in PRODUCTION_ENV.items():
        monkeypatch.setenv(name, value)
    reloaded = importlib.reload(settings_module)
    names = (
        "SECURE_SSL_REDIRECT",
        "SECURE_HSTS_SECONDS",
        "SECURE_HSTS_INCLUDE_SUBDOMAINS",
        "SECURE_HSTS_PRELOAD",
        "SECURE_PROXY_SSL_HEADER",
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
    )
    return {name: getattr(reloaded, name) for name in names}


def test_behind_a_tls_proxy_plain_http_is_redirected_and_https_gets_hsts(client, monkeypatch, db):
    # db: the sign-in page lists the single sign-on providers, read from the database (allauth).
    production = _production_settings(monkeypatch)
    with override_settings(**production):
        plain = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="http")
        assert plain.status_code == 301 and plain["Location"] == "https://testserver/accounts/login/"
        secure = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


# --- Several app machines (issue #13) -----------------------------------------------------------------------


def _settings_with(monkeypatch, **env):
    import importlib

    import onemg_planner.settings as settings_module

    for name in ("DEBUG", "CACHE_URL", "CONN_MAX_AGE", "PGBOUNCER_TRANSACTION_POOLING"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SECRET_KEY", "x")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return importlib.reload(settings_module)


@READS_DATABASE_SETTINGS
def test_production_shares_cache_sessions_and_tasks_through_the_database(monkeypatch):
    production = _settings_with(monkeypatch)
    assert production.CACHES["default"] == {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "onemg_cache",
        "KEY_PREFIX": production.CODE_STAMP,
    }
    # Sessions in the database (Django's default engine, not a per-process cache), tasks in the database.
    assert getattr(production, "SESSION_ENGINE", "django.contrib.sessions.backends.db").endswith("backends.db")
    assert production.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
    assert set(production.TASKS["default"]["QUEUES"]) == {"default", "pdf"}
    # PostgreSQL connections are kept between requests.
    assert production.DATABASES["default"]["CONN_MAX_AGE"] == 60
    assert not production.DATABASES["default"].get("DISABLE_SERVER_SIDE_CURSORS")


@READS_DATABASE_SETTINGS
def test_the_cache_and_pooling_come_from_the_environment(monkeypatch):
    assert _settings_with(monkeypatch, DEBUG="1").CACHES["default"]["BACKEND"].endswith("LocMemCache")
    redis = _settings_with(monkeypatch, CACHE_URL="redis://cache.internal:6379/1").CACHES["default"]
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://cache.internal:6379/1",
        "KEY_PREFIX": redis["KEY_PREFIX"],
    }
    assert len(redis["KEY_PREFIX"]) == 12
    assert _settings_with(monkeypatch, CACHE_URL="db://shared_cache").CACHES["default"]["LOCATION"] == "shared_cache"
    behind_pgbouncer = _settings_with(monkeypatch, CONN_MAX_AGE="0", PGBOUNCER_TRANSACTION_POOLING="1")
    assert behind_pgbouncer.DATABASES["default"]["CONN_MAX_AGE"] == 0
    assert behind_pgbouncer.DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    with pytest.raises(ValueError, match="CACHE_URL"):
        _settings_with(monkeypatch, CACHE_URL="memcache://x")
    _settings_with(monkeypatch)  # leave the module whole for the tests after this one


def test_migrate_makes_the_database_cache_table(db):
    from django.core.cache import caches
    from django.db import connection

    from jobs.apps import create_cache_table

    location = "onemg_cache_deploy_test"
    with override_settings(
        CACHES={"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": location}}
    ):
        create_cache_table(sender=None)  # what migrate's post_migrate signal runs
        assert location in connection.introspection.table_names()
        caches["default"].set("shared", "by the database")
        assert caches["default"].get("shared") == "by the database"


# --- The cache across deploys -------------------------------------------------------------------------------


def _copy_of_the_code(tmp_path):
    """The project's code and templates as a deploy would ship them, plus what must not count."""
    from django.conf import settings

    from core.stamp import code_files

    for path in code_files(settings.BASE_DIR):
        target = tmp_path / path.relative_to(settings.BASE_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())
    return tmp_path


def test_the_cache_prefix_is_a_stamp_of_the_code_and_templates_of_this_release():
    from django.conf import settings

    from core.stamp import code_files, code_stamp

    assert settings.CACHES["default"]["KEY_PREFIX"] == settings.CODE_STAMP == code_stamp(settings.BASE_DIR)
    files = {path.relative_to(settings.BASE_DIR).as_posix() for path in code_files(settings.BASE_DIR)}
    assert {"templates/base.html", "strategies/services.py", "onemg_planner/settings.py"} <= files
    assert not any(name.startswith(("tests/", ".venv/")) or "__pycache__" in name for name in files)


def test_changing_a_template_or_the_code_changes_the_cache_prefix(tmp_path):
    from core.stamp import code_stamp

    release = _copy_of_the_code(tmp_path)
    before = code_stamp(release)
    assert code_stamp(release) == before  # the same code gives the same stamp on every app machine

    template = release / "templates" / "comparisons" / "risks.html"
    template.write_text(template.read_text() + "<p>new markup</p>")
    after_template = code_stamp(release)
    assert after_template != before

    code = release / "comparisons" / "services.py"
    code.write_text(code.read_text() + "\n# a new way to compute the data\n")
    assert code_stamp(release) not in {before, after_template}


def test_what_a_deploy_does_not_serve_leaves_the_cache_prefix_alone(tmp_path):
    from core.stamp import code_stamp

    release = _copy_of_the_code(tmp_path)
    before = code_stamp(release)
    # tests/ and bench/ are packages too (with __init__.py), but no page is made from them.
    for path in (
        "tests/__init__.py",
        "tests/test_new.py",
        "bench/__init__.py",
        ".venv/lib/site.py",
        "strategies/__pycache__/x.py",
        "docs/notes.html",
        "strategies/notes.txt",
    ):
        (release / path).parent.mkdir(parents=True, exist_ok=True)
        (release / path).write_text("changed")
    assert code_stamp(release) == before


def test_a_fragment_cached_by_the_previous_release_is_not_served_after_a_deploy(tmp_path):
    from django.core.cache import caches
    from django.template import engines

    from core.stamp import code_stamp

    release = _copy_of_the_code(tmp_path)
    template = release / "templates" / "comparisons" / "risks.html"

    def render(markup: str) -> str:
        # One shared store (as the database cache is across deploys and machines), this release's prefix.
        shared = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "deploy-test"}
        with override_settings(CACHES={"default": {**shared, "KEY_PREFIX": code_stamp(release)}}):
            page = engines["django"].from_string(
                "{% load cache %}{% cache 86400 compare 7 %}" + markup + "{% endcache %}"
            )
            return page.render({})

    try:
        assert render("<p>old markup</p>") == "<p>old markup</p>"
        assert render("<p>new markup</p>") == "<p>old markup</p>"  # same release: the fragment is served
        template.write_text(template.read_text() + "<p>new markup</p>")  # the deploy
        assert render("<p>new markup</p>") == "<p>new markup</p>"
    finally:
        with override_settings(
            CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "deploy-test"}}
        ):
            caches["default"].clear()
