"""Readiness checks drawn from the guide: what it asks a strategy to contain, checked on the working copy.

Each check is a small function of the strategy returning a Check: met or not, and a message saying what to
do. They are advice: submitting stays possible. Shown on the monitoring overview, on the submit confirmation,
beside the reviewer's verdicts (on the submitted strategy's current draft counts) and counted per country on
the Europe dashboard.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, Func, IntegerField, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from guide.models import Phase, Recommendation
from strategies.models import (
    KPI,
    AudienceSegment,
    BudgetLine,
    KeyMessage,
    RecommendationAssessment,
    Risk,
    Strategy,
    Task,
)


@dataclass(frozen=True)
class Check:
    key: str
    title: str
    met: bool
    message: str  # what to do (empty when met)
    kind: str = ""  # the structured part to open to fix it (strategies:parts kind), or "" / a page name


class _Stripped(Func):
    """The text without the whitespace around it, as Python's str.strip() sees whitespace:
    TRIM(text, characters) on SQLite, BTRIM on PostgreSQL."""

    function = "TRIM"
    output_field = TextField()
    #: Every character str.isspace() accepts (29 of them).
    WHITESPACE = "".join(chr(c) for c in range(0x3001) if chr(c).isspace())

    def __init__(self, expression, **extra):
        super().__init__(expression, Value(self.WHITESPACE), **extra)

    def as_postgresql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="BTRIM", **extra)


def _count(queryset) -> Coalesce:
    """The number of rows of `queryset` (filtered on OuterRef), as a subquery."""
    counted = queryset.order_by().annotate(_one=Value(1)).values("_one").annotate(n=Count("*")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


#: Stands for the strategy's id while the facts' query is compiled (ids are positive).
_ANY_STRATEGY = -2_000_000_001


def _facts_query(strategy_id: int):
    mine = {"strategy": OuterRef("pk")}
    asked = {
        "hard_to_reach": Exists(AudienceSegment.objects.filter(**mine, hard_to_reach=True)),
        "recommendations": _count(Recommendation.objects.filter(pk__isnull=False)),
        "assessed": _count(
            RecommendationAssessment.objects.filter(**mine).exclude(status="not_started").exclude(evidence="")
        ),
        "messages": Exists(KeyMessage.objects.filter(**mine)),
        "budget": Exists(BudgetLine.objects.filter(**mine)),
        "risks": _count(Risk.objects.filter(**mine)),
        "open_risks": _count(
            Risk.objects.filter(**mine)
            .annotate(_mitigation=_Stripped("mitigation"), _owner=_Stripped("owner"))
            .filter(Q(_mitigation="") | Q(_owner=""))
        ),
        **{
            f"phase_{value}": Exists(Task.objects.filter(**mine, phase=value, owner__isnull=False, due__isnull=False))
            for value, _label in Phase.choices
        },
    }
    # Prefixed: the strategy has relations of the same names (messages, risks).
    return list(asked), (
        Strategy.objects.filter(pk=strategy_id)
        .annotate(**{f"fact_{name}": value for name, value in asked.items()})
        .values(*(f"fact_{name}" for name in asked))
    )


@functools.cache
def _compiled_facts(vendor: str) -> tuple[list[str], str, tuple]:
    """The facts' SQL, compiled once per process and database: compiling its eleven subqueries cost more
    than running them (bench/: about 2 ms a page). Only the strategy's id changes between two runs."""
    names, queryset = _facts_query(_ANY_STRATEGY)
    sql, params = queryset.query.sql_with_params()
    return names, sql, params


def facts(strategy: Strategy) -> dict:
    """What the checks below ask of the strategy, in one query (they ran ten before): existence of rows and
    counts, each a subquery on the strategy's row."""
    names, sql, params = _compiled_facts(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [strategy.pk if param == _ANY_STRATEGY else param for param in params])
        row = cursor.fetchone()
    if row is None:
        raise Strategy.DoesNotExist
    # SQLite answers 0/1 for EXISTS, PostgreSQL booleans: the counts are ints, the rest yes or no.
    return {name: int(value or 0) if name in _COUNTS else bool(value) for name, value in zip(names, row, strict=True)}


_COUNTS = {"recommendations", "assessed", "risks", "open_risks"}


def objectives_have_kpis(strategy: Strategy, known: dict | None = None) -> Check:
    title = _("Every objective has a KPI with baseline, target, method and frequency")
    complete = Q(baseline__gt="", target__gt="", method__gt="", frequency__gt="")
    objectives = list(
        strategy.objectives.annotate(measured=Exists(KPI.objects.filter(complete, objective=OuterRef("pk"))))
    )
    if not objectives:
        return Check(
            "objectives_kpis", title, False, _("Add the strategy's objectives, each with a KPI."), "objectives"
        )
    missing = [o.title for o in objectives if not o.measured]
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


def hard_to_reach_named(strategy: Strategy, known: dict | None = None) -> Check:
    title = _("At least one hard-to-reach or vulnerable group is named")
    met = (known or facts(strategy))["hard_to_reach"]
    message = "" if met else _("Mark an audience segment as hard to reach or vulnerable (the guide asks for one).")
    return Check("hard_to_reach", title, met, message, "segments")


def recommendations_assessed(strategy: Strategy, known: dict | None = None) -> Check:
    title = _("Each of the six recommendations is assessed")
    known = known or facts(strategy)
    total, assessed = known["recommendations"], known["assessed"]
    met = assessed >= total
    message = (
        ""
        if met
        else _("Assess the remaining %(n)s recommendations: a status and how the strategy addresses each.")
        % {"n": total - assessed}
    )
    return Check("recommendations", title, met, message, "assessments")


def phases_have_tasks(strategy: Strategy, known: dict | None = None) -> Check:
    title = _("Each phase has tasks with owners and dates")
    known = known or facts(strategy)
    empty = [str(label) for value, label in Phase.choices if not known[f"phase_{value}"]]
    message = (
        _("Give at least one task in each of these phases an owner and a due date: %(list)s.")
        % {"list": ", ".join(empty)}
        if empty
        else ""
    )
    return Check("phases", title, not empty, message, "action_plan")


def messages_have_audiences(strategy: Strategy, known: dict | None = None) -> Check:
    """A message without an audience is a general one (the form says so), so this asks for messages at all."""
    title = _("Every key message has an audience or is marked general")
    met = (known or facts(strategy))["messages"]
    message = "" if met else _("Write the key messages: each for an audience segment, or general for every audience.")
    return Check("messages", title, met, message, "messages")


def risks_mitigated(strategy: Strategy, known: dict | None = None) -> Check:
    title = _("Every risk has a mitigation and an owner")
    known = known or facts(strategy)
    if not known["risks"]:
        return Check("risks", title, False, _("Add the risks, each with a mitigation and an owner."), "risks")
    open_ = known["open_risks"]
    message = (
        _("%(n)s risks lack a mitigation or an owner.") % {"n": open_}
        if open_ != 1
        else _("1 risk lacks a mitigation or an owner.")
    )
    return Check("risks", title, not open_, message if open_ else "", "risks")


def budget_has_lines(strategy: Strategy, known: dict | None = None) -> Check:
    title = _("The budget has lines")
    met = (known or facts(strategy))["budget"]
    return Check("budget", title, met, "" if met else _("Add the budget lines of the implementation plan."), "budget")


CHECKS: tuple[Callable[..., Check], ...] = (
    objectives_have_kpis,
    hard_to_reach_named,
    recommendations_assessed,
    phases_have_tasks,
    messages_have_audiences,
    risks_mitigated,
    budget_has_lines,
)


def run_checks(strategy: Strategy) -> list[Check]:
    """Every check, in two queries (the objectives with their KPIs, and the facts)."""
    known = facts(strategy)
    return [check(strategy, known) for check in CHECKS]
