"""The KPI chart: server-rendered SVG with an accessible name and description, and nobody's text unescaped."""

import datetime
from decimal import Decimal

from monitoring.charts import kpi_chart


def test_the_chart_names_itself_and_describes_every_reading():
    svg = kpi_chart(
        title="Visitors <script>",
        readings=[(datetime.date(2025, 6, 30), Decimal("2000"), "on_track")],
        baseline=Decimal("0"),
        target=Decimal("500000"),
        start=datetime.date(2025, 1, 1),
        end=datetime.date(2026, 12, 31),
        chart_id="kpi-1",
    )
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-labelledby="kpi-1-t kpi-1-d"' in svg
    assert '<title id="kpi-1-t">Visitors &lt;script&gt;</title>' in svg
    assert "30 Jun 2025: 2,000" in svg and "path from 0" in svg
    assert "500k" in svg  # axis labels fit the margin
    assert svg.count("<circle") == 1 and "stroke-dasharray" in svg


def test_no_readings_and_no_path_draws_nothing():
    assert kpi_chart(title="x", readings=[], baseline=None, target=None, start=None, end=None, chart_id="k") == ""
