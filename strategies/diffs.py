"""Readable differences between two versions of a field, for history pages and the conflict screen."""

from __future__ import annotations

from diff_match_patch import diff_match_patch
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from strategies.merge import split_blocks
from strategies.models import plain_text


def readable(value) -> str:
    """A field's value as text people read: one line per paragraph or list item, no tags."""
    if value is None:
        return ""
    value = str(value)
    if "<" not in value:
        return value
    lines = []
    for block in split_blocks(value.replace("</li>", "</li>\n")):
        lines.extend(plain_text(line) for line in block.split("\n"))
    return "\n".join(line for line in lines if line)


def html_diff(old, new) -> SafeString:
    """The words removed and added between two values, marked with <del> and <ins>."""
    dmp = diff_match_patch()
    diffs = dmp.diff_main(readable(old), readable(new))
    dmp.diff_cleanupSemantic(diffs)
    parts = []
    for op, text in diffs:
        text = escape(text).replace("\n", "<br>")
        if op == dmp.DIFF_INSERT:
            parts.append(f"<ins>{text}</ins>")
        elif op == dmp.DIFF_DELETE:
            parts.append(f"<del>{text}</del>")
        else:
            parts.append(text)
    return mark_safe("".join(parts))  # noqa: S308 - every piece of user text is escaped above
