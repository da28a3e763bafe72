"""PDFs under production settings: the pages name hashed, collected static files (ManifestStaticFilesStorage)
that the staticfiles finders do not know; the PDF fetcher must still serve them (found by the load test:
every PDF rendered with DEBUG off lost its print stylesheet)."""

import shutil

from django.conf import settings
from django.core.management import call_command
from django.templatetags.static import static
from django.test import override_settings

from exports.pdf import BASE_URL, SafeURLFetcher, render_pdf
from tests.exports.test_pdf import pdf_text


def test_the_fetcher_serves_collected_hashed_stylesheets(tmp_path):
    source = tmp_path / "source" / "css"
    source.mkdir(parents=True)
    shutil.copy(settings.BASE_DIR / "static" / "css" / "print.css", source / "print.css")
    production = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
    with override_settings(
        STORAGES=production,
        STATIC_ROOT=tmp_path / "collected",
        STATICFILES_DIRS=[tmp_path / "source"],
        STATICFILES_FINDERS=["django.contrib.staticfiles.finders.FileSystemFinder"],
    ):
        call_command("collectstatic", interactive=False, verbosity=0)
        url = static("css/print.css")
        assert url != "/static/css/print.css"  # hashed, as in production
        fetcher = SafeURLFetcher()
        assert b"@page" in fetcher.fetch(BASE_URL + url.lstrip("/")).read()
        content, _pages = render_pdf(f'<html><head><link rel="stylesheet" href="{url}"></head><body>x</body></html>')
    text, _pages, _reader = pdf_text(content)
    assert "Page 1 of 1" in text  # the @page footer comes from print.css
