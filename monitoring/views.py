"""Monitoring pages of a strategy: KPI readings with status and charts, the action plan in execution, risk
reviews, success stories, progress reports (drafting; the review steps are in reviews/report_views.py),
lessons learnt for the next version, panel review links, and what every country shares."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from core import params
from core.pagecache import cached_page
from monitoring import selectors, services, status
from monitoring.checks import run_checks
from monitoring.forms import (
    DeleteForm,
    PanelLinkForm,
    ReadingForm,
    ReportNewForm,
    RiskPickForm,
    RiskReviewForm,
    StoryForm,
    TaskStatusForm,
)
from monitoring.models import KPIReading, PanelLink, SuccessStory
from monitoring.permissions import monitored_strategy
from strategies import services as strategy_services
from strategies.models import KPI, SECTIONS_BY_KEY, Risk, Strategy, Task


def _context(request, strategy: Strategy, **extra) -> dict:
    return {"strategy": strategy, "can_record": policy.can_record_monitoring(request.user, strategy), **extra}


# --- Overview ---------------------------------------------------------------------------------------


@login_required
@cached_page
def overview(request, pk: int):
    strategy = monitored_strategy(request, pk, queryset=selectors.with_story_count(Strategy.objects))
    today = timezone.localdate()
    kpis = selectors.kpi_rows(strategy)
    phases = selectors.task_progress(strategy, today)
    for phase in phases:
        for task in phase.overdue_tasks:
            task.status_form = TaskStatusForm(task=task)
    risks = selectors.risk_rows(strategy)
    new_report = ReportNewForm(
        initial={"title": _("Progress report"), "period_start": strategy.period_start, "period_end": today}
    )
    return render(
        request,
        "monitoring/overview.html",
        _context(
            request,
            strategy,
            kpis=kpis,
            counts=selectors.status_counts(kpis),
            phases=phases,
            on_time_rate=selectors.on_time_rate(phases),
            risks=risks,
            matrix=selectors.risk_matrix(risks),
            checks=run_checks(strategy),
            reports=selectors.reports_of(strategy),
            stories=strategy.story_count,
            lessons=selectors.lessons_for_next_version(strategy),
            new_report=new_report,
            rule={"at_risk": int(status.AT_RISK_GAP * 100), "off_track": int(status.OFF_TRACK_GAP * 100)},
            today=today,
        ),
    )


@login_required
def checks_fragment(request, pk: int):
    """The readiness checks and the lessons for this version, for the strategy overview (htmx loads it)."""
    strategy = monitored_strategy(request, pk)
    return render(
        request,
        "monitoring/_checks_card.html",
        {
            "strategy": strategy,
            "checks": run_checks(strategy),
            "lessons": selectors.lessons_for_next_version(strategy) if strategy.status != "approved" else [],
        },
    )


# --- KPI readings -------------------------------------------------------------------------------------


@login_required
@cached_page
def kpi_detail(request, pk: int, kpi_id: int):
    strategy = monitored_strategy(request, pk)
    kpi = get_object_or_404(KPI, pk=kpi_id, strategy=strategy)
    form = ReadingForm(initial={"date": timezone.localdate()})
    if request.method == "POST":
        strategy = monitored_strategy(request, pk, record=True)
        form = ReadingForm(request.POST)
        if form.is_valid():
            try:
                services.reading_add(kpi=kpi, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Reading saved."))
                return redirect("monitoring:kpi", pk=strategy.pk, kpi_id=kpi.pk)
    row = next(r for r in selectors.kpi_rows(strategy) if r.kpi.pk == kpi.pk)
    return render(
        request,
        "monitoring/kpi.html",
        _context(
            request,
            strategy,
            kpi=kpi,
            row=row,
            form=form,
            rule={"at_risk": int(status.AT_RISK_GAP * 100), "off_track": int(status.OFF_TRACK_GAP * 100)},
        ),
        status=422 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def reading_delete(request, pk: int, reading_id: int):
    strategy = monitored_strategy(request, pk, record=True)
    reading = get_object_or_404(KPIReading.objects.select_related("kpi"), pk=reading_id, kpi__strategy=strategy)
    services.reading_delete(reading=reading, user=request.user)
    messages.success(request, _("Reading deleted."))
    return redirect("monitoring:kpi", pk=strategy.pk, kpi_id=reading.kpi_id)


# --- Action plan in execution ----------------------------------------------------------------------------


@login_required
@require_POST
def task_status(request, pk: int, task_id: int):
    """Mark a task's progress while the plan runs (also once the strategy is approved)."""
    strategy = monitored_strategy(request, pk, record=True)
    task = get_object_or_404(Task, pk=task_id, strategy=strategy)
    form = TaskStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the statuses."))
        return redirect(reverse("monitoring:overview", args=[strategy.pk]) + "#action-plan")
    value = form.cleaned_data["status"]
    result = strategy_services.part_update(
        part=task, data={"status": value}, base_version=task.edit_version, user=request.user
    )
    if result.ok:
        messages.success(
            request, _("“%(task)s” is now %(status)s.") % {"task": task, "status": Task.Status(value).label}
        )
    else:
        messages.error(request, _("Someone changed this task meanwhile; nothing was saved. Try again."))
    return redirect(reverse("monitoring:overview", args=[strategy.pk]) + "#action-plan")


# --- Risk reviews -------------------------------------------------------------------------------------


@login_required
@cached_page
def risks(request, pk: int):
    strategy = monitored_strategy(request, pk)
    rows = selectors.risk_rows(strategy)
    forms = {
        row.risk.pk: RiskReviewForm(
            prefix=f"r{row.risk.pk}",
            initial={"date": timezone.localdate(), "likelihood": row.likelihood, "impact": row.impact},
        )
        for row in rows
    }
    failed = None
    if request.method == "POST":
        strategy = monitored_strategy(request, pk, record=True)
        risk = get_object_or_404(Risk, pk=params.whole_number(request.POST.get("risk"), name="risk"), strategy=strategy)
        form = RiskReviewForm(request.POST, prefix=f"r{risk.pk}")
        forms[risk.pk] = form
        if form.is_valid():
            try:
                services.risk_review_add(risk=risk, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Risk review saved."))
                return redirect(reverse("monitoring:risks", args=[strategy.pk]) + f"#risk-{risk.pk}")
        failed = risk.pk
    for row in rows:
        row.form = forms[row.risk.pk]
        row.pick_form = RiskPickForm(initial={"risk": row.risk.pk})
    return render(
        request,
        "monitoring/risks.html",
        _context(request, strategy, rows=rows, matrix=selectors.risk_matrix(rows), failed=failed),
        status=422 if failed else 200,
    )


# --- Success stories ---------------------------------------------------------------------------------


@login_required
@cached_page
def stories(request, pk: int):
    strategy = monitored_strategy(request, pk)
    form = StoryForm()
    if request.method == "POST":
        strategy = monitored_strategy(request, pk, record=True)
        form = StoryForm(request.POST)
        if form.is_valid():
            try:
                services.story_create(strategy=strategy, user=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Story saved."))
                return redirect("monitoring:stories", pk=strategy.pk)
    return render(
        request,
        "monitoring/stories.html",
        _context(request, strategy, stories=strategy.stories.all(), form=form),
        status=422 if form.is_bound and form.errors else 200,
    )


@login_required
@cached_page
def story_edit(request, pk: int, story_id: int):
    strategy = monitored_strategy(request, pk, record=True)
    story = get_object_or_404(SuccessStory, pk=story_id, strategy=strategy)
    form = StoryForm(request.POST or None, instance=story)
    if request.method == "POST":
        delete = DeleteForm(request.POST)
        if delete.is_valid() and delete.cleaned_data["delete"]:
            services.story_delete(story=story, user=request.user)
            messages.success(request, _("Story deleted."))
            return redirect("monitoring:stories", pk=strategy.pk)
        if form.is_valid():
            services.story_update(story=story, user=request.user, **form.cleaned_data)
            messages.success(request, _("Story saved."))
            return redirect("monitoring:stories", pk=strategy.pk)
    return render(
        request,
        "monitoring/story_form.html",
        _context(request, strategy, story=story, form=form, delete_form=DeleteForm()),
        status=422 if form.is_bound and form.errors else 200,
    )


# --- What every country shares ----------------------------------------------------------------------


@login_required
@cached_page
def shared(request):
    """Approved progress reports' findings and lessons, and the success stories approved countries agreed to
    share: the guide's "share findings with other 1+MG national implementations"."""
    reports = selectors.shared_reports(request.user)
    stories = selectors.shared_stories(request.user)
    return render(
        request,
        "monitoring/shared.html",
        {"reports": reports, "stories": stories},
    )


@login_required
@cached_page
def compare_readings(request):
    """KPI readings by metric across countries, from the reports each user may see (submitted or approved:
    frozen, never a working draft)."""
    reports = selectors.compared_reports(request.user)
    rows = selectors.readings_by_metric(reports)
    countries = sorted({name for row in rows for name in row["countries"]})
    for row in rows:
        row["cells"] = [row["countries"].get(name) for name in countries]
    return render(request, "monitoring/compare_readings.html", {"rows": rows, "countries": countries})


# --- Panel review links ------------------------------------------------------------------------------


@login_required
@cached_page
def panel_links(request, pk: int):
    strategy = monitored_strategy(request, pk)
    form = PanelLinkForm()
    new_url = ""
    if request.method == "POST":
        strategy = monitored_strategy(request, pk, record=True)
        form = PanelLinkForm(request.POST)
        if form.is_valid():
            _link, token = services.panel_link_create(
                strategy=strategy,
                user=request.user,
                section_key=form.cleaned_data["section"],
                panel=form.cleaned_data["panel"],
                days=form.cleaned_data["days"],
            )
            new_url = request.build_absolute_uri(reverse("monitoring:panel_review", args=[token]))
            form = PanelLinkForm()
    links = selectors.panel_links_of(strategy)
    return render(
        request,
        "monitoring/panel_links.html",
        _context(
            request, strategy, links=links, form=form, new_url=new_url, now=timezone.now(), titles=SECTIONS_BY_KEY
        ),
        status=422 if form.is_bound and form.errors else 200,
    )


@login_required
@require_POST
def panel_close(request, pk: int, link_id: int):
    strategy = monitored_strategy(request, pk, record=True)
    link = get_object_or_404(PanelLink, pk=link_id, strategy=strategy)
    services.panel_link_revoke(link=link, user=request.user)
    messages.success(request, _("The link is closed: it no longer opens anything."))
    return redirect("monitoring:panel", pk=strategy.pk)
