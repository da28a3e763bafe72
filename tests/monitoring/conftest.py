import datetime

import pytest

from strategies import services as strategy_services
from strategies.models import KPI, Objective, Risk
from tests.factories import make_strategy


@pytest.fixture
def running(db):
    """Germany's strategy over 2025–2026 with an objective, a numeric KPI and a risk."""
    strategy = make_strategy("DE", period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2026, 12, 31))
    objective = strategy_services.part_create(model=Objective, strategy=strategy, title="Raise awareness")
    kpi = strategy_services.part_create(
        model=KPI,
        strategy=strategy,
        objective=objective,
        metric="Monthly visitors",
        baseline="1,000",
        target="5,000 by end of 2026",
        method="Web analytics",
        frequency="monthly",
    )
    risk = strategy_services.part_create(
        model=Risk, strategy=strategy, description="Rumours", likelihood=2, impact=3, mitigation="FAQ", owner="Lead"
    )
    return {"strategy": strategy, "objective": objective, "kpi": kpi, "risk": risk}
