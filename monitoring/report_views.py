"""Progress reports while they are drafted (the review steps are in reviews/report_views.py), and the lessons
learnt they carry into the strategy's next version."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from monitoring import selectors, services
from monitoring.forms import LessonLinkForm, ReportEditForm, ReportNewForm, ReportTransitionForm
from monitoring.models import REPORT_PARTS, Lesson
from monitoring.permissions import monitored_strategy, report_or_404
from monitoring.views import _context

# --- Progress reports --------------------------------------------------------------------------------


@login_required
@require_POST
def report_new(request, pk: int):
    strategy = monitored_strategy(request, pk, record=True)
    form = ReportNewForm(request.POST)
    if form.is_valid():
        report = services.report_create(strategy=strategy, user=request.user, **form.cleaned_data)
        messages.success(request, _("Report drafted from the monitoring data: add your findings and lessons."))
        return redirect("monitoring:report", pk=report.pk)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect(reverse("monitoring:overview", args=[strategy.pk]) + "#reports")


def _saved(request, report, form: ReportEditForm) -> bool:
    """Save the valid form through the one service; a stale version or a refusal becomes the form's error."""
    data = form.cleaned_data
    fields = {key: data[key] for key in ("title", "findings", "lessons", "refresh")}
    try:
        services.report_update(report=report, user=request.user, base_version=data["edit_version"], **fields)
    except services.StaleReport as error:
        form.add_error(None, str(error))
    except ValidationError as error:
        form.add_error(None, error)
    else:
        return True
    return False


def _report_page(request, report, form: ReportEditForm, editable: bool):
    submissions = selectors.submissions_of(report)
    may_submit = policy.can_submit_report(request.user, report)
    actions = report.available_actions() if may_submit else []
    context = {
        "report": report,
        "strategy": report.strategy,
        "data": report.data,
        "lessons": report.lessons.all(),
        "member": policy.can_read_monitoring(request.user, report.strategy),
        "editable": editable,
        "form": form,
        "can_submit": may_submit,
        "transition_forms": [ReportTransitionForm(report=report, action=action) for action in actions],
        "submissions": submissions,
        "last_decided": next((s for s in submissions if s.decision), None),
        "parts": dict(REPORT_PARTS),
    }
    return render(request, "monitoring/report.html", context, status=422 if form.is_bound and form.errors else 200)


@login_required
def report_detail(request, pk: int):
    report = report_or_404(request, pk)
    editable = report.is_editable and policy.can_record_monitoring(request.user, report.strategy)
    lessons = "\n".join(lesson.text for lesson in report.lessons.all())
    initial = {"title": report.title, "findings": report.findings, "lessons": lessons}
    form = ReportEditForm(initial={**initial, "edit_version": report.edit_version})
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(_("This report cannot be changed now."))
        form = ReportEditForm(request.POST)
        if form.is_valid() and _saved(request, report, form):
            messages.success(request, _("Report saved."))
            return redirect("monitoring:report", pk=report.pk)
    return _report_page(request, report, form, editable)


@login_required
@require_POST
def report_delete(request, pk: int):
    report = report_or_404(request, pk)
    if not policy.can_record_monitoring(request.user, report.strategy):
        raise PermissionDenied
    try:
        services.report_delete(report=report, user=request.user)
    except services.StaleReport as error:
        messages.error(request, str(error))
        return redirect("monitoring:report", pk=report.pk)
    messages.success(request, _("Draft report deleted."))
    return redirect(reverse("monitoring:overview", args=[report.strategy_id]) + "#reports")


# --- Lessons learnt into the next version --------------------------------------------------------------


@login_required
def lessons(request, pk: int):
    strategy = monitored_strategy(request, pk)
    items = selectors.lessons_for_next_version(strategy)
    for lesson in items:
        lesson.form = LessonLinkForm(initial={"section": lesson.changed_section}, prefix=f"l{lesson.pk}")
    return render(request, "monitoring/lessons.html", _context(request, strategy, lessons=items))


@login_required
@require_POST
def lesson_link(request, pk: int, lesson_id: int):
    strategy = monitored_strategy(request, pk, record=True)
    lesson = get_object_or_404(
        Lesson.objects.select_related("report__strategy"),
        pk=lesson_id,
        report__strategy=strategy,
        report__status="approved",
    )
    form = LessonLinkForm(request.POST, prefix=f"l{lesson.pk}")
    if form.is_valid():
        services.lesson_link(lesson=lesson, section_key=form.cleaned_data["section"], user=request.user)
        messages.success(request, _("Lesson linked.") if form.cleaned_data["section"] else _("Link removed."))
    else:
        messages.error(request, _("Choose one of the sections."))
    return redirect(reverse("monitoring:lessons", args=[strategy.pk]) + f"#lesson-{lesson.pk}")
