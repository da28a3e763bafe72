"""Three-way merge of rich-text fields, paragraph by paragraph.

When two people save the same field from the same base, their edits are combined if they touched
different paragraphs (blocks); if they changed the same paragraph differently, there is a conflict and
nothing is merged: the person sees both versions and decides. Identical edits on both sides are fine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

# A block is one top-level element of the editor's HTML (paragraph, heading, list, quote), or a line of
# plain text: the unit people think of as "a paragraph".
_BLOCK_TAG = re.compile(r"<(p|h[1-6]|ul|ol|blockquote|pre|table|div)\b[^>]*>.*?</\1\s*>", re.S | re.I)


def split_blocks(text: str) -> list[str]:
    text = text or ""
    if "<" not in text:
        return text.split("\n")
    blocks, position = [], 0
    for match in _BLOCK_TAG.finditer(text):
        loose = text[position : match.start()].strip()
        if loose:
            blocks.append(loose)
        blocks.append(match.group(0))
        position = match.end()
    tail = text[position:].strip()
    if tail:
        blocks.append(tail)
    return blocks


def join_blocks(blocks: list[str], html: bool) -> str:
    return ("" if html else "\n").join(blocks)


@dataclass(frozen=True)
class _Change:
    start: int
    end: int
    replacement: tuple[str, ...]


def _changes(base: list[str], other: list[str]) -> list[_Change]:
    matcher = SequenceMatcher(a=base, b=other, autojunk=False)
    return [_Change(i1, i2, tuple(other[j1:j2])) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def _clash(a: _Change, b: _Change) -> bool:
    if a == b:
        return False
    if a.start == b.start:
        return True  # both edit or insert at the same place
    if a.start == a.end:  # a inserts strictly inside the range b replaces
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def merge_blocks(base: list[str], mine: list[str], theirs: list[str]) -> list[str] | None:
    """Merge two edits of `base`; None when they change the same block differently."""
    ours, others = _changes(base, mine), _changes(base, theirs)
    for a in ours:
        for b in others:
            if _clash(a, b):
                return None
    combined = {(c.start, c.end, c.replacement): c for c in [*ours, *others]}.values()
    result = list(base)
    for change in sorted(combined, key=lambda c: (c.start, c.end), reverse=True):
        result[change.start : change.end] = change.replacement
    return result


_CONFLICT = object()


def merge_value(base, mine, theirs):
    """Three-way merge of one field: the merged value, or CONFLICT. Text merges paragraph by paragraph;
    any other value (a date, a number, a choice) merges only when one side left it alone."""
    if mine in (theirs, base):
        return theirs
    if theirs == base:
        return mine
    if not all(isinstance(v, str) for v in (base, mine, theirs)):
        return _CONFLICT
    merged = merge_blocks(split_blocks(base), split_blocks(mine), split_blocks(theirs))
    if merged is None:
        return _CONFLICT
    return join_blocks(merged, html="<" in (mine + theirs + base))


CONFLICT = _CONFLICT


@dataclass
class MergeResult:
    values: dict  # the merged value of every field; the saved ("theirs") value where they conflict
    conflicts: list[str]  # fields changed on both sides in the same place
    merged_fields: list[str]  # fields where both sides' edits were combined

    @property
    def ok(self) -> bool:
        return not self.conflicts


def merge_fields(base: dict, mine: dict, theirs: dict) -> MergeResult:
    """Merge every field of `mine` against `base` and `theirs` (dicts of field name to value)."""
    values, conflicts, merged_fields = {}, [], []
    for name in mine:
        b, m, t = base.get(name), mine.get(name), theirs.get(name)
        result = merge_value(b, m, t)
        if result is CONFLICT:
            conflicts.append(name)
            values[name] = t
            continue
        values[name] = result
        if m != b and t != b and m != t:
            merged_fields.append(name)
    return MergeResult(values, conflicts, merged_fields)
