"""What the planner accepts, defined once: the range of dates, the size of each kind of text, how deeply
rich text may nest, and how large a request or an import may be.

Model fields carry these as validators, so every write path honours them (forms, htmx endpoints, the
admin, django-import-export, management commands: they all end in `full_clean()`). The pages that show
stored data use `date_in_range()` to stay up for rows written before these limits existed.

The limits are documented for users in README.md ("Limits").
"""

from __future__ import annotations

import datetime
import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

#: Every date people plan with (strategy periods, task and content dates, due dates) lies in this range.
DATE_MIN = datetime.date(2000, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)

#: One rich-text answer (a prompt of a section, evidence for a recommendation, a factsheet answer), as
#: stored HTML. About 15,000 words: far more than any section of the guide's template needs.
RICH_TEXT_MAX_CHARS = 100_000
#: One plain-text field of a structured row (a segment's needs, a risk's mitigation, …).
ROW_TEXT_MAX_CHARS = 20_000
#: One comment, review comment or reason given for a workflow step.
COMMENT_MAX_CHARS = 5_000
#: A placeholder value of a factsheet (country name, website, timescales).
PLACEHOLDER_MAX_CHARS = 300
#: Rich text nests headings, lists and quotes a few levels deep; deeper nesting is not something the
#: editor produces, and it makes the sanitiser and the PDF renderer slow (quadratic) or fail.
HTML_MAX_DEPTH = 40

#: One request body (settings.DATA_UPLOAD_MAX_MEMORY_SIZE): every field of the largest form at its limit.
REQUEST_MAX_BYTES = 2_500_000
#: An admin import file, and its number of rows.
IMPORT_MAX_BYTES = 2_000_000
IMPORT_MAX_ROWS = 5_000


def template_context(request) -> dict:
    """The limits the pages state and the browser checks before sending (context processor)."""
    return {
        "limits": {
            "request_bytes": REQUEST_MAX_BYTES,
            "request_megabytes": f"{REQUEST_MAX_BYTES / 1_000_000:g}",
            "rich_text_chars": RICH_TEXT_MAX_CHARS,
            "row_text_chars": ROW_TEXT_MAX_CHARS,
            "html_depth": HTML_MAX_DEPTH,
            "date_min": DATE_MIN,
            "date_max": DATE_MAX,
        }
    }


def date_in_range(value: datetime.date | None) -> bool:
    """Whether a stored date is one the pages can lay out (rows from before the limits may not be)."""
    return value is not None and DATE_MIN <= value <= DATE_MAX


def validate_planning_date(value: datetime.date | None) -> None:
    if value is not None and not DATE_MIN <= value <= DATE_MAX:
        raise ValidationError(
            _("Choose a date between %(min)s and %(max)s."),
            code="date_out_of_range",
            params={"min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()},
        )


def _contains_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_contains_nul(k) or _contains_nul(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return any(_contains_nul(v) for v in value)
    return False


def validate_no_nul(value) -> None:
    """Text (or JSON holding text) must not contain NUL characters: PostgreSQL refuses them, and no
    keyboard types them. Django's form fields refuse them too; this covers every other path."""
    if _contains_nul(value):
        raise ValidationError(_("Null characters are not allowed."), code="null_characters_not_allowed")


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset(
    "area base br col embed hr img input link meta param source track wbr".split()  # noqa: SIM905
)


def html_depth(html: str) -> int:
    """How deeply the elements of `html` nest, in one linear pass (no parser: a parser is what deep
    nesting makes slow). Unclosed tags count as open, so malformed input errs on the deep side."""
    depth = deepest = 0
    for match in _TAG.finditer(html or ""):
        closing, name, self_closing = match.group(1), match.group(2).lower(), match.group(3)
        if name in _VOID or self_closing:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


def validate_html_depth(value: str) -> None:
    if html_depth(value) > HTML_MAX_DEPTH:
        raise ValidationError(
            _(
                "This text nests formatting (lists, quotes, blocks) more than %(max)s levels deep. "
                "Flatten the lists or quotes and save again."
            ),
            code="too_deep",
            params={"max": HTML_MAX_DEPTH},
        )


@deconstructible
class MaxCharsValidator(MaxLengthValidator):
    """MaxLengthValidator with a message that says the limit in words people use."""

    message = _("This text is too long: %(show_value)s characters, the limit is %(limit_value)s.")

    def __call__(self, value):
        length = self.clean(value)
        if self.compare(length, self.limit_value):
            params = {
                "limit_value": number_format(self.limit_value, force_grouping=True),
                "show_value": number_format(length, force_grouping=True),
                "value": value,
            }
            raise ValidationError(self.message, code=self.code, params=params)


def rich_text_validators() -> list:
    return [MaxCharsValidator(RICH_TEXT_MAX_CHARS), validate_html_depth, validate_no_nul]


def row_text_validators() -> list:
    return [MaxCharsValidator(ROW_TEXT_MAX_CHARS), validate_no_nul]
