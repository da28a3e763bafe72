"""Home, starting a strategy, its overview and its details."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core.pagecache import cached_page
from guide.models import Phase, SectionTemplate
from strategies import selectors, services
from strategies.forms import PART_KINDS, AssignmentForm, StrategyDetailsForm, WorkflowForm
from strategies.models import SectionAssignment, Strategy, Task
from strategies.permissions import get_strategy_or_404, working_copy_or_404
from strategies.views.common import SECTION_RELATIONS

# --- Home and overview -------------------------------------------------------------------------------------


@login_required
@cached_page
def home(request):
    """The user's countries and their strategies, completeness, tasks and sections due soon, recent activity."""
    memberships = policy.memberships(request.user)
    country_ids = [m.country_id for m in memberships]
    mine, library = selectors.home_strategies(request.user, country_ids)
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
            "library": library,
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
                if policy.can_manage_team(request.user, m.country)
                and not any(s.country_id == m.country_id for s in mine)
            ],
        },
    )


@login_required
@require_POST
def strategy_start(request, code: str):
    """The country's lead (or an admin) starts its strategy: the twelve sections, the guide's action plan and
    the six recommendations, ready to fill in."""
    country = get_object_or_404(policy.visible_countries(request.user), code=code.upper())
    if not policy.can_manage_team(request.user, country):
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
    if not policy.can_use_review_pages(user):
        return None
    return Strategy.objects.filter(status=Strategy.Status.SUBMITTED).count()


@login_required
@cached_page
def strategy_detail(request, pk: int):
    strategy = get_strategy_or_404(request.user, pk, Strategy.objects.select_related("country", *SECTION_RELATIONS))
    if not policy.can_read_working_copy(request.user, strategy):
        # Reviewers and other countries read submitted and approved snapshots, never the draft.
        return redirect("reviews:latest", pk=strategy.pk)
    can_assign = policy.can_manage_team(request.user, strategy.country)
    members = list(AssignmentForm(strategy=strategy).fields["assignee"].queryset) if can_assign else []
    sections, review_comments, reviewed_in = selectors.overview_sections(strategy, known_users=members)
    if can_assign:
        for row in sections:
            row["assignment_form"] = _assignment_form(strategy, row["section"].key, row["assignment"], members)
    actions = [a for a in strategy.available_actions() if policy.can_transition(request.user, strategy, a)]
    events = list(
        strategy.events.select_related("user", "snapshot").defer(*selectors.snapshot_content_fields("snapshot__"))[:20]
    )
    snapshots = list(
        strategy.snapshots.select_related("review").defer(*selectors.snapshot_content_fields()).order_by("-number")[:10]
    )
    part_counts, tasks_by_phase = _counts(strategy)
    return render(
        request,
        "strategies/strategy_detail.html",
        {
            "strategy": strategy,
            "sections": sections,
            "can_edit": policy.can_edit(request.user, strategy),
            "can_assign": can_assign,
            "workflow_forms": [WorkflowForm(strategy=strategy, action=action) for action in actions],
            "assessments": strategy.assessments.select_related("recommendation"),
            "tasks_by_phase": tasks_by_phase,
            "part_counts": part_counts,
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
@cached_page
def strategy_details(request, pk: int):
    """The strategy's title, period and national contact (the PDF's contact page): leads and editors."""
    strategy = working_copy_or_404(request, pk, edit=True)
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


def _assignment_form(strategy: Strategy, key: str, assignment, members: list) -> AssignmentForm:
    initial = {"assignee": assignment.assignee_id, "due": assignment.due} if assignment else {}
    return AssignmentForm(strategy=strategy, key=key, members=members, initial=initial)


def _counts(strategy: Strategy) -> tuple[list[dict], list[dict]]:
    """How many rows each structured part has, and the tasks of each phase (done, overdue), in one query
    whatever the data size."""
    kinds = {kind: model for kind, (model, _fields) in PART_KINDS.items() if kind != "tasks"}
    counts, by_phase = selectors.overview_counts(strategy, kinds, today=timezone.localdate())
    part_counts = [
        {"kind": kind, "label": model._meta.verbose_name_plural, "count": counts[kind]} for kind, model in kinds.items()
    ]
    tasks = [{**by_phase[value], "label": label} for value, label in Phase.choices if value in by_phase]
    return part_counts, tasks
