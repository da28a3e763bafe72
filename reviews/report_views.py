"""Progress reports in the review workflow: the country's lead submits (after a confirmation showing what the
report holds) or withdraws; reviewers read the frozen submission, give a verdict per part and approve or
request changes. The same steps as a strategy's review, on the report's own records."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from monitoring.checks import run_checks
from monitoring.forms import ReportTransitionForm
from monitoring.models import REPORT_PARTS, ProgressReport, ReportSubmission
from monitoring.permissions import report_or_404
from reviews import report_services
from reviews.forms import ReportDecisionForm, ReportVerdictForm


def _confirm_report_submit(request, report: ProgressReport, note: str):
    if "submit" not in report.available_actions() or not policy.can_submit_report(request.user, report):
        raise PermissionDenied
    form = ReportTransitionForm(initial={"note": note}, report=report, action="submit", confirm=True)
    context = {"report": report, "strategy": report.strategy, "form": form, "checks": run_checks(report.strategy)}
    return render(request, "monitoring/confirm_report_submit.html", context)


def _report_step(request, report: ProgressReport, action: str, note: str):
    if action == "submit":
        report_services.report_submit(report=report, user=request.user, note=note)
        messages.success(request, _("Report submitted to the Special Group."))
    else:
        report_services.report_withdraw(report=report, user=request.user)
        messages.success(request, _("Report withdrawn: it is a draft again."))


@login_required
@require_POST
def report_transition(request, pk: int):
    report = report_or_404(request, pk)
    if not policy.can_read_monitoring(request.user, report.strategy):
        raise Http404
    form = ReportTransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Unknown action."))
        return redirect("monitoring:report", pk=report.pk)
    action, note = form.cleaned_data["action"], form.cleaned_data["note"]
    try:
        if action == "submit" and not form.cleaned_data["confirmed"]:
            return _confirm_report_submit(request, report, note)
        _report_step(request, report, action, note)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("Only the country's lead can do that."))
    return redirect("monitoring:report", pk=report.pk)


def _submission_or_404(request, pk: int) -> ReportSubmission:
    if not policy.can_review_reports(request.user):
        raise Http404
    return get_object_or_404(ReportSubmission.objects.select_related("report__strategy__country", "created_by"), pk=pk)


def _report_review_page(request, submission: ReportSubmission, decision_form=None, verdict_form=None, status=200):
    report = submission.report
    verdicts = {v.part: v for v in submission.verdicts.all()}
    can_decide = submission.is_open and policy.can_review_report(request.user, report)
    parts = [{"key": key, "label": label, "verdict": verdicts.get(key), "form": None} for key, label in REPORT_PARTS]
    for part in parts if can_decide else []:
        kept = verdict_form is not None and verdict_form.key == part["key"]
        part["form"] = (
            verdict_form
            if kept
            else ReportVerdictForm(submission=submission, part=(part["key"], part["label"]), verdict=part["verdict"])
        )
    context = {
        "submission": submission,
        "report": report,
        "data": submission.data,
        "monitoring": submission.data.get("monitoring", {}),
        "parts": parts,
        "reviewed": len(verdicts),
        "can_decide": can_decide,
        "decision_form": decision_form or ReportDecisionForm(submission=submission),
        "earlier": report.submissions.exclude(pk=submission.pk).order_by("-number"),
    }
    return render(request, "reviews/report_review.html", context, status=status)


@login_required
def report_review(request, pk: int):
    return _report_review_page(request, _submission_or_404(request, pk))


@login_required
@require_POST
def report_verdict(request, pk: int, part: str):
    submission = _submission_or_404(request, pk)
    if part not in dict(REPORT_PARTS):
        raise Http404
    form = ReportVerdictForm(request.POST, submission=submission, part=(part, dict(REPORT_PARTS)[part]))
    if not form.is_valid():  # the page again, the comment kept
        messages.error(request, _("Choose accepted or needs changes."))
        return _report_review_page(request, submission, verdict_form=form, status=400)
    try:
        report_services.report_verdict_set(submission=submission, part=part, user=request.user, **form.cleaned_data)
    except PermissionDenied:
        messages.error(request, _("This review is closed."))
    else:
        messages.success(request, _("Verdict saved."))
    return redirect(reverse("reviews:report_review", args=[submission.pk]) + f"#part-{part}")


@login_required
@require_POST
def report_decide(request, pk: int):
    submission = _submission_or_404(request, pk)
    form = ReportDecisionForm(request.POST, submission=submission)
    if not form.is_valid():  # the page again, with what was typed and what is missing
        messages.error(request, _("Choose approve or request changes."))
        return _report_review_page(request, submission, decision_form=form, status=400)
    try:
        report_services.report_decide(submission=submission, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reviews:report_review", pk=submission.pk)
    except PermissionDenied:
        raise Http404 from None
    if form.cleaned_data["decision"] == ReportSubmission.Decision.APPROVE:
        messages.success(request, _("Report approved: its findings and lessons are now shared with every country."))
    else:
        messages.success(request, _("Changes requested: the country has been told."))
    return redirect("reviews:inbox")
