from django import template

register = template.Library()


@register.filter
def met_count(checks) -> int:
    return sum(1 for check in checks if check.met)


@register.simple_tag
def kpi_chart(item: dict, chart_id: str):
    """The chart of a KPI from plain data (a PDF document or a snapshot: see selectors.readings_content)."""
    import datetime
    from decimal import Decimal

    from monitoring.charts import kpi_chart as draw
    from monitoring.status import parse_number

    def day(text):
        return datetime.date.fromisoformat(text) if text else None

    return draw(
        title=f"{item['metric']}: readings against the path to the target",
        readings=[(day(d), Decimal(v), code) for d, v, code in item.get("readings", [])],
        baseline=parse_number(item.get("baseline")),
        target=parse_number(item.get("target")),
        start=day(item.get("start")),
        end=day(item.get("end")),
        chart_id=f"kpi-chart-{chart_id}",
    )
