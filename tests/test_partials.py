"""One convention for partials: every fragment that is included (or rendered on its own as an htmx panel)
has a leading underscore, in its app's template folder (templates/includes/ is the shared one)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR) / "templates"
INCLUDE = re.compile(r"\{%\s*include\s+[\"']([^\"']+)[\"']")
#: Templates of the libraries we override or include as they name them.
THIRD_PARTY = ("admin/", "allauth/", "bootstrap5/", "account/", "mfa/", "socialaccount/")


def _ours(name: str) -> bool:
    return (ROOT / name).exists() and not name.startswith(THIRD_PARTY)


def _included() -> set[str]:
    return {name for path in ROOT.rglob("*.html") for name in INCLUDE.findall(path.read_text()) if _ours(name)}


def test_every_included_fragment_has_a_leading_underscore():
    wrong = sorted(n for n in _included() if not Path(n).name.startswith("_"))
    assert wrong == []


def test_the_shared_includes_folder_follows_the_rule_too():
    names = {f"includes/{p.name}" for p in (ROOT / "includes").glob("*.html")}
    assert sorted(n for n in names if not Path(n).name.startswith("_")) == []
