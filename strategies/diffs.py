"""Readable differences between two versions of a field, for history pages, the conflict screen and the
reviewers' "what changed" view.

A diff keeps what the text looks like: list items stay bullets (or numbers), headings and paragraphs stay
apart, bold and italic stay bold and italic; the words removed and added are marked with <del> and <ins>.
The values are compared as sequences of styled words (strategies.richtext.styled_words), so turning a word
bold shows as a change of that word. Every piece of user text is escaped here; only our own tags are
written around it.
"""

from __future__ import annotations

from diff_match_patch import diff_match_patch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from strategies.richtext import LINE_BREAK, Block, Word, styled_words

_OP_TAG = {diff_match_patch.DIFF_INSERT: "ins", diff_match_patch.DIFF_DELETE: "del"}
_BLOCK_TAG = {"p": "p", "h": "p", "quote": "blockquote", "pre": "pre"}


def _encode(items: list, table: dict) -> str:
    # diff-match-patch compares characters: give each distinct block marker or styled word one character,
    # from the supplementary planes (no surrogates, room for a million distinct words).
    return "".join(table.setdefault(item, chr(0x10000 + len(table))) for item in items)


class _Writer:
    """Writes the diffed items as HTML: blocks opened lazily (a block with no words is not written),
    consecutive list items grouped into one list, runs of equally styled words in one element."""

    def __init__(self):
        self.out: list[str] = []
        self.pending: tuple[str, int] | None = None  # the block (kind, op) to open when its first word comes
        self.block: str | None = None  # the open block's kind
        self.list: str | None = None  # the open list ("ul"/"ol")
        self.run: tuple | None = None  # (op, strong, em, struck) of the open run
        self.run_text: list[str] = []

    def start_block(self, kind: str, op: int) -> None:
        self.flush_run()
        self.pending = (kind, op)

    def _open_pending(self) -> None:
        if self.pending is None and self.block is None:
            self.pending = ("p", diff_match_patch.DIFF_EQUAL)
        if self.pending is None:
            return
        (kind, op), self.pending = self.pending, None
        self.close_block()
        # A block that is new in the second version (a paragraph turned into a bullet, say) is marked too.
        classes = " ".join(c for c in ("diff-heading" if kind == "h" else "", "diff-new-block" if op == 1 else "") if c)
        attrs = f' class="{classes}"' if classes else ""
        if kind in ("ul", "ol"):
            if self.list != kind:
                self.close_list()
                self.out.append(f"<{kind}>")
                self.list = kind
            self.out.append(f"<li{attrs}>")
        else:
            self.close_list()
            self.out.append(f"<{_BLOCK_TAG[kind]}{attrs}>")
        self.block = kind

    def word(self, op: int, word: Word) -> None:
        self._open_pending()
        key = (op, word.strong, word.em, word.struck)
        if key != self.run:
            self.flush_run()
            self.run = key
        self.run_text.append("<br>" if word == LINE_BREAK else escape(word.text))

    def flush_run(self) -> None:
        if self.run is None:
            return
        op, strong, em, struck = self.run
        html = "".join(self.run_text)
        if struck:
            html = f"<s>{html}</s>"
        if em:
            html = f"<em>{html}</em>"
        if strong:
            html = f"<strong>{html}</strong>"
        if op in _OP_TAG:
            html = f"<{_OP_TAG[op]}>{html}</{_OP_TAG[op]}>"
        self.out.append(html)
        self.run, self.run_text = None, []

    def close_block(self) -> None:
        self.flush_run()
        if self.block is None:
            return
        self.out.append("</li>" if self.block in ("ul", "ol") else f"</{_BLOCK_TAG[self.block]}>")
        self.block = None

    def close_list(self) -> None:
        if self.list is not None:
            self.out.append(f"</{self.list}>")
            self.list = None

    def html(self) -> str:
        self.close_block()
        self.close_list()
        return "".join(self.out)


def html_diff(old, new) -> SafeString:
    """The words removed and added between two values, marked with <del> and <ins>, in their formatting."""
    table: dict = {}
    a, b = _encode(styled_words(old), table), _encode(styled_words(new), table)
    items = {char: item for item, char in table.items()}
    dmp = diff_match_patch()
    diffs = dmp.diff_main(a, b, checklines=False)
    dmp.diff_cleanupSemantic(diffs)
    writer = _Writer()
    for op, chars in diffs:
        for char in chars:
            item = items[char]
            if isinstance(item, Block):
                writer.start_block(item.kind, op)
            else:
                writer.word(op, item)
    return mark_safe(writer.html())  # noqa: S308 - user text is escaped in _Writer.word, tags are our own
