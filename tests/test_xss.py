"""Markup typed by people never runs: script payloads stored through every form come out neutralised on
every page that shows them and in the HTML the PDFs are made from; the sanitiser is idempotent and never
lets executable markup through (Hypothesis); and no template marks user text safe except sanitiser output
(a scan of the templates against an allow-list, each entry with its reason)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from core.html import sanitize_html
from exports import services as export_services
from factsheets import services as factsheet_services
from factsheets.models import FactsheetTemplate
from reviews import services as review_services
from reviews.models import Review
from tests.factories import country

PAYLOADS = [
    "<script>alert('XSS1')</script>",
    "<img src=x onerror=\"alert('XSS2')\">",
    "<a href=\"javascript:alert('XSS3')\">click</a>",
    "<svg/onload=alert('XSS4')>",
    "<iframe src=\"javascript:alert('XSS5')\"></iframe>",
    "\"><script>alert('XSS6')</script>",
    "<p style=\"background:url(javascript:alert('XSS7'))\" onclick=\"alert('XSS8')\">styled</p>",
    "<a href=\"JaVaScRiPt:alert('XSS9')\">x</a><a href=\"data:text/html,<script>alert('XSS10')</script>\">y</a>",
    '<math><mi xlink:href="javascript:alert(\'XSS11\')">m</mi></math><object data="x" onerror="alert(\'XSS12\')">',
    "<style>@import 'https://evil.example/XSS13.css';</style><base href=\"https://evil.example/XSS14/\">",
]
PAYLOAD = " ".join(PAYLOADS)

#: What must never appear in a page or PDF as markup (the same text escaped, or dropped, is fine).
DANGEROUS = [
    re.compile(r"<script[^>]*>\s*alert\('XSS", re.I),
    re.compile(r"\son\w+\s*=\s*[\"']?alert\('XSS", re.I),
    re.compile(r"(href|src|data|xlink:href)\s*=\s*[\"']?\s*(javascript|data):", re.I),
    re.compile(r"<(iframe|object|embed|svg|math|base|style)[^>]*>[^<]*XSS", re.I),
    re.compile(r"<style[^>]*>[^<]*evil\.example", re.I),
    re.compile(r"<base\s", re.I),
]


def neutralised(html: str) -> list[str]:
    return [pattern.pattern for pattern in DANGEROUS if pattern.search(html)]


@pytest.fixture
def stored(client, lead, editor, strategy):
    """The payloads, typed into every form a country's people fill (as a browser posts them)."""
    client.force_login(editor)
    pk = strategy.pk
    assert (
        client.post(
            reverse("strategies:section", args=[pk, "conclusion"]), {"summary": PAYLOAD, "edit_version": 1}
        ).status_code
        == 302
    )
    risk = {"description": PAYLOAD, "likelihood": 3, "impact": 3, "mitigation": PAYLOAD, "owner": PAYLOADS[5]}
    assert client.post(reverse("strategies:part_new", args=[pk, "risks"]), risk).status_code == 302
    segment = {"group": "citizens", "name": PAYLOADS[5][:200], "description": PAYLOAD}
    assert client.post(reverse("strategies:part_new", args=[pk, "segments"]), segment).status_code == 302
    client.post(reverse("strategies:section_comments", args=[pk, "conclusion"]), {"body": PAYLOAD[:4000]})
    rows = list(strategy.assessments.all())
    data = {f"status-{r.pk}": "planned" for r in rows} | {f"version-{r.pk}": r.edit_version for r in rows}
    data[f"evidence-{rows[0].pk}"] = PAYLOAD
    assert client.post(reverse("strategies:assessments", args=[pk]), data).status_code == 302
    factsheet = factsheet_services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="de"
    )
    posted = {"edit_version": 1, "ph-country": PAYLOADS[5], "ph-national_website": PAYLOADS[2], "own-1": "on"}
    posted["text-1"] = PAYLOAD
    assert client.post(reverse("factsheets:edit", args=[factsheet.pk]), posted).status_code == 302
    review_services.strategy_submit(strategy=strategy, user=lead)
    return strategy, factsheet


def test_payloads_are_neutralised_on_every_page_that_shows_them(client, stored, editor, viewer, reviewer):
    strategy, factsheet = stored
    pk = strategy.pk
    snapshot = strategy.snapshots.get()
    pages = {
        editor: [
            reverse("strategies:section", args=[pk, "conclusion"]),
            reverse("strategies:section_history", args=[pk, "conclusion"]),
            reverse("strategies:section_comments", args=[pk, "conclusion"]),
            reverse("strategies:detail", args=[pk]),
            reverse("strategies:parts", args=[pk, "risks"]),
            reverse("strategies:parts", args=[pk, "segments"]),
            reverse("strategies:assessments", args=[pk]),
            reverse("strategies:home"),
            reverse("factsheets:edit", args=[factsheet.pk]),
            reverse("reviews:snapshot", args=[snapshot.pk]),
        ],
        viewer: [reverse("strategies:section", args=[pk, "conclusion"])],  # the read-only view of the text
        reviewer: [
            reverse("reviews:review", args=[Review.objects.get().pk]),
            reverse("reviews:snapshot", args=[snapshot.pk]),
            reverse("comparisons:section", args=["conclusion"]) + "?country=DE",
            reverse("comparisons:risks"),
            reverse("comparisons:audiences"),
        ],
    }
    problems = []
    for user, urls in pages.items():
        client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            problems += [f"{user} {url}: {found}" for found in neutralised(html)]
    client.force_login(editor)
    preview = client.post(reverse("factsheets:preview", args=[factsheet.pk]), {"own-1": "on", "text-1": PAYLOAD})
    problems += [f"preview: {found}" for found in neutralised(preview.content.decode())]
    # A stale save (the factsheet moved on meanwhile) shows the user's own text again: neutralised too.
    factsheet.refresh_from_db()
    conflict = client.post(
        reverse("factsheets:edit", args=[factsheet.pk]),
        {"edit_version": factsheet.edit_version - 1 or 1, "own-1": "on", "text-1": PAYLOAD + "<p>stale</p>"},
    )
    assert conflict.status_code in (302, 409), conflict.status_code
    problems += [f"conflict: {found}" for found in neutralised(conflict.content.decode())]
    assert not problems, "\n".join(problems)


def test_the_text_survives_as_text(client, stored, editor):
    """Neutralised is not deleted: what people wrote stays readable."""
    strategy, _factsheet = stored
    client.force_login(editor)
    page = client.get(reverse("strategies:parts", args=[strategy.pk, "segments"])).content.decode()
    assert "&lt;script&gt;alert(&#x27;XSS6&#x27;)" in page  # a plain-text field shows the characters typed


def test_payloads_are_neutralised_in_the_html_of_every_pdf(stored):
    strategy, factsheet = stored
    snapshot = strategy.snapshots.get()
    documents = {
        "draft": ("pdf/strategy.html", export_services.working_copy_document(strategy)),
        "snapshot": (
            "pdf/strategy.html",
            export_services.strategy_document(
                content=snapshot.data, country=strategy.country, status="submitted", label="In review"
            ),
        ),
        "factsheet": ("pdf/factsheet.html", factsheet_services.factsheet_document(factsheet, final=False)),
    }
    problems = []
    for name, (template, document) in documents.items():
        html = render_to_string(template, {"doc": document})
        problems += [f"{name}: {found}" for found in neutralised(html)]
    assert not problems, "\n".join(problems)


def test_a_stored_payload_written_past_the_forms_is_still_neutralised(client, viewer, strategy):
    """Rows written by the admin or before the sanitiser existed: pages sanitise rich text again."""
    from strategies.models import Conclusion

    Conclusion.objects.filter(strategy=strategy).update(summary=PAYLOAD)
    client.force_login(viewer)
    html = client.get(reverse("strategies:section", args=[strategy.pk, "conclusion"])).content.decode()
    assert not neutralised(html)


# --- The sanitiser itself ---------------------------------------------------------------------------

TAGS = ["p", "div", "a", "script", "img", "svg", "b", "ul", "li", "h1", "style", "iframe", "blockquote", "pre", "x"]
ATTRIBUTES = ["href", "src", "onclick", "onerror", "style", "title", "class", "xlink:href", "rel", "target"]
VALUES = ["javascript:alert(1)", "https://example.org", "mailto:a@b.c", "x", "data:text/html,x", "", '" onmouseover="']

markup = st.recursive(
    st.text(max_size=12),
    lambda inner: st.builds(
        lambda tag, attrs, body: f"<{tag}{''.join(f' {a}={v!r}' for a, v in attrs)}>{body}</{tag}>",
        st.sampled_from(TAGS),
        st.lists(st.tuples(st.sampled_from(ATTRIBUTES), st.sampled_from(VALUES)), max_size=3),
        st.lists(inner, max_size=3).map("".join),
    ),
    max_leaves=12,
)
fragments = st.lists(st.one_of(markup, st.sampled_from(PAYLOADS), st.sampled_from(["<", ">", "&", "</p>", "<p"])))
html_like = fragments.map("".join)

PROPERTIES = hypothesis_settings(max_examples=150, deadline=None, database=None, derandomize=True)


@PROPERTIES
@given(html_like)
def test_sanitising_is_idempotent(value):
    once = sanitize_html(value)
    assert sanitize_html(once) == once


@PROPERTIES
@given(html_like)
def test_the_sanitiser_lets_no_executable_markup_through(value):
    cleaned = sanitize_html(value)
    assert not re.search(r"<(script|img|svg|iframe|style|object|math|base)\b", cleaned, re.I)
    for tag in re.findall(r"<[^>]+>", cleaned):
        names = re.sub(r'"[^"]*"', '""', tag)  # attribute names only: values may hold any text
        assert not re.search(r"\son\w+\s*=", names, re.I), tag
        assert not re.search(r'(href|src)\s*=\s*"\s*(javascript|data):', tag, re.I), tag


@hypothesis_settings(max_examples=30, deadline=None, database=None, derandomize=True)
@given(st.integers(min_value=41, max_value=3000), st.sampled_from(["div", "ul", "blockquote", "b"]))
def test_deep_nesting_is_idempotent_too(depth, tag):
    value = f"<{tag}>" * depth + "words"
    once = sanitize_html(value)
    assert sanitize_html(once) == once and "words" in once


# --- No |safe on people's text ------------------------------------------------------------------------

#: Every place a template marks something safe, and why that is sound. A new `|safe` fails the test below
#: until it is listed here with its reason; people's text must go through `|rich` (the sanitiser) instead.
SAFE_ALLOWED = {
    ("guide/index.html", "texts.purpose.text"): "the guide's own text (guide/content.py), edited only by admins",
    ("guide/index.html", "texts.engagement_definition.text"): "the guide's own text, admins only",
    ("guide/index.html", "texts.introduction.text"): "the guide's own text, admins only",
    ("guide/index.html", "texts.scope.text"): "the guide's own text, admins only",
    ("guide/index.html", "q.answer"): "the guide's key-information answers (guide content), admins only",
    ("guide/index.html", "texts.conclusion.text"): "the guide's own text, admins only",
    ("guide/index.html", "texts.factsheets.text"): "the guide's own text, admins only",
    ("guide/index.html", "texts.branding_guidelines.text"): "the guide's own text, admins only",
    ("guide/index.html", "texts.acknowledgements.text"): "the guide's own text, admins only",
    ("guide/index.html", "texts.contact.text"): "the guide's own text, admins only",
    ("guide/glossary.html", "more.text"): "the guide's own text, admins only",
    ("pdf/strategy.html", "p.html"): "sanitize_html() output (exports.services.strategy_document)",
    ("pdf/strategy.html", "s.contact_text"): "sanitize_html() output (exports.services.strategy_document)",
    ("pdf/factsheet.html", "item.html"): "factsheets.services.resolved(): sanitised text, escaped placeholders",
    ("pdf/comparison.html", "cell"): "sanitize_html() output (exports.services.comparison_document)",
    ("factsheets/_preview.html", "item.html"): "factsheets.services.resolved(): sanitised, escaped",
}
_SAFE = re.compile(r"\{\{\s*([^}|]+?)\s*\|[^}]*\bsafe\b[^}]*\}\}")


def _templates() -> list[Path]:
    return sorted((Path(settings.BASE_DIR) / "templates").rglob("*.html"))


def test_no_template_marks_peoples_text_safe():
    found, problems = set(), []
    for path in _templates():
        relative = str(path.relative_to(Path(settings.BASE_DIR) / "templates"))
        text = path.read_text()
        if re.search(r"\{%\s*autoescape\s+off", text):
            problems.append(f"{relative}: autoescape off")
        for expression in _SAFE.findall(text):
            key = (relative, expression.strip())
            found.add(key)
            if key not in SAFE_ALLOWED:
                problems.append(f"{relative}: {{{{ {expression.strip()}|safe }}}} is not in SAFE_ALLOWED")
    stale = set(SAFE_ALLOWED) - found
    assert not problems, "\n".join(problems)
    assert not stale, f"SAFE_ALLOWED lists what no template does any more: {sorted(stale)}"


def test_python_marks_safe_only_where_listed():
    allowed = {
        "strategies/diffs.py": "html_diff escapes every piece of text it wraps in <ins>/<del>",
        "strategies/templatetags/strategy_tags.py": "the rich filter returns sanitize_html() output",
        "monitoring/charts.py": "the KPI chart's SVG: numbers and dates it formats, every text escaped",
    }
    problems = []
    for path in sorted(Path(settings.BASE_DIR).glob("*/**/*.py")):
        relative = str(path.relative_to(settings.BASE_DIR))
        if relative.startswith((".venv", "tests/")):
            continue
        if re.search(r"\bmark_safe\(|\bSafeString\(|\|safe\b", path.read_text()) and relative not in allowed:
            problems.append(relative)
    assert not problems, f"mark_safe outside the allow-list: {problems}"


def test_a_section_saved_in_the_admin_is_sanitised_and_versioned(client, admin_user, strategy):
    from strategies.models import Conclusion

    section = Conclusion.objects.get(strategy=strategy)
    client.force_login(admin_user)
    url = reverse("admin:strategies_conclusion_change", args=[section.pk])
    data = {"summary": PAYLOADS[0] + "<p>Kept</p>", "base_version": section.edit_version}  # as the form holds it
    assert client.post(url, data).status_code == 302
    section.refresh_from_db()
    assert section.summary == "<p>Kept</p>" and section.edit_version == 2
    assert strategy.revisions.filter(target="section:conclusion", version=2, user=admin_user).exists()
