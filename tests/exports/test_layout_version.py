"""The PDF cache key follows the print layout's text: no version number to bump by hand."""

from __future__ import annotations

import shutil

import pytest
from django.conf import settings as django_settings

from exports import services


@pytest.fixture
def app_copy(tmp_path, settings):
    """A copy of the files that shape a PDF, as the app's base directory; the cached version is forgotten
    before and after, so the rest of the run sees the real files."""
    real = django_settings.BASE_DIR
    base = tmp_path / "app"
    for pattern in services.PRINT_LAYOUT_FILES:
        for path in real.glob(pattern):
            target = base / path.relative_to(real)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy(path, target)
    settings.BASE_DIR = base
    services.template_version.cache_clear()
    yield base
    services.template_version.cache_clear()


def _keys() -> tuple[str, str]:
    services.template_version.cache_clear()
    return services.snapshot_alias(7, True, guide="guide-stamp"), services.template_version()


@pytest.mark.parametrize("changed", ["templates/pdf/strategy.html", "templates/pdf/base.html", "static/css/print.css"])
def test_changing_a_print_file_changes_the_pdf_cache_key(app_copy, changed):
    before = _keys()
    assert _keys() == before  # the same files give the same key
    with open(app_copy / changed, "a") as file:
        file.write("\n<!-- a change -->\n")
    after = _keys()
    assert after[0] != before[0] and after[1] != before[1]


def test_a_new_print_template_changes_the_key_too(app_copy):
    before = _keys()
    (app_copy / "templates" / "pdf" / "_new_part.html").write_text("<p>new</p>")
    assert _keys() != before


def test_the_version_is_computed_once(app_copy):
    services.template_version.cache_clear()
    first = services.template_version()
    (app_copy / "static" / "css" / "print.css").write_text("changed while running")
    assert services.template_version() == first  # read at first use; a deploy restarts the process
