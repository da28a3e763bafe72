"""Progress reports in the review workflow: the country's lead submits (after a confirmation showing what the
report holds) or withdraws; reviewers read the frozen submission, give a verdict per part and approve or
request changes. The same steps as a strategy's review, on the report's own records."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from monitoring.checks import run_checks
from monitoring.forms import ReportSubmitForm
from monitoring.models import REPORT_PARTS, ProgressReport, ReportSubmission, ReportVerdict
from monitoring.permissions import report_or_404
from reviews import report_services


class ReportVerdictForm(forms.Form):
    status = forms.ChoiceField(choices=ReportVerdict.Status.choices)
    comment = forms.CharField(required=False, max_length=5000)


class ReportDecisionForm(forms.Form):
    decision = forms.ChoiceField(choices=ReportSubmission.Decision.choices)
    reason = forms.CharField(required=False, max_length=5000)


@login_required
@require_POST
def report_transition(request, pk: int):
    report = report_or_404(request, pk)
    if not policy.can_read_monitoring(request.user, report.strategy):
        raise Http404
    action = request.POST.get("action", "")
    form = ReportSubmitForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("note", "") if form.is_valid() else ""
    try:
        if action == "submit":
            if not form.cleaned_data.get("confirmed"):
                if "submit" not in report.available_actions() or not policy.can_submit_report(request.user, report):
                    raise PermissionDenied
                return render(
                    request,
                    "monitoring/confirm_report_submit.html",
                    {
                        "report": report,
                        "strategy": report.strategy,
                        "note": note,
                        "checks": run_checks(report.strategy),
                    },
                )
            report_services.report_submit(report=report, user=request.user, note=note)
            messages.success(request, _("Report submitted to the Special Group."))
        elif action == "withdraw":
            report_services.report_withdraw(report=report, user=request.user)
            messages.success(request, _("Report withdrawn: it is a draft again."))
        else:
            messages.error(request, _("Unknown action."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    except PermissionDenied:
        messages.error(request, _("Only the country's lead can do that."))
    return redirect("monitoring:report", pk=report.pk)


def _submission_or_404(request, pk: int) -> ReportSubmission:
    if not policy.can_review_reports(request.user):
        raise Http404
    return get_object_or_404(ReportSubmission.objects.select_related("report__strategy__country", "created_by"), pk=pk)


@login_required
def report_review(request, pk: int):
    submission = _submission_or_404(request, pk)
    report = submission.report
    verdicts = {v.part: v for v in submission.verdicts.all()}
    data = submission.data
    parts = [{"key": key, "label": label, "verdict": verdicts.get(key)} for key, label in REPORT_PARTS]
    return render(
        request,
        "reviews/report_review.html",
        {
            "submission": submission,
            "report": report,
            "data": data,
            "monitoring": data.get("monitoring", {}),
            "parts": parts,
            "reviewed": len(verdicts),
            "can_decide": submission.is_open and policy.can_review_report(request.user, report),
            "earlier": report.submissions.exclude(pk=submission.pk).order_by("-number"),
        },
    )


@login_required
@require_POST
def report_verdict(request, pk: int, part: str):
    submission = _submission_or_404(request, pk)
    form = ReportVerdictForm(request.POST)
    if part not in dict(REPORT_PARTS):
        raise Http404
    if form.is_valid():
        try:
            report_services.report_verdict_set(submission=submission, part=part, user=request.user, **form.cleaned_data)
        except PermissionDenied:
            messages.error(request, _("This review is closed."))
        else:
            messages.success(request, _("Verdict saved."))
    else:
        messages.error(request, _("Choose accepted or needs changes."))
    return redirect(f"{request.path.rsplit('/parts/', 1)[0]}/#part-{part}")


@login_required
@require_POST
def report_decide(request, pk: int):
    submission = _submission_or_404(request, pk)
    form = ReportDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose approve or request changes."))
        return redirect("reviews:report_review", pk=submission.pk)
    try:
        report_services.report_decide(submission=submission, user=request.user, **form.cleaned_data)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("reviews:report_review", pk=submission.pk)
    except PermissionDenied:
        raise Http404 from None
    if form.cleaned_data["decision"] == "approve":
        messages.success(request, _("Report approved: its findings and lessons are now shared with every country."))
    else:
        messages.success(request, _("Changes requested: the country has been told."))
    return redirect("reviews:inbox")


def waiting_reports():
    """Submitted progress reports waiting for a decision, oldest first (for the reviewer inbox)."""
    return (
        ReportSubmission.objects.filter(completed_at__isnull=True, report__status=ProgressReport.Status.SUBMITTED)
        .select_related("report__strategy__country", "created_by")
        .order_by("created_at")
    )
