"""Readiness checks drawn from the guide: what it asks a strategy to contain, checked on the working copy.

Each check is a small function of the strategy returning a Check: met or not, and a message saying what to
do. They are advice: submitting stays possible. Shown on the monitoring overview, on the submit confirmation,
beside the reviewer's verdicts (on the submitted strategy's current draft counts) and counted per country on
the Europe dashboard.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _

from guide.models import Phase, Recommendation
from strategies.models import Strategy


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    met: bool
    message: str  # what to do (empty when met)
    kind: str = ""  # the structured part to open to fix it (strategies:parts kind), or "" / a page name


def objectives_have_kpis(strategy: Strategy) -> Check:
    title = _("Every objective has a KPI with baseline, target, method and frequency")
    objectives = list(strategy.objectives.all())
    if not objectives:
        return Check(
            "objectives_kpis", title, False, _("Add the strategy's objectives, each with a KPI."), "objectives"
        )
    complete = Q(baseline__gt="", target__gt="", method__gt="", frequency__gt="")
    measured = set(strategy.kpis.filter(complete).values_list("objective_id", flat=True))
    missing = [o.title for o in objectives if o.pk not in measured]
    if missing:
        return Check(
            "objectives_kpis",
            title,
            False,
            _("Give these objectives a KPI with baseline, target, method and frequency: %(list)s.")
            % {"list": "; ".join(missing)},
            "kpis",
        )
    return Check("objectives_kpis", title, True, "", "kpis")


def hard_to_reach_named(strategy: Strategy) -> Check:
    title = _("At least one hard-to-reach or vulnerable group is named")
    met = strategy.segments.filter(hard_to_reach=True).exists()
    message = "" if met else _("Mark an audience segment as hard to reach or vulnerable (the guide asks for one).")
    return Check("hard_to_reach", title, met, message, "segments")


def recommendations_assessed(strategy: Strategy) -> Check:
    title = _("Each of the six recommendations is assessed")
    total = Recommendation.objects.count()
    assessed = strategy.assessments.exclude(status="not_started").exclude(evidence="").count()
    met = assessed >= total
    message = (
        ""
        if met
        else _("Assess the remaining %(n)s recommendations: a status and how the strategy addresses each.")
        % {"n": total - assessed}
    )
    return Check("recommendations", title, met, message, "assessments")


def phases_have_tasks(strategy: Strategy) -> Check:
    title = _("Each phase has tasks with owners and dates")
    empty = []
    for value, label in Phase.choices:
        ready = strategy.tasks.filter(phase=value, owner__isnull=False, due__isnull=False).exists()
        if not ready:
            empty.append(str(label))
    message = (
        _("Give at least one task in each of these phases an owner and a due date: %(list)s.")
        % {"list": ", ".join(empty)}
        if empty
        else ""
    )
    return Check("phases", title, not empty, message, "action_plan")


def messages_have_audiences(strategy: Strategy) -> Check:
    """A message without an audience is a general one (the form says so), so this asks for messages at all."""
    title = _("Every key message has an audience or is marked general")
    met = strategy.messages.exists()
    message = "" if met else _("Write the key messages: each for an audience segment, or general for every audience.")
    return Check("messages", title, met, message, "messages")


def risks_mitigated(strategy: Strategy) -> Check:
    title = _("Every risk has a mitigation and an owner")
    risks = list(strategy.risks.all())
    if not risks:
        return Check("risks", title, False, _("Add the risks, each with a mitigation and an owner."), "risks")
    open_ = [r for r in risks if not r.mitigation.strip() or not r.owner.strip()]
    message = (
        _("%(n)s risks lack a mitigation or an owner.") % {"n": len(open_)}
        if len(open_) != 1
        else _("1 risk lacks a mitigation or an owner.")
    )
    return Check("risks", title, not open_, message if open_ else "", "risks")


def budget_has_lines(strategy: Strategy) -> Check:
    title = _("The budget has lines")
    met = strategy.budget_lines.exists()
    return Check("budget", title, met, "" if met else _("Add the budget lines of the implementation plan."), "budget")


CHECKS: tuple[Callable[[Strategy], Check], ...] = (
    objectives_have_kpis,
    hard_to_reach_named,
    recommendations_assessed,
    phases_have_tasks,
    messages_have_audiences,
    risks_mitigated,
    budget_has_lines,
)


def run_checks(strategy: Strategy) -> list[Check]:
    return [check(strategy) for check in CHECKS]
