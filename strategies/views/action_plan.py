"""The action plan: tasks by phase, filters and the timeline."""

from __future__ import annotations

import datetime
from operator import attrgetter

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts import policy
from core.limits import date_in_range
from strategies import presenters, selectors
from strategies.forms import PART_KINDS, TaskFilterForm
from strategies.permissions import working_copy_or_404

# --- Action plan --------------------------------------------------------------------------------------


@login_required
def action_plan(request, pk: int):
    strategy = working_copy_or_404(request, pk)
    filters = TaskFilterForm(request.GET or None, strategy=strategy)
    criteria = filters.criteria()
    tasks = selectors.plan_tasks(strategy, **criteria)
    filtered = bool(criteria)
    phases = presenters.tasks_by_phase(
        tasks, phase=attrgetter("phase"), key=attrgetter("pk"), parent=attrgetter("parent_id"), nested=not filtered
    )
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
            "editable": policy.can_edit(request.user, strategy),
            "fields": PART_KINDS["tasks"][1],
            "view": filters.chosen_view(),
        },
    )


def _timeline(tasks, strategy) -> dict:
    """Bars positioned in percent of the span from the earliest start to the latest due date. Tasks with a
    date outside the planning range (stored before the range existed) are listed, not drawn."""
    outside = [t for t in tasks if not all(date_in_range(d) for d in (t.start, t.due) if d is not None)]
    tasks = [t for t in tasks if t not in outside]
    if not tasks:
        return {"rows": [], "outside": outside}
    span = presenters.Span.of((t.start or t.due, t.due or t.start) for t in tasks)
    first, last = span.first, span.last
    rows = [
        {
            "task": t,
            "left": span.left(t.start or t.due),
            "width": span.width(t.start or t.due, t.due or t.start, minimum=1),
        }
        for t in sorted(tasks, key=lambda t: (t.start or t.due, t.pk))
    ]
    # One tick a month for a short plan, one a quarter for a long one, so labels never overlap.
    step = 1 if span.days <= 400 else 3
    months = []
    month = (first.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    while month <= last:
        if (month.month - 1) % step == 0:
            months.append({"label": month.strftime("%b %Y"), "left": span.left(month)})
        month = (month + datetime.timedelta(days=32)).replace(day=1)
    return {"rows": rows, "months": months, "first": first, "last": last, "outside": outside}
