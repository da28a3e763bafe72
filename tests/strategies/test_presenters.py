"""strategies/presenters.py: the risk bands and matrix, the phases and the timeline geometry, built once for the
pages and the PDFs."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from guide.models import Phase
from strategies import presenters


@pytest.mark.parametrize(("score", "band"), [(1, "low"), (5, "low"), (6, "medium"), (14, "medium"), (15, "high")])
def test_risk_bands(score, band):
    assert presenters.risk_band(score) == band


def test_risk_score_copes_with_missing_values():
    assert presenters.risk_score(3, 4) == 12
    assert presenters.risk_score(None, 4) == 0 and presenters.risk_score("x", 2) == 0


def test_the_grid_puts_each_risk_in_its_cell_worst_at_the_top():
    risks = [SimpleNamespace(likelihood=5, impact=5, name="a"), SimpleNamespace(likelihood=1, impact=5, name="b")]
    grid = presenters.risk_grid(risks, likelihood=lambda r: r.likelihood, impact=lambda r: r.impact)
    assert [row["impact"] for row in grid] == [5, 4, 3, 2, 1]
    top = grid[0]["cells"]
    assert [c["likelihood"] for c in top] == [1, 2, 3, 4, 5]
    assert [r.name for r in top[4]["entries"]] == ["a"] and top[4]["band"] == "high"
    assert [r.name for r in top[0]["entries"]] == ["b"] and top[0]["band"] == "low"
    assert sum(len(c["entries"]) for row in grid for c in row["cells"]) == 2


def test_phases_come_from_the_guide():
    assert presenters.phases() == [(value, str(label)) for value, label in Phase.choices]


def test_tasks_by_phase_put_each_sub_task_under_its_parent():
    tasks = [
        {"id": 1, "phase": "initiate", "parent": None},
        {"id": 2, "phase": "execute", "parent": None},
        {"id": 3, "phase": "initiate", "parent": 1},
        {"id": 4, "phase": "initiate", "parent": None},
    ]
    read = {"phase": lambda t: t["phase"], "key": lambda t: t["id"], "parent": lambda t: t["parent"]}
    grouped = presenters.tasks_by_phase(tasks, **read)
    initiate = grouped[0]["groups"]
    assert [(top["id"], [s["id"] for s in subs]) for top, subs in initiate] == [(1, [3]), (4, [])]
    flat = presenters.tasks_by_phase(tasks, **read, nested=False)
    assert [top["id"] for top, _subs in flat[0]["groups"]] == [1, 3, 4]


def test_a_span_places_days_and_bars_in_percent():
    span = presenters.Span.of([(datetime.date(2026, 1, 1), datetime.date(2026, 1, 11))])
    assert span.days == 10
    assert span.left(datetime.date(2026, 1, 6)) == 50.0
    assert span.width(datetime.date(2026, 1, 1), datetime.date(2026, 1, 1), minimum=1) == 1
    assert presenters.Span.of([]) is None
