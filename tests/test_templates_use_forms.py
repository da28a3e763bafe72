"""Every field a person fills in is a Django form field rendered by crispy (issue #10).

A template that writes its own `<input name=…>`, `<select>`, `<option>` or `<textarea>`, or a button that
carries a choice in its `name`/`value`, is a second definition of a form: its choices and field names drift
from the form class that validates them. So templates hold none; fields come from forms, rendered with
`{% crispy %}`, `|crispy` or `|as_crispy_field`. Widget templates (how Django renders one field) are the only
place where such markup belongs.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

#: Folders holding widget templates: the markup of one field, which is where `<input>` belongs.
WIDGET_FOLDERS = ("widgets", "django/forms", "bootstrap5", "allauth/elements")

HAND_WRITTEN = [
    (re.compile(r"<input\b(?![^>]*\bname=[\"']csrfmiddlewaretoken)[^>]*\bname=", re.I | re.S), "<input name=…>"),
    (re.compile(r"<select\b", re.I), "<select>"),
    (re.compile(r"<option\b", re.I), "<option>"),
    # A read-only text area without a name only shows text (the kept text on the error page); it sends nothing.
    (re.compile(r"<textarea\b[^>]*\bname=", re.I | re.S), "<textarea name=…>"),
    (re.compile(r"<button\b[^>]*\b(name|value)=", re.I | re.S), "<button name/value=…>"),
]


def _templates() -> list[Path]:
    found = []
    for path in sorted(ROOT.glob("**/templates/**/*.html")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".venv/", "staticfiles/")) or "/node_modules/" in relative:
            continue
        if any(f"/{folder}/" in relative for folder in WIDGET_FOLDERS) or path.name.endswith("_widget.html"):
            continue
        found.append(path)
    return found


def test_the_scan_sees_the_templates():
    names = {path.name for path in _templates()}
    assert {"section_form.html", "review_detail.html", "dashboard.html"} <= names


@pytest.mark.parametrize("path", _templates(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_template_writes_no_form_field_by_hand(path):
    text = path.read_text()
    problems = [
        f"{label} on line {text[: match.start()].count(chr(10)) + 1}"
        for pattern, label in HAND_WRITTEN
        for match in pattern.finditer(text)
    ]
    assert not problems, "render these fields from a Django form with crispy: " + ", ".join(problems)


def test_the_scan_catches_a_hand_written_field(tmp_path):
    sample = '<form method="post">{% csrf_token %}<input type="hidden" name="version" value="3"></form>'
    assert any(pattern.search(sample) for pattern, _label in HAND_WRITTEN)
    assert not any(
        pattern.search('<form method="post">{% csrf_token %}<button type="submit">Delete</button>')
        for pattern, _ in HAND_WRITTEN
    )
