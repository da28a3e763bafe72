from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from core.formatting import format_date
from core.html import sanitize_html
from strategies.forms import ReuseForm, TaskDeleteForm
from strategies.services import MENTION

register = template.Library()


@register.filter
def strategy_completeness(strategy) -> int:
    """Average completeness of the twelve template sections (sections must be select_related)."""
    sections = strategy.template_sections()
    return round(sum(section.completeness for section in sections) / len(sections))


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
        return format_date(value)
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


@register.filter
def with_mentions(comment, viewer=None) -> str:
    """A comment's text, escaped, line breaks kept, and every @username it mentions marked as a mention
    (the viewer's own name stands out). Only people recorded as mentioned are marked."""
    mentioned = {user.username: user for user in comment.mentions.all()}
    text = escape(comment.body.replace("\r\n", "\n"))

    def mark(match) -> str:
        name = match.group(1)
        user = mentioned.get(name) or mentioned.get(name.rstrip("."))
        if user is None:
            return match.group(0)
        tail = name[len(user.username) :]
        me = " mention-me" if viewer is not None and user.pk == viewer.pk else ""
        full = escape(user.get_full_name() or user.username)
        return f'<span class="mention{me}" title="{full}">@{escape(user.username)}</span>{tail}'

    if mentioned:
        text = MENTION.sub(mark, text)
    return mark_safe(text.replace("\n", "<br>"))  # noqa: S308 - the body is escaped above, names too


@register.simple_tag(takes_context=True)
def reuse_form(context, snapshot, kind: str, row_id, targets, name: str = "") -> ReuseForm:
    """The "copy to my draft" form of one row of an approved strategy (snapshot_parts.html); `name` (the row's
    first column) names the row on its button for screen readers."""
    request = context.get("request")
    here = request.get_full_path() if request is not None else ""
    return ReuseForm(
        targets=targets, snapshot_id=snapshot.pk, kind=kind, row_id=row_id, next_url=f"{here}#part-{kind}", name=name
    )


@register.simple_tag(takes_context=True)
def task_delete_form(context, task) -> TaskDeleteForm:
    """The Delete button of one task of the action plan (_task_row.html). It brings the person back to the
    action plan as they see it (filters kept); a row re-rendered after an edit goes back to the plain plan."""
    request = context.get("request")
    here = reverse("strategies:action_plan", args=[task.strategy_id])
    match = getattr(request, "resolver_match", None)
    if match is not None and match.view_name == "strategies:action_plan":
        here = request.get_full_path()
    # The action plan counts sub-tasks in its one query (selectors.plan_tasks); a single re-rendered row asks.
    subtasks = getattr(task, "subtask_count", None)
    if subtasks is None:
        subtasks = 0 if task.parent_id else task.subtasks.count()
    return TaskDeleteForm(task=task, subtasks=subtasks, next_url=here)
