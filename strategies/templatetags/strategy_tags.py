from django import template

register = template.Library()


@register.filter
def strategy_completeness(strategy) -> int:
    """Average completeness of the twelve template sections (sections must be select_related)."""
    sections = strategy.sections()[:12]
    return round(sum(section.completeness for section in sections) / len(sections))


@register.filter
def field_value(obj, name: str):
    return getattr(obj, name, "")
