"""Presentation built once, for the pages and the PDFs alike: the risk bands and the 5×5 risk matrix, the
action plan's phases (from guide.models.Phase, never typed again) with each sub-task under its parent, and
the geometry of a timeline (where a bar starts and how long it is, in percent of the plan's span).

The functions take plain values (a risk's likelihood and impact, a task's phase and parent, its dates), so the
same code serves the working copy's model instances (strategies' pages) and a frozen snapshot's content
(exports' PDFs, comparisons): the callers say how to read their rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from core.limits import date_in_range
from guide.models import Phase

T = TypeVar("T")

#: The risk scale (likelihood and impact are each scored 1 to 5).
RISK_SCALE = range(1, 6)
#: The usual 5×5 matrix bands: a score (likelihood × impact) of at least HIGH is high, of at least MEDIUM
#: medium, anything below low.
HIGH, MEDIUM = 15, 6


def risk_score(likelihood: Any, impact: Any) -> int:
    """likelihood × impact, or 0 when either is missing or not a number (an older snapshot's row)."""
    try:
        return int(likelihood or 0) * int(impact or 0)
    except (TypeError, ValueError):
        return 0


def risk_band(score: int) -> str:
    """ "high", "medium" or "low" for a risk score."""
    return "high" if score >= HIGH else "medium" if score >= MEDIUM else "low"


def risk_grid(items: Iterable[T], *, likelihood: Callable[[T], Any], impact: Callable[[T], Any]) -> list[dict]:
    """The 5×5 matrix: rows impact 5 → 1 (the worst at the top), columns likelihood 1 → 5, each cell with its
    band and the items placed in it (`entries`, in the order given)."""
    cells: dict[tuple[Any, Any], list[T]] = {}
    for item in items:
        cells.setdefault((impact(item), likelihood(item)), []).append(item)
    return [
        {
            "impact": i,
            "cells": [
                {"likelihood": lk, "band": risk_band(i * lk), "entries": cells.get((i, lk), [])} for lk in RISK_SCALE
            ],
        }
        for i in reversed(RISK_SCALE)
    ]


def phases() -> list[tuple[str, str]]:
    """The action plan's phases (value, label), in the guide's order."""
    return [(value, str(label)) for value, label in Phase.choices]


def tasks_by_phase(
    tasks: Sequence[T],
    *,
    phase: Callable[[T], Any],
    key: Callable[[T], Any],
    parent: Callable[[T], Any],
    nested: bool = True,
) -> list[dict]:
    """Each phase with its tasks: `groups` is a list of (task, its sub-tasks) in the order given; with
    `nested=False` (a filtered list) every task stands alone."""
    result = []
    for value, label in phases():
        in_phase = [t for t in tasks if phase(t) == value]
        if not nested:
            groups = [(t, []) for t in in_phase]
        else:
            ids = {key(t) for t in in_phase}
            groups = [(t, [c for c in in_phase if parent(c) == key(t)]) for t in in_phase if parent(t) not in ids]
        result.append({"value": value, "label": label, "groups": groups})
    return result


@dataclass(frozen=True)
class Span:
    """A timeline from `first` to `last`: where a day or a bar sits on it, in percent."""

    first: datetime.date
    last: datetime.date

    @classmethod
    def of(cls, ranges: Iterable[tuple[datetime.date, datetime.date]]) -> Span | None:
        ranges = list(ranges)
        if not ranges:
            return None
        return cls(min(r[0] for r in ranges), max(r[1] for r in ranges))

    @property
    def days(self) -> int:
        return max((self.last - self.first).days, 1)

    def left(self, day: datetime.date, digits: int = 2) -> float:
        return round(100 * (day - self.first).days / self.days, digits)

    def width(self, start: datetime.date, end: datetime.date, *, minimum: float, digits: int = 2) -> float:
        return max(round(100 * (end - start).days / self.days, digits), minimum)


@dataclass(frozen=True)
class TimelineTask:
    """What the action-plan chart needs of a task, whether it is a working copy's row (the page) or a
    snapshot's (the PDF); `source` is handed back on its bar for the caller's own details."""

    source: Any
    key: Any
    title: str
    phase: Any
    parent: Any
    start: datetime.date | None
    due: datetime.date | None
    status: str

    @classmethod
    def of(cls, task) -> TimelineTask:
        """From a strategies.models.Task."""
        return cls(task, task.pk, task.title, task.phase, task.parent_id, task.start, task.due, task.status)


def _month_labels(span: Span) -> list[dict]:
    """One label a month for a short plan, one a quarter for a long one, so labels never overlap."""
    step = 1 if span.days <= 400 else 3
    months = []
    month = (span.first.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    while month <= span.last:
        if (month.month - 1) % step == 0:
            months.append({"label": month.strftime("%b %Y"), "left": span.left(month, digits=1)})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return months


def _year_ticks(span: Span) -> list[dict]:
    """A tick at the start of the plan, at every new year and (unless a year label is close) at its end."""
    ticks = [{"label": span.first.strftime("%b %Y"), "left": 0.0, "anchor": "start"}]
    for year in range(span.first.year + 1, span.last.year + 1):
        left = span.left(datetime.date(year, 1, 1), digits=1)
        if 0 < left < 100:
            ticks.append({"label": str(year), "left": left, "anchor": "end" if left > 92 else "start"})
    if ticks[-1]["left"] < 80:
        ticks.append({"label": span.last.strftime("%b %Y"), "left": 100.0, "anchor": "end"})
    return ticks


def task_timeline(tasks: Sequence[TimelineTask]) -> dict:
    """The action-plan chart, built once for the page and the PDF: a bar per dated task in percent of the
    plan's span (from the first of the earliest month to the latest date), in the order of the phase tables
    (sub-tasks right under their parent). `rows` has a heading row ({"phase": label}) before each phase's
    bars, `bars` the bars alone; `ticks` (years) and `months` label the axis; `outside` lists the tasks
    whose dates lie outside the planning range (stored before the range existed): listed, not drawn."""
    dated = [t for t in tasks if t.start or t.due]
    outside = [t for t in dated if not all(date_in_range(d) for d in (t.start, t.due) if d is not None)]
    ranges = {t.key: (t.start or t.due, max(t.start or t.due, t.due or t.start)) for t in dated if t not in outside}
    result = {"rows": [], "bars": [], "ticks": [], "months": [], "outside": [t.source for t in outside]}
    if not ranges:
        return result
    first = min(r[0] for r in ranges.values())
    span = Span(first.replace(day=1), max(r[1] for r in ranges.values()))
    grouped = tasks_by_phase(tasks, phase=lambda t: t.phase, key=lambda t: t.key, parent=lambda t: t.parent)
    for group in grouped:
        in_chart = [t for top, subs in group["groups"] for t in (top, *subs) if t.key in ranges]
        if in_chart:
            result["rows"].append({"phase": group["label"]})
        for task in in_chart:
            start, end = ranges[task.key]
            bar = {
                "task": task.source,
                "title": task.title,
                "sub": bool(task.parent),
                "status": task.status,
                "left": span.left(start, digits=1),
                "width": span.width(start, end, minimum=0.8, digits=1),
            }
            result["rows"].append(bar)
            result["bars"].append(bar)
    result.update(ticks=_year_ticks(span), months=_month_labels(span), first=span.first, last=span.last)
    return result
