"""The action plan: tasks by phase, filters and the timeline."""

from __future__ import annotations

from operator import attrgetter

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts import policy
from core.pagecache import cached_page
from strategies import presenters, selectors
from strategies.forms import PART_KINDS, TaskFilterForm
from strategies.permissions import working_copy_or_404

# --- Action plan --------------------------------------------------------------------------------------


@login_required
@cached_page
def action_plan(request, pk: int):
    strategy = working_copy_or_404(request, pk)
    filters = TaskFilterForm(request.GET or None, strategy=strategy)
    criteria = filters.criteria()
    tasks = selectors.plan_tasks(strategy, **criteria)
    filtered = bool(criteria)
    phases = presenters.tasks_by_phase(
        tasks, phase=attrgetter("phase"), key=attrgetter("pk"), parent=attrgetter("parent_id"), nested=not filtered
    )
    # The same chart as the PDF's (built once, in the presenter); the page draws the bars without phase rows.
    timeline = presenters.task_timeline([presenters.TimelineTask.of(t) for t in tasks])
    return render(
        request,
        "strategies/action_plan.html",
        {
            "strategy": strategy,
            "phases": phases,
            "filters": filters,
            "filtered": filtered,
            "timeline": {**timeline, "rows": timeline["bars"]},
            "today": timezone.localdate(),
            "editable": policy.can_edit(request.user, strategy),
            "fields": PART_KINDS["tasks"][1],
            "view": filters.chosen_view(),
        },
    )
