"""Pages and htmx endpoints of the strategy editor. Views parse input with forms, call one service, and
redirect (or return the partial htmx swaps in). Every object is loaded through the permission helpers."""

from __future__ import annotations

import datetime
import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST

from accounts import policy
from accounts import services as account_services
from accounts.models import CalendarToken
from guide.models import Phase, Preset, SectionPrompt, SectionTemplate
from onemg_planner import params
from onemg_planner.limits import DATE_MAX, DATE_MIN, date_in_range
from strategies import selectors, services
from strategies.calendar import build_feed
from strategies.diffs import html_diff
from strategies.forms import (
    PART_KINDS,
    AssignmentForm,
    CommentForm,
    StrategyDetailsForm,
    TaskFilterForm,
    part_form_class,
    section_form,
)
from strategies.models import (
    SECTION_MODELS,
    SECTIONS_BY_KEY,
    Comment,
    RecommendationAssessment,
    Revision,
    Risk,
    SectionAssignment,
    Strategy,
    Task,
)
from strategies.permissions import (
    can_edit,
    can_manage_team,
    can_read_working_copy,
    can_transition,
    get_strategy_or_404,
    visible_countries,
)
from strategies.richtext import html_as_text, same_html

SECTION_RELATIONS = [model.related_name() for model in SECTION_MODELS]


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def working_copy(request, pk: int, *, edit: bool = False, queryset=None) -> Strategy:
    """The strategy's live draft: 404 unless the user is a member (or admin); 403 for viewers asked to edit."""
    strategy = get_strategy_or_404(request.user, pk, queryset)
    if not can_read_working_copy(request.user, strategy):
        raise Http404
    if edit and not can_edit(request.user, strategy):
        raise PermissionDenied(_("You can read this strategy but not change it."))
    return strategy


def section_key_or_404(key: str) -> str:
    if key not in SECTIONS_BY_KEY:
        raise Http404
    return key


# --- Home and overview -------------------------------------------------------------------------------------


@login_required
def home(request):
    """The user's countries and their strategies, completeness, tasks and sections due soon, recent activity."""
    memberships = policy.memberships_of(request.user)
    country_ids = [m.country_id for m in memberships]
    strategies = list(
        Strategy.objects.for_user(request.user)
        .filter(Q(country__in=country_ids) | Q(status=Strategy.Status.APPROVED))
        .select_related("country", *SECTION_RELATIONS)
        .annotate(open_tasks=Count("tasks", filter=~Q(tasks__status=Task.Status.DONE)))
        .order_by("country__name", "-updated_at")
    )
    mine = [s for s in strategies if s.country_id in country_ids]
    today = timezone.localdate()
    soon = today + datetime.timedelta(days=14)
    my_tasks = (
        Task.objects.filter(owner=request.user, strategy__in=[s.pk for s in mine])
        .open()
        .filter(due__isnull=False, due__lte=soon)
        .select_related("strategy__country")
        .order_by("due")[:20]
    )
    assignments = SectionAssignment.objects.filter(assignee=request.user, strategy__in=[s.pk for s in mine])
    activity = selectors.recent_activity([s.pk for s in mine])
    return render(
        request,
        "strategies/home.html",
        {
            "memberships": memberships,
            "strategies": mine,
            "library": [s for s in strategies if s.country_id not in country_ids],
            "my_tasks": my_tasks,
            "assignments": assignments.select_related("strategy__country").order_by("due"),
            "activity": activity,
            "section_titles": dict(SectionTemplate.objects.values_list("key", "title")),
            "today": today,
            "waiting_reviews": _waiting_reviews(request.user),
            # A lead's country without a strategy yet: the lead starts it from the guide's template.
            "startable": [
                m.country
                for m in memberships
                if can_manage_team(request.user, m.country) and not any(s.country_id == m.country_id for s in mine)
            ],
        },
    )


@login_required
@require_POST
def strategy_start(request, code: str):
    """The country's lead (or an admin) starts its strategy: the twelve sections, the guide's action plan and
    the six recommendations, ready to fill in."""
    country = get_object_or_404(visible_countries(request.user), code=code.upper())
    if not can_manage_team(request.user, country):
        raise PermissionDenied(_("Only the country's lead starts its strategy."))
    existing = Strategy.objects.filter(country=country).order_by("-updated_at").first()
    if existing is None:
        existing = services.strategy_create(
            country=country,
            title=_("%(country)s 1+MG communication and engagement strategy") % {"country": country.name},
            created_by=request.user,
        )
        messages.success(request, _("The strategy is started: every section of the guide's template is ready."))
    return redirect("strategies:detail", pk=existing.pk)


def _waiting_reviews(user) -> int | None:
    if not (user.is_reviewer or user.is_superuser):
        return None
    return Strategy.objects.filter(status=Strategy.Status.SUBMITTED).count()


@login_required
def strategy_detail(request, pk: int):
    strategy = get_strategy_or_404(request.user, pk, Strategy.objects.select_related("country", *SECTION_RELATIONS))
    if not can_read_working_copy(request.user, strategy):
        # Reviewers and other countries read submitted and approved snapshots, never the draft.
        return redirect("reviews:latest", pk=strategy.pk)
    templates = {t.key: t for t in SectionTemplate.objects.prefetch_related("prompts")}
    open_comments = dict(
        Comment.objects.filter(strategy=strategy, parent=None, resolved_at=None)
        .values_list("section_key")
        .annotate(n=Count("id"))
    )
    assignments = {a.section_key: a for a in strategy.assignments.select_related("assignee")}
    reviewed_in, verdicts = selectors.latest_verdicts(strategy)
    sections = [
        {
            "template": templates.get(section.key),
            "section": section,
            "open_comments": open_comments.get(section.key, 0),
            "assignment": assignments.get(section.key),
            "verdict": verdicts.get(section.key),
        }
        for section in strategy.sections()
    ]
    actions = [a for a in strategy.available_actions() if can_transition(request.user, strategy, a)]
    events = list(strategy.events.select_related("user", "snapshot")[:20])
    snapshots = list(strategy.snapshots.select_related("review").order_by("-number")[:10])
    review_comments = Comment.objects.filter(strategy=strategy, from_review=True, parent=None, resolved_at=None).count()
    phases = dict(Phase.choices)
    counts = (
        strategy.tasks.order_by()
        .values("phase")
        .annotate(
            total=Count("id"),
            done=Count("id", filter=Q(status=Task.Status.DONE)),
            overdue=Count("id", filter=Q(due__lt=timezone.localdate()) & ~Q(status=Task.Status.DONE)),
        )
    )
    by_phase = {row["phase"]: row for row in counts}
    tasks_by_phase = [{**by_phase[value], "label": label} for value, label in phases.items() if value in by_phase]
    return render(
        request,
        "strategies/strategy_detail.html",
        {
            "strategy": strategy,
            "sections": sections,
            "can_edit": can_edit(request.user, strategy),
            "can_assign": can_manage_team(request.user, strategy.country),
            "assignment_form": AssignmentForm(strategy=strategy),
            "assessments": strategy.assessments.select_related("recommendation"),
            "tasks_by_phase": tasks_by_phase,
            "part_counts": _part_counts(strategy),
            "actions": actions,
            "events": events,
            "snapshots": snapshots,
            "review_comments": review_comments,
            # Nothing to say about the review (an editor's draft before any submission): no empty card.
            "show_review": bool(
                actions or events or snapshots or review_comments or strategy.status != Strategy.Status.DRAFT
            ),
            "reviewed_in": reviewed_in,
            "needs_changes": [
                item for item in sections if item["verdict"] and item["verdict"].status == "needs_changes"
            ],
        },
    )


@login_required
def strategy_details(request, pk: int):
    """The strategy's title, period and national contact (the PDF's contact page): leads and editors."""
    strategy = working_copy(request, pk, edit=True)
    form = StrategyDetailsForm(request.POST or None, instance=Strategy.objects.get(pk=strategy.pk))
    status, conflict = 200, None
    if request.method == "POST":
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in services.DETAIL_FIELDS}
            result = services.strategy_details_update(
                strategy=strategy, data=data, base_version=form.cleaned_data["edit_version"], user=request.user
            )
            if result.ok:
                messages.success(
                    request,
                    _("Details saved, merged with a colleague's change.") if result.status == "merged" else _("Saved."),
                )
                return redirect(reverse("strategies:detail", args=[strategy.pk]) + "#details")
            # Nothing written: show the saved values, and the user's own in the form to save again.
            conflict = {name: result.theirs.get(name) for name in result.conflicts}
            form = StrategyDetailsForm(request.POST.copy(), instance=result.obj)
            form.data["edit_version"] = result.obj.edit_version
            status = 409
        else:
            status = 422
    context = {"strategy": strategy, "form": form, "conflict": conflict}
    return render(request, "strategies/strategy_details.html", context, status=status)


def _part_counts(strategy: Strategy) -> list[dict]:
    """How many rows each structured part has, in one query whatever the data size."""
    kinds = {kind: model for kind, (model, _fields) in PART_KINDS.items() if kind != "tasks"}
    counts = (
        Strategy.objects.filter(pk=strategy.pk)
        .annotate(
            **{
                f"n_{kind}": Coalesce(
                    Subquery(
                        model.objects.filter(strategy=OuterRef("pk"))
                        .values("strategy")
                        .annotate(n=Count("id"))
                        .values("n")
                    ),
                    0,
                )
                for kind, model in kinds.items()
            }
        )
        .values(*(f"n_{kind}" for kind in kinds))
        .get()
    )
    return [
        {"kind": kind, "label": model._meta.verbose_name_plural, "count": counts[f"n_{kind}"]}
        for kind, model in kinds.items()
    ]


# --- Section editor ------------------------------------------------------------------------------------


def _prompts(key: str) -> dict[str, SectionPrompt]:
    return {p.field: p for p in SectionPrompt.objects.filter(section__key=key)}


@login_required
def section_edit(request, pk: int, key: str):
    strategy = working_copy(request, pk)
    key = section_key_or_404(key)
    section = services.section_for(strategy, key)
    template = SectionTemplate.objects.filter(key=key).first()
    prompts = _prompts(key)
    editable = can_edit(request.user, strategy)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        form = section_form(section, prompts, data=request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in section.prompt_fields}
            result = services.section_update(
                strategy=strategy,
                key=key,
                data=data,
                base_version=form.cleaned_data["edit_version"],
                user=request.user,
            )
            if result.status == "conflict":
                return _conflict(request, strategy, result, prompts, template)
            _tell(request, result)
            return redirect("strategies:section", pk=strategy.pk, key=key)
    else:
        form = section_form(section, prompts)
    reviewed_in, verdicts = selectors.latest_verdicts(strategy)
    # A damaged version number (never sent by our page) is a bad request; other errors are the user's to fix.
    status = 200 if not form.is_bound else 400 if "edit_version" in form.errors else 422
    return render(
        request,
        "strategies/section_form.html",
        {
            "strategy": strategy,
            "section": section,
            "template": template,
            "form": form,
            "editable": editable,
            "sections": SectionTemplate.objects.all(),
            "verdict": verdicts.get(key),
            "reviewed_in": reviewed_in,
        },
        status=status,
    )


def _tell(request, result) -> None:
    if result.status == "merged":
        messages.info(
            request,
            _("Saved. A colleague saved this section while you were editing; both your changes were merged."),
        )
    elif result.status == "saved":
        messages.success(request, _("Saved."))
    else:
        messages.info(request, _("Nothing to save: no changes."))


def _conflict(request, strategy, result, prompts, template):
    """Both versions side by side; the form holds the user's own text on top of the saved version."""
    section = result.obj
    form = section_form(section, prompts, data=None)
    form.initial.update(result.mine)
    form.initial["edit_version"] = section.edit_version
    fields = [
        {
            "name": name,
            "label": prompts[name].prompt if name in prompts else name,
            "theirs": result.theirs.get(name, ""),
            "mine": result.mine.get(name, ""),
            "diff": html_diff(result.theirs.get(name, ""), result.mine.get(name, "")),
        }
        for name in result.conflicts
    ]
    return render(
        request,
        "strategies/section_conflict.html",
        {
            "strategy": strategy,
            "section": section,
            "template": template,
            "form": form,
            "fields": fields,
            "editable": True,
            "unsaved": True,  # the form holds the user's text, not what is saved: keep the browser's copy
        },
        status=409,
    )


@login_required
def section_history(request, pk: int, key: str):
    strategy = working_copy(request, pk)
    key = section_key_or_404(key)
    section = services.section_for(strategy, key)
    revisions = list(
        Revision.objects.filter(strategy=strategy, target=services.section_target(section))
        .select_related("user")
        .order_by("-version")
    )
    by_version = {r.version: r for r in revisions}
    newest = revisions[0].version if revisions else 1
    try:
        new = by_version[int(request.GET.get("b", newest))]
        old = by_version[int(request.GET.get("a", max(new.version - 1, 1)))]
    except (KeyError, ValueError):
        raise Http404 from None
    prompts = _prompts(key)
    diffs = [
        {
            "label": prompts[name].prompt if name in prompts else name,
            "diff": html_diff(old.data.get(name, ""), new.data.get(name, "")),
            "changed": not same_html(old.data.get(name, "") or "", new.data.get(name, "") or ""),
        }
        for name in section.prompt_fields
    ]
    return render(
        request,
        "strategies/section_history.html",
        {
            "strategy": strategy,
            "section": section,
            "template": SectionTemplate.objects.filter(key=key).first(),
            "revisions": revisions,
            "old": old,
            "new": new,
            "diffs": diffs,
            "editable": can_edit(request.user, strategy),
        },
    )


@login_required
@require_POST
def section_restore(request, pk: int, key: str, version: int):
    strategy = working_copy(request, pk, edit=True)
    key = section_key_or_404(key)
    revision = get_object_or_404(Revision, strategy=strategy, target=f"section:{key}", version=version)
    services.section_restore(strategy=strategy, key=key, revision=revision, user=request.user)
    messages.success(request, _("Version %(v)s restored as a new version.") % {"v": version})
    return redirect("strategies:section", pk=strategy.pk, key=key)


@login_required
def section_presence(request, pk: int, key: str):
    """Polled every few seconds by the editor: records the user as present, lists the others."""
    strategy = working_copy(request, pk)
    key = section_key_or_404(key)
    others = services.presence_ping(strategy=strategy, key=key, user=request.user)
    section = services.section_for(strategy, key)
    client_version = params.optional_whole_number(request.GET.get("edit_version"), name="edit_version")
    stale = client_version is not None and client_version < section.edit_version
    return render(request, "includes/presence.html", {"others": others, "section": section, "stale": stale})


@login_required
def section_comments(request, pk: int, key: str):
    strategy = working_copy(request, pk)
    key = section_key_or_404(key)
    form = CommentForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            parent = None
            parent_id = params.optional_whole_number(request.POST.get("parent"), name="parent")
            if parent_id is not None:
                parent = get_object_or_404(Comment, pk=parent_id, strategy=strategy, section_key=key)
            services.comment_add(
                strategy=strategy, key=key, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
            form = CommentForm()
        if not is_htmx(request):
            return redirect(reverse("strategies:section", args=[strategy.pk, key]) + "#comments")
    return _comments_panel(request, strategy, key, form)


def _comments_panel(request, strategy, key, form=None):
    threads = (
        Comment.objects.filter(strategy=strategy, section_key=key, parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related("mentions", "replies__author", "replies__mentions")
        .order_by("resolved_at", "-created_at")
    )
    return render(
        request,
        "includes/comments.html",
        {"strategy": strategy, "key": key, "threads": threads, "form": form or CommentForm()},
    )


@login_required
def mention_candidates(request, pk: int):
    """Who a comment may mention, for the @ autocomplete of the comment box: members of the country."""
    strategy = working_copy(request, pk)
    term = request.GET.get("q", "").strip().lstrip("@")[:50]
    people = selectors.mention_candidates(strategy).exclude(pk=request.user.pk)
    if term:
        people = people.filter(
            Q(username__istartswith=term) | Q(first_name__istartswith=term) | Q(last_name__istartswith=term)
        )
    return JsonResponse(
        {"people": [{"username": u.username, "name": u.get_full_name() or u.username} for u in people[:8]]}
    )


@login_required
@require_POST
def comment_toggle(request, pk: int, comment_id: int, action: str):
    strategy = working_copy(request, pk)
    comment = get_object_or_404(Comment, pk=comment_id, strategy=strategy)
    if action == "resolve":
        services.comment_resolve(comment=comment, user=request.user)
    else:
        services.comment_reopen(comment=comment, user=request.user)
    if not is_htmx(request):
        return redirect(reverse("strategies:section", args=[strategy.pk, comment.section_key]) + "#comments")
    return _comments_panel(request, strategy, comment.section_key)


@login_required
@require_POST
def section_assign(request, pk: int, key: str):
    strategy = working_copy(request, pk)
    key = section_key_or_404(key)
    if not can_manage_team(request.user, strategy.country):
        raise PermissionDenied(_("Only the country's lead assigns sections."))
    form = AssignmentForm(request.POST, strategy=strategy)
    if form.is_valid():
        services.section_assign(
            strategy=strategy,
            key=key,
            assignee=form.cleaned_data["assignee"],
            due=form.cleaned_data["due"],
            assigned_by=request.user,
        )
        messages.success(request, _("Assignment saved."))
    else:
        messages.error(request, _("The assignment was not saved: %(errors)s") % {"errors": form.errors.as_text()})
    return redirect(reverse("strategies:detail", args=[strategy.pk]) + f"#{key}")


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
    return "includes/task_row.html" if kind == "tasks" else "includes/part_row.html"


def _row_context(request, strategy, kind, part, **extra):
    return {
        "today": timezone.localdate(),
        "strategy": strategy,
        "kind": kind,
        "part": part,
        "fields": PART_KINDS[kind][1],
        "editable": can_edit(request.user, strategy),
        **extra,
    }


@login_required
def part_list(request, pk: int, kind: str):
    strategy = working_copy(request, pk)
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
        "editable": can_edit(request.user, strategy),
        "presets": _presets_for(kind),
    }
    if kind == "risks":
        context["matrix"] = _risk_matrix(strategy.risks.all())
    if kind == "content":
        context["month"] = _month_view(request, strategy)
    return render(request, "strategies/part_list.html", context)


def _presets_for(kind: str):
    if kind == "segments":
        return Preset.objects.exclude(kind=Preset.Kind.CHANNEL)
    if kind == "channels":
        return Preset.objects.filter(kind=Preset.Kind.CHANNEL)
    return Preset.objects.none()


def _risk_matrix(risks) -> list[dict]:
    """Rows impact 5→1, columns likelihood 1→5, each cell with its risks and its band."""
    cells: dict[tuple[int, int], list[Risk]] = {}
    for risk in risks:
        cells.setdefault((risk.impact, risk.likelihood), []).append(risk)
    rows = []
    for impact in range(5, 0, -1):
        row = []
        for likelihood in range(1, 6):
            band = Risk(likelihood=likelihood, impact=impact).level
            row.append({"likelihood": likelihood, "risks": cells.get((impact, likelihood), []), "band": band})
        rows.append({"impact": impact, "cells": row})
    return rows


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
def part_new(request, pk: int, kind: str):
    strategy = working_copy(request, pk, edit=True)
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
    template = "includes/part_form.html" if is_htmx(request) else "strategies/part_form_page.html"
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
def part_detail(request, pk: int, kind: str, part_id: int):
    """One row: GET shows it (htmx "cancel"), GET ?edit=1 its form, POST saves it."""
    strategy = working_copy(request, pk)
    _kind_or_404(kind)
    part = get_object_or_404(_part_queryset(strategy, kind), pk=part_id)
    if request.method == "GET" and not request.GET.get("edit"):
        return render(request, _row_template(kind), _row_context(request, strategy, kind, part))
    if not can_edit(request.user, strategy):
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
            return render(request, "includes/part_form.html", context, status=409)
        if result.status == "conflict":
            form = part_form_class(kind)(instance=result.obj, strategy=strategy, initial=dict(result.mine))
            form.initial["edit_version"] = result.obj.edit_version
            context = {**_row_context(request, strategy, kind, result.obj), "form": form, "conflict": result}
            return render(request, "includes/part_form.html", context, status=409)
        # The save landed; a colleague may delete the row right after, so fall back on what was saved.
        part = _part_queryset(strategy, kind).filter(pk=part_id).first() or result.obj
        context = _row_context(request, strategy, kind, part, result=result, fresh=True)
        return render(request, _row_template(kind), context)
    status = _form_status(request, form)
    context = {**_row_context(request, strategy, kind, part), "form": form}
    return render(request, "includes/part_form.html", context, status=status)


@login_required
@require_POST
def part_delete(request, pk: int, kind: str, part_id: int):
    strategy = working_copy(request, pk, edit=True)
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
    return redirect("strategies:parts", pk=strategy.pk, kind=kind)


@login_required
@require_POST
def part_move(request, pk: int, kind: str, part_id: int, direction: str):
    strategy = working_copy(request, pk, edit=True)
    _kind_or_404(kind)
    part = get_object_or_404(_part_queryset(strategy, kind), pk=part_id)
    services.part_move(part=part, offset=-1 if direction == "up" else 1, user=request.user)
    target = "strategies:action_plan" if kind == "tasks" else "strategies:parts"
    if kind == "tasks":
        return redirect(target, pk=strategy.pk)
    if is_htmx(request):
        return part_list(request, pk, kind)
    return redirect(target, pk=strategy.pk, kind=kind)


# --- Action plan --------------------------------------------------------------------------------------


@login_required
def action_plan(request, pk: int):
    strategy = working_copy(request, pk)
    filters = TaskFilterForm(request.GET or None, strategy=strategy)
    tasks = strategy.tasks.select_related("owner", "parent").order_by("position", "id")
    filtered = False
    if filters.is_valid():
        if filters.cleaned_data["owner"]:
            tasks, filtered = tasks.filter(owner=filters.cleaned_data["owner"]), True
        if filters.cleaned_data["status"]:
            tasks, filtered = tasks.filter(status=filters.cleaned_data["status"]), True
        if filters.cleaned_data["overdue"]:
            tasks = tasks.filter(due__lt=timezone.localdate()).exclude(status=Task.Status.DONE)
            filtered = True
    tasks = list(tasks)
    phases = []
    for value, label in Phase.choices:
        in_phase = [t for t in tasks if t.phase == value]
        if filtered:
            groups = [(t, []) for t in in_phase]
        else:
            top = [t for t in in_phase if t.parent_id is None]
            groups = [(t, [c for c in in_phase if c.parent_id == t.pk]) for t in top]
        phases.append({"value": value, "label": label, "groups": groups})
    dated = [t for t in tasks if t.start or t.due]
    timeline = _timeline(dated, strategy)
    return render(
        request,
        "strategies/action_plan.html",
        {
            "strategy": strategy,
            "phases": phases,
            "filters": filters,
            "filtered": filtered,
            "timeline": timeline,
            "today": timezone.localdate(),
            "editable": can_edit(request.user, strategy),
            "fields": PART_KINDS["tasks"][1],
            "view": request.GET.get("view", "table"),
        },
    )


def _timeline(tasks, strategy) -> dict:
    """Bars positioned in percent of the span from the earliest start to the latest due date. Tasks with a
    date outside the planning range (stored before the range existed) are listed, not drawn."""
    outside = [t for t in tasks if not all(date_in_range(d) for d in (t.start, t.due) if d is not None)]
    tasks = [t for t in tasks if t not in outside]
    if not tasks:
        return {"rows": [], "outside": outside}
    starts = [t.start or t.due for t in tasks]
    ends = [t.due or t.start for t in tasks]
    first, last = min(starts), max(ends)
    span = max((last - first).days, 1)
    rows = [
        {
            "task": t,
            "left": round(100 * ((t.start or t.due) - first).days / span, 2),
            "width": max(round(100 * ((t.due or t.start) - (t.start or t.due)).days / span, 2), 1),
        }
        for t in sorted(tasks, key=lambda t: (t.start or t.due, t.pk))
    ]
    # One tick a month for a short plan, one a quarter for a long one, so labels never overlap.
    step = 1 if span <= 400 else 3
    months = []
    month = (first.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    while month <= last:
        if (month.month - 1) % step == 0:
            months.append({"label": month.strftime("%b %Y"), "left": round(100 * (month - first).days / span, 2)})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return {"rows": rows, "months": months, "first": first, "last": last, "outside": outside}


# --- Calendar feed ----------------------------------------------------------------------------------------


@login_required
def calendar_settings(request):
    """The user's private feed link: create, renew (old link stops working) or revoke."""
    if request.method == "POST":
        if request.POST.get("action") == "revoke":
            account_services.calendar_token_revoke(user=request.user)
            messages.success(request, _("Your calendar link is revoked."))
        else:
            account_services.calendar_token_renew(user=request.user)
            messages.success(request, _("Your new calendar link is ready; any older link no longer works."))
        return redirect("strategies:calendar")
    token = CalendarToken.objects.filter(user=request.user).first()
    feed_url = request.build_absolute_uri(reverse("strategies:calendar_feed", args=[token.token])) if token else ""
    return render(request, "strategies/calendar.html", {"feed_url": feed_url})


@cache_control(private=True, no_store=True)  # private data, though no one is signed in
def calendar_feed(request, token: str):
    """Public by design (calendar apps cannot sign in); the unguessable token is the credential."""
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404
    user = found.user
    strategies = Strategy.objects.filter(country__in=visible_countries(user))
    body = build_feed(strategies, request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="onemg-planner.ics"'
    return response


# --- B1MG recommendations checklist -------------------------------------------------------------------


@login_required
def assessments(request, pk: int):
    """How the strategy addresses the six B1MG recommendations: a status and the evidence for each.
    A stale save never loses what the person typed: conflicting rows come back with both versions."""
    strategy = working_copy(request, pk)
    rows = list(strategy.assessments.select_related("recommendation", "updated_by"))
    editable = can_edit(request.user, strategy)
    shown = {
        row.pk: {"status": row.status, "evidence": html_as_text(row.evidence), "version": row.edit_version}
        for row in rows
    }
    conflicts: dict[int, dict] = {}
    status = 200
    if request.method == "POST":
        if not editable:
            raise PermissionDenied
        valid = dict(RecommendationAssessment.Status.choices)
        posted = {
            row.pk: {
                "status": request.POST.get(f"status-{row.pk}", row.status),
                "evidence": request.POST.get(f"evidence-{row.pk}", ""),
                # A damaged version (our page only sends digits) is a 400 that says so; nothing is written.
                "version": params.edit_version(request.POST.get(f"version-{row.pk}")),
            }
            for row in rows
        }
        shown.update(posted)
        if any(v["status"] not in valid for v in posted.values()):
            messages.error(request, _("Choose a status for every recommendation."))
            status = 422
        else:
            status, conflicts, saved_rows = _save_assessments(request, strategy, posted, shown, valid)
            rows = saved_rows or rows
            if status == 200:
                return redirect("strategies:assessments", pk=strategy.pk)
    return render(
        request,
        "strategies/assessments.html",
        {
            "strategy": strategy,
            "rows": [{"obj": row, **shown[row.pk], "conflict": conflicts.get(row.pk)} for row in rows],
            "statuses": RecommendationAssessment.Status.choices,
            "editable": editable,
            "unsaved": status != 200,
        },
        status=status,
    )


def _save_assessments(request, strategy, posted: dict, shown: dict, valid: dict):
    """Save the checklist; (status, conflicts, rows) for the page to show again, status 200 when all landed.
    Rows a colleague changed meanwhile come back with both versions; invalid input saves nothing."""
    try:
        results = services.assessments_update(
            strategy=strategy,
            data={
                pk: {"status": v["status"], "evidence": v["evidence"], "edit_version": v["version"]}
                for pk, v in posted.items()
            },
            user=request.user,
        )
    except ValidationError as error:
        # Nothing was saved (one transaction); the page shows what the user wrote, to correct.
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": " ".join(error.messages)})
        return 422, {}, list(strategy.assessments.select_related("recommendation", "updated_by"))
    conflicts = _assessment_conflicts(results, valid)
    if not conflicts:
        _tell_many(request, results.values())
        return 200, {}, []
    warning = _(
        "A colleague changed %(n)s of these while you were editing. Your text is kept below beside "
        "theirs: check, then save again."
    ) % {"n": len(conflicts)}
    if any(result.status in ("saved", "merged") for result in results.values()):
        warning += " " + _("Your other changes are saved.")
    messages.warning(request, warning)
    rows = list(strategy.assessments.select_related("recommendation", "updated_by"))
    for row in rows:
        if row.pk in conflicts:
            shown[row.pk]["version"] = row.edit_version  # saving again resolves on top of theirs
        else:
            shown[row.pk] = {"status": row.status, "evidence": html_as_text(row.evidence), "version": row.edit_version}
    return 409, conflicts, rows


def _assessment_conflicts(results: dict, labels: dict) -> dict[int, dict]:
    conflicts = {}
    for pk, result in results.items():
        if result.status != "conflict":
            continue
        theirs_text = html_as_text(result.theirs.get("evidence", ""))
        mine_text = html_as_text(result.mine.get("evidence", ""))
        conflicts[pk] = {
            "who": result.obj.updated_by,
            "status": labels.get(result.theirs.get("status"), ""),
            "my_status": labels.get(result.mine.get("status"), ""),
            "status_differs": result.theirs.get("status") != result.mine.get("status"),
            "evidence": theirs_text,
            "diff": html_diff(theirs_text, mine_text),
        }
    return conflicts


def _tell_many(request, results) -> None:
    statuses = {result.status for result in results}
    if "merged" in statuses:
        messages.info(request, _("Saved. A colleague changed some of these meanwhile; both changes were merged."))
    elif "saved" in statuses:
        messages.success(request, _("Saved."))
    else:
        messages.info(request, _("Nothing to save: no changes."))
