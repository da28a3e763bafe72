"""Rich text: what the editor may store (sanitize_html) and what a reader sees of it (plain_text).

Every rich text goes through `sanitize_html` on its way into the database, whatever path writes it (views,
htmx, the admin, imports, commands: see each app's services), and again on its way to a page or a PDF
(the `|rich` filter, the print documents), so that rows written before a rule existed cannot slip through.
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import unescape

import nh3
from django.utils.html import escape

from core.limits import HTML_MAX_DEPTH, html_depth

#: What the rich-text editor (Trix) produces: headings, lists, emphasis, quotes and links. Nothing else.
ALLOWED_TAGS = {
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "del",
    "a",
    "blockquote",
    "pre",
}

_TAG = re.compile(r"<[^>]+>")


#: Both functions below are pure functions of their text, asked again and again for the same stored values
#: (every page shows a section's completeness and its rich text, on every request): their results for texts
#: up to this length are remembered per process (bounded: MEMO_ENTRIES of each, at worst about 20 MB each).
MEMO_MAX_CHARS = 10_000
MEMO_ENTRIES = 1024


def plain_text(html: str) -> str:
    """The visible text of a stored rich-text value (tags dropped, entities decoded, spaces folded)."""
    html = html or ""
    return _plain_text_memo(html) if len(html) <= MEMO_MAX_CHARS else _plain_text(html)


def _plain_text(html: str) -> str:
    return " ".join(unescape(_TAG.sub(" ", html)).split())


_plain_text_memo = lru_cache(maxsize=MEMO_ENTRIES)(_plain_text)


def sanitize_html(html: str) -> str:
    """Keep the rich-text editor's formatting (headings, lists, emphasis, links) and nothing else.

    Text nested deeper than the editor ever nests (forms refuse it with a message, see core.limits) keeps
    its words but loses its structure here: parsing it would take time quadratic in the depth, and the PDF
    renderer would fail on it."""
    html = html or ""
    return _sanitize_memo(html) if len(html) <= MEMO_MAX_CHARS else _sanitize(html)


def _sanitize(html: str) -> str:
    if html_depth(html) > HTML_MAX_DEPTH:
        return f"<p>{escape(plain_text(html))}</p>" if plain_text(html) else ""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


_sanitize_memo = lru_cache(maxsize=MEMO_ENTRIES)(_sanitize)
