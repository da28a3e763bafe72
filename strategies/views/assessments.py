"""The B1MG recommendations checklist."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import policy
from core.pagecache import cached_page
from strategies import selectors, services
from strategies.diffs import html_diff
from strategies.forms import AssessmentForm
from strategies.models import RecommendationAssessment
from strategies.permissions import working_copy_or_404
from strategies.richtext import html_as_text

# --- B1MG recommendations checklist -------------------------------------------------------------------


@login_required
@cached_page
def assessments(request, pk: int):
    """How the strategy addresses the six B1MG recommendations: a status and the evidence for each.
    A stale save never loses what the person typed: conflicting rows come back with both versions."""
    strategy = working_copy_or_404(request, pk)
    rows = selectors.assessments(strategy)
    editable = policy.can_edit(request.user, strategy)
    if request.method == "POST" and not editable:
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    forms = [
        AssessmentForm(data, assessment=row, editable=editable, initial=AssessmentForm.initial_for(row)) for row in rows
    ]
    status, conflicts = 200, {}
    if data is not None:
        if [form for form in forms if not form.is_valid()]:  # every form validated: each shows its errors
            messages.error(request, _("Choose a status for every recommendation."))
            status = 422
        else:
            status, conflicts, forms = _save_assessments(request, strategy, forms)
            if status == 200:
                return redirect("strategies:assessments", pk=strategy.pk)
    context = {
        "strategy": strategy,
        "rows": [
            {"obj": form.assessment, "form": form, "conflict": conflicts.get(form.assessment.pk)} for form in forms
        ],
        "editable": editable,
        "unsaved": status != 200,
    }
    return render(request, "strategies/assessments.html", context, status=status)


def _save_assessments(request, strategy, forms: list[AssessmentForm]):
    """Save the checklist; (status, conflicts, forms) for the page to show again, status 200 when all landed.
    Rows a colleague changed meanwhile come back with both versions; invalid input saves nothing."""
    posted = {
        form.assessment.pk: {
            "status": form.cleaned_data["status"],
            "evidence": form.cleaned_data["evidence"],
            "edit_version": form.cleaned_data["version"],
        }
        for form in forms
    }
    try:
        results = services.assessments_update(strategy=strategy, data=posted, user=request.user)
    except ValidationError as error:
        # Nothing was saved (one transaction); the page shows what the user wrote, to correct.
        messages.error(request, _("Nothing was saved: %(errors)s") % {"errors": " ".join(error.messages)})
        return 422, {}, forms
    conflicts = _assessment_conflicts(results, dict(RecommendationAssessment.Status.choices))
    if not conflicts:
        _tell_many(request, results.values())
        return 200, {}, forms
    warning = _(
        "A colleague changed %(n)s of these while you were editing. Your text is kept below beside "
        "theirs: check, then save again."
    ) % {"n": len(conflicts)}
    if any(result.status in ("saved", "merged") for result in results.values()):
        warning += " " + _("Your other changes are saved.")
    messages.warning(request, warning)
    return (
        409,
        conflicts,
        [_form_after_save(row, posted[row.pk], row.pk in conflicts) for row in selectors.assessments(strategy)],
    )


def _form_after_save(row: RecommendationAssessment, posted: dict, conflict: bool) -> AssessmentForm:
    """A saved row shows what is stored; a conflicting one keeps what the person typed, on top of the
    colleague's version (saving again resolves the conflict)."""
    initial = AssessmentForm.initial_for(row)
    if conflict:
        initial |= {"status": posted["status"], "evidence": posted["evidence"]}
    return AssessmentForm(assessment=row, editable=True, mine=conflict, initial=initial)


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
