from django import template
from django.utils.formats import date_format
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from strategies.services import sanitize_html

register = template.Library()


@register.filter
def strategy_completeness(strategy) -> int:
    """Average completeness of the twelve template sections (sections must be select_related)."""
    sections = strategy.template_sections()
    return round(sum(section.completeness for section in sections) / len(sections))


@register.filter
def field_value(obj, name: str):
    return getattr(obj, name, "")


@register.filter
def display(obj, name: str) -> str:
    """A field of a row as people read it: choice labels, related names, dates, yes/no."""
    field = obj._meta.get_field(name)
    if field.choices:
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, name)
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if hasattr(value, "strftime"):
        return date_format(value, "j M Y")
    return str(value)


@register.filter
def rich(value) -> SafeString:
    """Stored rich text, sanitised again on its way to the page: what the editor saved is sanitised already,
    but rows written by other paths (the admin, old data, snapshots) must not rely on that."""
    return mark_safe(sanitize_html(value or ""))  # noqa: S308 - the sanitiser's output is the allow-list


@register.filter
def label(model_or_obj, name: str) -> str:
    return model_or_obj._meta.get_field(name).verbose_name


@register.filter
def get_item(mapping, key):
    return mapping.get(key)
