"""strategies/content.py: the frozen content built in one place, read as dataclasses (older snapshots included)."""

from __future__ import annotations

from strategies import services
from strategies.content import Row, StrategyContent, strategy_content
from strategies.models import Risk


def test_a_strategy_round_trips_into_typed_content(strategy):
    services.part_create(model=Risk, strategy=strategy, description="Low turnout", likelihood=3, impact=4)
    content = StrategyContent.from_dict(strategy_content(strategy))
    assert content.title == strategy.title and content.country == strategy.country.name
    risk = content.rows("risks")[0]
    assert isinstance(risk, Row) and risk.text("description") == "Low turnout"
    assert (risk.value("likelihood"), risk.value("impact")) == (3, 4)
    assert content.row("risks", risk.id) == risk
    assert "purpose" in content.section("introduction")
    assert [a.number for a in content.assessments] == list(range(1, 7))


def test_an_older_snapshot_without_newer_keys_reads_as_empty():
    content = StrategyContent.from_dict({"title": "Old", "parts": {"risks": [{"id": 1, "fields": {}}]}})
    assert content.title == "Old" and content.period == "" and content.assessments == []
    row = content.rows("risks")[0]
    assert row.text("description") == "" and row.value("likelihood") is None
    assert content.rows("tasks") == [] and content.section("conclusion") == {}
    assert StrategyContent.from_dict(None) == StrategyContent()
