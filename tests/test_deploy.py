"""What a production deploy runs must work: collectstatic with the hashed, compressed storage, and a
server that refuses to start without a secret key."""

import os
import subprocess
import sys

from django.core.management import call_command
from django.test import override_settings


def test_collectstatic_with_the_production_storage(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", verbosity=0)
    assert (tmp_path / "staticfiles.json").exists()
    assert list(tmp_path.glob("vendor/htmx/htmx.min.*.js"))


def _import_wsgi(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    return subprocess.run(
        [sys.executable, "-c", "import onemg_planner.wsgi"],
        env={**clean, "DJANGO_SETTINGS_MODULE": "onemg_planner.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_server_refuses_to_start_without_a_secret_key_in_production():
    refused = _import_wsgi({})
    assert refused.returncode != 0 and "Set SECRET_KEY" in refused.stderr
    assert _import_wsgi({"SECRET_KEY": "x"}).returncode == 0
    assert _import_wsgi({"DEBUG": "1"}).returncode == 0


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


def test_behind_a_tls_proxy_plain_http_is_redirected_and_https_gets_hsts(
    client, monkeypatch, db
):  # the sign-in page reads the configured identity providers
    production = _production_settings(monkeypatch)
    with override_settings(**production):
        plain = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="http")
        assert plain.status_code == 301 and plain["Location"] == "https://testserver/accounts/login/"
        secure = client.get("/accounts/login/", HTTP_X_FORWARDED_PROTO="https")
        assert secure.status_code == 200
        assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
