"""Status of a KPI reading against its target: the one rule, written out where the monitoring page shows it.

The path: a KPI moves from its baseline (at the start of the strategy's period) to its target (at the end)
in a straight line, so on any date between them an expected value lies on that line (before the start it
is the baseline, after the end the target). A reading's gap is how far it is behind or ahead of that
expected value, as a share of the whole way from baseline to target (so "10 %" means a tenth of the way):

- on track: behind by less than AT_RISK_GAP (or level, or ahead);
- at risk: behind by AT_RISK_GAP up to OFF_TRACK_GAP;
- off track: behind by OFF_TRACK_GAP or more.

A KPI whose target is lower than its baseline (fewer complaints, less misinformation) is behind when its
reading is above the line. A KPI whose baseline or target is not a number, whose target equals its
baseline, or whose strategy has no period gets no status, with the reason.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

#: Behind the path by this share of the way or more: at risk.
AT_RISK_GAP = Decimal("0.10")
#: Behind the path by this share of the way or more: off track.
OFF_TRACK_GAP = Decimal("0.25")

ON_TRACK, AT_RISK, OFF_TRACK, NO_STATUS = "on_track", "at_risk", "off_track", "no_status"
LABELS = {ON_TRACK: "On track", AT_RISK: "At risk", OFF_TRACK: "Off track", NO_STATUS: "No status"}

_NUMBER = re.compile(r"[-+]?\d+(?:\.\d+)?")
#: A year written as people write years (no thousands separator): "by end of 2027", "early 2025".
_YEAR = re.compile(r"(?<![\d.,])(?:19\d\d|20\d\d|2100)(?![\d]|[.,]\d)")
#: A year after a word that makes it a date ("by 2027", "end of 2026"): never the value, even alone.
_DATED_YEAR = re.compile(
    r"\b(?:by|in|of|from|since|until|till|before|after|early|late|mid|end|during)\s+(?:the\s+)?(?:19\d\d|20\d\d|2100)\b",
    re.IGNORECASE,
)


def _numbers(text: str) -> list[str]:
    # Thousands separators between digit groups ("5,000", "2 000"); a lone comma is a decimal comma ("0,5").
    text = re.sub(r"(?<=\d)[ ,](?=\d{3}(?!\d))", "", text)
    return _NUMBER.findall(text.replace(",", "."))


def parse_number(text: str | None) -> Decimal | None:
    """The number in a baseline or target as people write them: "12 %", "5,000", "2 000 visits", "0.5",
    "10,000 a month by end of 2027" (a year beside another number is a date, not the value). None when
    there is no number, or more than one that is not a year ("from 10 to 20")."""
    if text is None:
        return None
    cleaned = str(text).strip().replace("\u00a0", " ").replace("\u202f", " ")
    cleaned = _DATED_YEAR.sub(" ", cleaned)
    found = _numbers(cleaned)
    if len(found) != 1:
        found = _numbers(_YEAR.sub(" ", cleaned))
    if len(found) != 1:
        return None
    try:
        return Decimal(found[0])
    except InvalidOperation:  # pragma: no cover - the pattern only matches valid decimals
        return None


@dataclass(frozen=True)
class Status:
    code: str
    expected: Decimal | None = None
    gap: Decimal | None = None  # positive: behind the path, as a share of the way
    reason: str = ""

    @property
    def label(self) -> str:
        return _(LABELS[self.code])


def expected_value(
    baseline: Decimal, target: Decimal, start: datetime.date, end: datetime.date, on: datetime.date
) -> Decimal:
    """The value on the straight path from baseline (at `start`) to target (at `end`) on date `on`."""
    if on <= start:
        return baseline
    if on >= end or end <= start:
        return target
    share = Decimal((on - start).days) / Decimal((end - start).days)
    return baseline + (target - baseline) * share


def status_of(
    *,
    baseline: str,
    target: str,
    value: Decimal | None,
    on: datetime.date | None,
    start: datetime.date | None,
    end: datetime.date | None,
) -> Status:
    """The status of a reading `value` taken on `on`, for a KPI going from `baseline` to `target` over the
    strategy's period `start`–`end` (the rule is in this module's docstring)."""
    base, goal = parse_number(baseline), parse_number(target)
    if base is None:
        return Status(NO_STATUS, reason=_("The baseline is not a single number."))
    if goal is None:
        return Status(NO_STATUS, reason=_("The target is not a single number."))
    if goal == base:
        return Status(NO_STATUS, reason=_("The target equals the baseline, so there is no path to follow."))
    if start is None or end is None or end <= start:
        return Status(NO_STATUS, reason=_("The strategy has no period (start and end) to spread the target over."))
    if value is None or on is None:
        return Status(NO_STATUS, reason=_("No reading yet."))
    expected = expected_value(base, goal, start, end, on)
    way = goal - base  # negative for a KPI meant to go down
    gap = (expected - Decimal(value)) / way
    if gap >= OFF_TRACK_GAP:
        code = OFF_TRACK
    elif gap >= AT_RISK_GAP:
        code = AT_RISK
    else:
        code = ON_TRACK
    return Status(code, expected=expected, gap=gap)
