from django import template

register = template.Library()


@register.filter
def met_count(checks) -> int:
    return sum(1 for check in checks if check.met)
