"""Reading numbers out of requests, the same way in every view (return addresses: core.redirects).

Our pages only ever send plain ASCII digits for ids and versions. Anything else ("abc", "1.5", "²", which
Python's str.isdigit() accepts but int() refuses) is a damaged or hand-made request: it gets a 400 that
says what was wrong, and nothing is written.
"""

from __future__ import annotations

import re

from django.core.exceptions import BadRequest
from django.utils.translation import gettext as _

_WHOLE_NUMBER = re.compile(r"[0-9]{1,18}")  # 18 digits always fit a 64-bit database id


class InvalidInput(BadRequest):
    """A request parameter no page of ours sends. The message is shown to the user (see errors.py)."""


def whole_number(value, *, name: str, minimum: int = 1) -> int:
    """`value` as an int of at least `minimum`, or InvalidInput naming the parameter."""
    text = "" if value is None else str(value)
    if not _WHOLE_NUMBER.fullmatch(text) or int(text) < minimum:
        raise InvalidInput(
            _("“%(name)s” must be a whole number of at least %(min)s; this request sent “%(value)s”.")
            % {"name": name, "min": minimum, "value": text[:40]}
        )
    return int(text)


def optional_whole_number(value, *, name: str, minimum: int = 1) -> int | None:
    """Like whole_number, but an absent or empty parameter is None."""
    if value is None or value == "":
        return None
    return whole_number(value, name=name, minimum=minimum)


def edit_version(value) -> int:
    """The version of a section or row that a form was built on (versions start at 1)."""
    return whole_number(value, name="edit_version", minimum=1)


def is_whole_number(value, *, minimum: int = 1) -> bool:
    text = "" if value is None else str(value)
    return bool(_WHOLE_NUMBER.fullmatch(text)) and int(text) >= minimum
