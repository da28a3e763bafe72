"""The B1MG recommendations checklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import policy
from core import params
from strategies import services
from strategies.diffs import html_diff
from strategies.models import RecommendationAssessment
from strategies.permissions import working_copy_or_404
from strategies.richtext import html_as_text

# --- B1MG recommendations checklist -------------------------------------------------------------------


@login_required
def assessments(request, pk: int):
    """How the strategy addresses the six B1MG recommendations: a status and the evidence for each.
    A stale save never loses what the person typed: conflicting rows come back with both versions."""
    strategy = working_copy_or_404(request, pk)
    rows = list(strategy.assessments.select_related("recommendation", "updated_by"))
    editable = policy.can_edit(request.user, strategy)
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
