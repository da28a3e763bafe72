"""What a production deploy runs must work: collectstatic with the hashed, compressed storage."""

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


def test_production_settings_refuse_to_start_without_a_secret_key(monkeypatch):
    import importlib

    import pytest
    from django.core.exceptions import ImproperlyConfigured

    import onemg_planner.settings as settings_module

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DEBUG", raising=False)
    with pytest.raises(ImproperlyConfigured):
        importlib.reload(settings_module)
    monkeypatch.setenv("SECRET_KEY", "x")
    reloaded = importlib.reload(settings_module)
    assert reloaded.DEBUG is False and reloaded.SESSION_COOKIE_SECURE and reloaded.ALLOWED_HOSTS == []
