"""Structured parts (htmx: add, edit, delete, reorder in place) and the content calendar's month view."""

from __future__ import annotations

import datetime
import re
from operator import attrgetter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core import params
from core.limits import DATE_MAX, DATE_MIN
from core.pagecache import cached_page
from core.redirects import redirect_next
from guide.models import Phase, Preset
from strategies import presenters, services
from strategies.forms import PART_KINDS, part_form_class
from strategies.permissions import working_copy_or_404
from strategies.views.common import is_htmx

# --- Structured parts (htmx: add, edit, delete, reorder in place) ---------------------------------------


def _kind_or_404(kind: str):
    if kind not in PART_KINDS:
        raise Http404
    return PART_KINDS[kind]


def _part_queryset(strategy, kind):
    model, _fields = PART_KINDS[kind]
    related = [f.name for f in model._meta.concrete_fields if f.is_relation and f.name not in {"strategy"}]
    return model.objects.filter(strategy=strategy).select_related(*related)


def _row_template(kind: str) -> str:
    return "includes/_task_row.html" if kind == "tasks" else "includes/_part_row.html"


def _row_context(request, strategy, kind, part, **extra):
    return {
        "today": timezone.localdate(),
        "strategy": strategy,
        "kind": kind,
        "part": part,
        "fields": PART_KINDS[kind][1],
        "editable": policy.can_edit(request.user, strategy),
        **extra,
    }


@login_required
@cached_page
def part_list(request, pk: int, kind: str):
    strategy = working_copy_or_404(request, pk)
    model, fields = _kind_or_404(kind)
    if kind == "tasks":
        return redirect("strategies:action_plan", pk=strategy.pk)
    page = Paginator(_part_queryset(strategy, kind), 100).get_page(request.GET.get("page"))
    context = {
        "strategy": strategy,
        "kind": kind,
        "model_name": model._meta.verbose_name,
        "title": model._meta.verbose_name_plural,
        "page": page,
        "fields": fields,
        "editable": policy.can_edit(request.user, strategy),
        "presets": _presets_for(kind),
    }
    if kind == "risks":
        context["matrix"] = presenters.risk_grid(
            strategy.risks.all(), likelihood=attrgetter("likelihood"), impact=attrgetter("impact")
        )
    if kind == "content":
        context["month"] = _month_view(request, strategy)
    return render(request, "strategies/part_list.html", context)


def _presets_for(kind: str):
    if kind == "segments":
        return Preset.objects.exclude(kind=Preset.Kind.CHANNEL)
    if kind == "channels":
        return Preset.objects.filter(kind=Preset.Kind.CHANNEL)
    return Preset.objects.none()


_MONTH = re.compile(r"(\d{4})-(\d{1,2})", re.ASCII)


def _month_view(request, strategy) -> dict:
    today = timezone.localdate()
    first = today.replace(day=1)
    asked = _MONTH.fullmatch(request.GET.get("month", ""))
    if asked and 1 <= int(asked[2]) <= 12:
        candidate = datetime.date(int(asked[1]), int(asked[2]), 1)
        # Any other month falls back to this one: the calendar shows the planning range only.
        if DATE_MIN <= candidate <= DATE_MAX:
            first = candidate
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    items = list(
        strategy.content_items.filter(planned_date__gte=first, planned_date__lt=following).select_related("channel")
    )
    start = first - datetime.timedelta(days=first.weekday())
    weeks = []
    day = start
    while day < following or day.weekday() != 0:
        week = []
        for _i in range(7):
            week.append(
                {
                    "date": day,
                    "in_month": day.month == first.month,
                    "items": [i for i in items if i.planned_date == day],
                }
            )
            day += datetime.timedelta(days=1)
        weeks.append(week)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    return {
        "first": first,
        "weeks": weeks,
        "previous": f"{previous.year}-{previous.month:02}" if previous >= DATE_MIN else "",
        "next": f"{following.year}-{following.month:02}" if following <= DATE_MAX else "",
    }


@login_required
@cached_page
def part_new(request, pk: int, kind: str):
    strategy = working_copy_or_404(request, pk, edit=True)
    model, _fields = _kind_or_404(kind)
    form_class = part_form_class(kind)
    initial = {}
    preset = params.optional_whole_number(request.GET.get("preset"), name="preset")
    if preset:
        preset = get_object_or_404(Preset, pk=preset)
        initial["name"] = preset.name
        initial["preset"] = preset.pk  # the row stays linked to the guide's example unless the user changes it
        if preset.kind in ("citizens", "professionals"):
            initial["group"] = preset.kind
    if kind == "tasks":
        initial.update(_task_initial(request, strategy))
    form = form_class(request.POST or None, strategy=strategy, initial=initial)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in PART_KINDS[kind][1]}
        part = services.part_create(model=model, strategy=strategy, user=request.user, **values)
        if is_htmx(request):
            return render(request, _row_template(kind), _row_context(request, strategy, kind, part, fresh=True))
        messages.success(request, _("Added."))
        return redirect("strategies:parts", pk=strategy.pk, kind=kind)
    template = "includes/_part_form.html" if is_htmx(request) else "strategies/part_form_page.html"
    status = _form_status(request, form)
    return render(request, template, {**_row_context(request, strategy, kind, None), "form": form}, status=status)


def _task_initial(request, strategy) -> dict:
    """ "Add task" under a phase starts in that phase; "Add sub-task" under a task starts inside it."""
    initial = {}
    phase = request.GET.get("phase", "")
    if phase in Phase.values:
        initial["phase"] = phase
    parent = request.GET.get("parent", "")
    if params.is_whole_number(parent):
        task = strategy.tasks.filter(pk=int(parent), parent__isnull=True).first()
        if task is not None:
            initial.update(parent=task.pk, phase=task.phase)
    return initial


def _form_status(request, form) -> int:
    """200 for a form to fill; 422 for one to correct; 400 when its version number (which only our pages
    send) is damaged."""
    if request.method != "POST":
        return 200
    return 400 if "edit_version" in form.errors else 422


@login_required
@cached_page
def part_detail(request, pk: int, kind: str, part_id: int):
    """One row: GET shows it (htmx "cancel"), GET ?edit=1 its form, POST saves it."""
    strategy = working_copy_or_404(request, pk)
    _kind_or_404(kind)
    part = get_object_or_404(_part_queryset(strategy, kind), pk=part_id)
    if request.method == "GET" and not request.GET.get("edit"):
        return render(request, _row_template(kind), _row_context(request, strategy, kind, part))
    if not policy.can_edit(request.user, strategy):
        raise PermissionDenied
    form = part_form_class(kind)(request.POST or None, instance=part, strategy=strategy)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in PART_KINDS[kind][1] if name in form.changed_data}
        form_version = form.cleaned_data["edit_version"]
        result = services.part_update(part=part, data=data, base_version=form_version, user=request.user)
        if result.deleted:
            # Offer the user's values as a new row: nothing they typed is lost.
            form = part_form_class(kind)(strategy=strategy, initial=dict(result.mine))
            context = {**_row_context(request, strategy, kind, None), "form": form, "deleted": True}
            return render(request, "includes/_part_form.html", context, status=409)
        if result.status == "conflict":
            form = part_form_class(kind)(instance=result.obj, strategy=strategy, initial=dict(result.mine))
            form.initial["edit_version"] = result.obj.edit_version
            context = {**_row_context(request, strategy, kind, result.obj), "form": form, "conflict": result}
            return render(request, "includes/_part_form.html", context, status=409)
        # The save landed; a colleague may delete the row right after, so fall back on what was saved.
        part = _part_queryset(strategy, kind).filter(pk=part_id).first() or result.obj
        context = _row_context(request, strategy, kind, part, result=result, fresh=True)
        return render(request, _row_template(kind), context)
    status = _form_status(request, form)
    context = {**_row_context(request, strategy, kind, part), "form": form}
    return render(request, "includes/_part_form.html", context, status=status)


@login_required
@require_POST
def part_delete(request, pk: int, kind: str, part_id: int):
    strategy = working_copy_or_404(request, pk, edit=True)
    _kind_or_404(kind)
    part = get_object_or_404(_part_queryset(strategy, kind), pk=part_id)
    version = params.edit_version(request.POST.get("edit_version"))
    result = services.part_delete(part=part, base_version=version, user=request.user)
    if result.status == "conflict":
        if is_htmx(request):
            context = _row_context(request, strategy, kind, result.obj, delete_conflict=True)
            return render(request, _row_template(kind), context, status=409)
        messages.error(request, _("Not deleted: a colleague changed it in the meantime. Check their change first."))
    elif is_htmx(request):
        return HttpResponse("")
    elif result.status == "saved":
        messages.success(request, _("Deleted “%(title)s”.") % {"title": result.obj})
    if kind == "tasks":  # the action plan's Delete buttons post the page (with its filters) to come back to
        return redirect_next(request, reverse("strategies:action_plan", args=[strategy.pk]))
    return redirect("strategies:parts", pk=strategy.pk, kind=kind)


@login_required
@require_POST
def part_move(request, pk: int, kind: str, part_id: int, direction: str):
    strategy = working_copy_or_404(request, pk, edit=True)
    _kind_or_404(kind)
    part = get_object_or_404(_part_queryset(strategy, kind), pk=part_id)
    services.part_move(part=part, offset=-1 if direction == "up" else 1, user=request.user)
    target = "strategies:action_plan" if kind == "tasks" else "strategies:parts"
    if kind == "tasks":
        return redirect(target, pk=strategy.pk)
    if is_htmx(request):
        return part_list(request, pk, kind)
    return redirect(target, pk=strategy.pk, kind=kind)
