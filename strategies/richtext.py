"""Reading the rich text the editor (Trix) produces: as plain text, as a canonical form to tell whether two
values say the same thing, and as a stream of styled words for diffs.

Values are already sanitized (core.html.sanitize_html) when they get here; the parser only ever reads them,
and every piece of text that leaves this module is plain text, never markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser

_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|pre)\s*>", re.I)
_SPACE = re.compile(r"[\s\u00a0]+")

BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre"}
LIST_TAGS = {"ul", "ol"}
# What the editor writes for what another source (the demo data, an import, an older editor) wrote.
_EQUIVALENT = {"p": "div", "b": "strong", "i": "em", "h2": "div", "h3": "div", "h4": "div", "h5": "div", "h6": "div"}
_DROPPED = {"u", "span", "font"}  # the editor has no underline; these carry no meaning it keeps


def html_as_text(html: str) -> str:
    """The text of a stored value, one line per paragraph or line break, entities decoded (for a textarea)."""
    if not html:
        return ""
    text = html.replace("\r\n", "\n")
    if "<" not in text and "&" not in text:
        return text
    text = unescape(_TAG.sub("", _BREAK.sub("\n", text)))
    return text.strip("\n")


class _Canonical(HTMLParser):
    """Tokens of a value as the editor would hold it; loose text at the top level is put in a block, as the
    editor does when it loads it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []
        self.depth = 0  # how many block or list elements are open
        self.implicit = False  # a block opened for loose top-level text

    def _inline(self) -> None:
        if self.depth == 0 and not self.implicit:
            self.tokens.append(("start", "div"))
            self.implicit = True

    def _close_implicit(self) -> None:
        if self.implicit:
            self.tokens.append(("end", "div"))
            self.implicit = False

    def handle_starttag(self, tag, attrs):
        tag = _EQUIVALENT.get(tag, tag)
        if tag in _DROPPED:
            return
        if tag in BLOCK_TAGS or tag in LIST_TAGS:
            if self.depth == 0:
                self._close_implicit()
            self.depth += 1
            self.tokens.append(("start", tag))
            return
        self._inline()
        if tag == "br":
            self.tokens.append(("br",))
        elif tag == "a":
            self.tokens.append(("start", "a", dict(attrs).get("href") or ""))
        else:
            self.tokens.append(("start", tag))

    def handle_endtag(self, tag):
        tag = _EQUIVALENT.get(tag, tag)
        if tag in _DROPPED or tag == "br":
            return
        if tag in BLOCK_TAGS or tag in LIST_TAGS:
            self.depth = max(self.depth - 1, 0)
        self.tokens.append(("end", tag))

    def handle_data(self, data):
        text = _SPACE.sub(" ", data)
        if not text:
            return
        if self.depth == 0 and not self.implicit and not text.strip():
            return  # whitespace between top-level blocks
        self._inline()
        if self.tokens and self.tokens[-1][0] == "text":
            self.tokens[-1] = ("text", self.tokens[-1][1] + text)
        else:
            self.tokens.append(("text", text))

    def close(self):
        super().close()
        self._close_implicit()


_INLINE = {"a", "strong", "em", "del"}


def _is_edge(token: tuple | None) -> bool:
    """Whether spaces next to `token` are invisible: at the start or end of a block, or beside a break."""
    return token is None or token[0] == "br" or (token[0] in ("start", "end") and token[1] not in _INLINE)


def canonical_html(html: str) -> tuple:
    """A form of `html` in which two values the editor shows the same way are equal: paragraphs and
    divs, bold and strong, spacing, link attributes and empty paragraphs do not count."""
    html = (html or "").strip()
    if html and "<" not in html:
        html = "<div>" + html.replace("\r\n", "\n").replace("\n", "<br>") + "</div>"
    parser = _Canonical()
    parser.feed(html)
    parser.close()
    tokens = parser.tokens
    trimmed: list[tuple] = []
    for index, token in enumerate(tokens):
        if token[0] == "text":
            text = token[1]
            if _is_edge(trimmed[-1] if trimmed else None):
                text = text.lstrip()
            if _is_edge(tokens[index + 1] if index + 1 < len(tokens) else None):
                text = text.rstrip()
            if text:
                trimmed.append(("text", text))
        else:
            trimmed.append(token)
    # Empty elements, and a line break that ends a block (how the editor keeps an empty last line), are
    # invisible; removing one can empty its parent, so repeat until nothing changes.
    changed = True
    while changed:
        changed, result = False, []
        for token in trimmed:
            if token[0] == "end" and result and result[-1] == ("br",):
                result.pop()
                changed = True
            if token[0] == "end" and result and result[-1][0] == "start" and result[-1][1] == token[1]:
                result.pop()
                changed = True
                continue
            result.append(token)
        trimmed = result
    return tuple(trimmed)


def same_html(a: str, b: str) -> bool:
    """Whether two rich-text values read the same (see canonical_html)."""
    if a == b:
        return True
    return canonical_html(a) == canonical_html(b)


# --- Styled words, for diffs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """The start of a paragraph, heading, quote or list item (with the kind of list it is in)."""

    kind: str  # "p", "h", "quote", "pre", "ul", "ol"


@dataclass(frozen=True)
class Word:
    text: str  # a word or the spaces between words, plain text
    strong: bool = False
    em: bool = False
    struck: bool = False


LINE_BREAK = Word("\n")


class _Words(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.items: list[Block | Word] = []
        self.lists: list[str] = []
        self.styles = {"strong": 0, "em": 0, "del": 0}
        self.open_block = False

    def _block(self, kind: str) -> None:
        self.items.append(Block(kind))
        self.open_block = True

    def handle_starttag(self, tag, attrs):
        tag = {"b": "strong", "i": "em", "s": "del", "strike": "del"}.get(tag, tag)
        if tag in LIST_TAGS:
            self.lists.append(tag)
        elif tag == "li":
            self._block(self.lists[-1] if self.lists else "ul")
        elif tag in {"p", "div"}:
            self._block("p")
        elif tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
            self._block("h")
        elif tag == "blockquote":
            self._block("quote")
        elif tag == "pre":
            self._block("pre")
        elif tag == "br":
            self.items.append(LINE_BREAK)
        elif tag in self.styles:
            self.styles[tag] += 1

    def handle_endtag(self, tag):
        tag = {"b": "strong", "i": "em", "s": "del", "strike": "del"}.get(tag, tag)
        if tag in LIST_TAGS and self.lists:
            self.lists.pop()
        elif tag in self.styles and self.styles[tag]:
            self.styles[tag] -= 1
        elif tag in BLOCK_TAGS:
            self.open_block = False

    def handle_data(self, data):
        if not data.strip() and not self.open_block:
            return  # formatting whitespace between blocks
        if not self.open_block:
            self._block("p")  # loose text between blocks reads as a paragraph of its own
        strong, em, struck = (bool(self.styles[name]) for name in ("strong", "em", "del"))
        for piece in re.findall(r"\s+|[^\s]+", _SPACE.sub(" ", data)):
            self.items.append(Word(piece, strong=strong, em=em, struck=struck))


def styled_words(value) -> list[Block | Word]:
    """A value as blocks and styled words; plain text is one paragraph per line."""
    if value is None:
        return []
    value = str(value)
    if "<" not in value:
        items: list[Block | Word] = []
        for line in value.replace("\r\n", "\n").split("\n"):
            if line.strip():
                items.append(Block("p"))
                items.extend(Word(piece) for piece in re.findall(r"\s+|[^\s]+", line))
        return items
    parser = _Words()
    parser.feed(value)
    parser.close()
    return parser.items
