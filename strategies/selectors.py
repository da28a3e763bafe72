"""Reads the strategy pages need that are more than one query on one model."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from guide.models import SectionTemplate
from strategies.models import Comment, Revision, Strategy, Task
from strategies.models.sections import SECTION_MODELS

#: The strategy's one-to-one section rows, for select_related (the overview and the home page's strips).
SECTION_RELATIONS = [model.related_name() for model in SECTION_MODELS]


def snapshot_content_fields(prefix: str = "") -> list[str]:
    """A snapshot's frozen content (large JSON, parsed on load), to defer where only its number, date and
    review are shown; `prefix` is the path to the snapshot ("review__snapshot__")."""
    return [f"{prefix}data", f"{prefix}section_hashes"]


def home_strategies(user, country_ids: list[int]) -> tuple[list[Strategy], list[Strategy]]:
    """The home page's strategies: the user's countries' (with their sections, for the completeness strips,
    and their open tasks) and the approved strategies of other countries (country and status only).

    Two queries whatever the number of countries: the library needs no section rows, and the open tasks are a
    subquery, not a join grouped over every section column."""
    visible = Strategy.objects.for_user(user)
    open_tasks = (
        Task.objects.filter(strategy=OuterRef("pk"))
        .exclude(status=Task.Status.DONE)
        .order_by()
        .values("strategy")
        .annotate(n=Count("id"))
        .values("n")
    )
    mine = list(
        visible.filter(country__in=country_ids)
        .select_related("country", *SECTION_RELATIONS)
        .annotate(open_tasks=Coalesce(Subquery(open_tasks, output_field=IntegerField()), 0))
        .order_by("country__name", "-updated_at")
    )
    library = list(
        visible.filter(status=Strategy.Status.APPROVED)
        .exclude(country__in=country_ids)
        .select_related("country")
        .only("pk", "title", "status", "country__name", "country__code")
        .order_by("country__name", "-updated_at")
    )
    return mine, library


def latest_verdicts(strategy: Strategy) -> tuple[int | None, dict]:
    """The Special Group's section verdicts of the strategy's latest decided review, as (submission number,
    {section key: verdict}); (None, {}) before any decision.

    The review records live in `reviews`, a layer above; they are read through the reverse relations Django
    gives the strategy (snapshots → review → sections), which imports nothing from that layer.
    """
    snapshots = strategy.snapshots
    # The verdict model, reached through the relations (snapshot -> review -> its sections): one query for
    # the verdicts of the latest decided review, with its snapshot's number and the decision joined.
    verdict_model = snapshots.model._meta.get_field("review").related_model._meta.get_field("sections").related_model
    latest = (
        snapshots.filter(review__completed_at__isnull=False)
        .exclude(review__decision="")
        .order_by("-number")
        .values("pk")[:1]
    )
    verdicts = {
        verdict.section_key: verdict
        for verdict in verdict_model.objects.filter(review__snapshot__in=latest)
        .select_related("review__snapshot")
        .defer(*snapshot_content_fields("review__snapshot__"))
    }
    if not verdicts:
        return None, {}
    review = next(iter(verdicts.values())).review
    for verdict in verdicts.values():
        verdict.decision = review.decision
    return review.snapshot.number, verdicts


def overview_sections(strategy: Strategy, known_users: Iterable = ()) -> tuple[list[dict], int, int | None]:
    """The overview's table of sections (each with its template, open comments, assignment, latest verdict and
    the person who saved it last), the number of open review comments and the submission the verdicts come
    from. A fixed number of queries: the sections come select_related with the strategy, their last editors
    are read in one query, none when they are all among `known_users` (the team the page already loaded)."""
    templates = {t.key: t for t in SectionTemplate.objects.all()}
    open_comments, review_comments = {}, 0
    for key, total, from_review in (
        Comment.objects.filter(strategy=strategy, parent=None, resolved_at=None)
        .order_by()
        .values_list("section_key")
        .annotate(n=Count("id"), r=Count("id", filter=Q(from_review=True)))
    ):
        open_comments[key] = total
        review_comments += from_review
    assignments = {a.section_key: a for a in strategy.assignments.select_related("assignee")}
    reviewed_in, verdicts = latest_verdicts(strategy)
    sections = strategy.sections()
    editors = {user.pk: user for user in known_users}
    missing = {s.updated_by_id for s in sections if s.updated_by_id} - editors.keys()
    if missing:
        editors.update(get_user_model().objects.in_bulk(missing))
    for section in sections:
        if section.updated_by_id:
            section.updated_by = editors.get(section.updated_by_id)
    rows = [
        {
            "template": templates.get(section.key),
            "section": section,
            "open_comments": open_comments.get(section.key, 0),
            "assignment": assignments.get(section.key),
            "verdict": verdicts.get(section.key),
        }
        for section in sections
    ]
    return rows, review_comments, reviewed_in


def overview_counts(strategy: Strategy, models_by_name: dict[str, type], *, today) -> tuple[dict, dict]:
    """How many rows of each of these models (each with a `strategy` foreign key) the strategy has, and its
    tasks per phase ({phase: {"phase", "total", "done", "overdue"}}), in one query whatever the data size.

    Written as one UNION ALL of plain counts: the ORM's version (a subquery per model annotated on the
    strategy, and a second query for the tasks) cost more to compile than to run."""
    quote = connection.ops.quote_name
    task_table, done = quote(Task._meta.db_table), Task.Status.DONE
    # Table and column names come from the models, never from input; the values are parameters.
    tasks = (
        "SELECT -1, phase, COUNT(*), SUM(CASE WHEN status = %s THEN 1 ELSE 0 END), "
        "SUM(CASE WHEN due < %s AND status <> %s THEN 1 ELSE 0 END) FROM {} WHERE strategy_id = %s GROUP BY phase"
    )
    parts = [tasks.format(task_table)]
    params: list = [done, today, done, strategy.pk]
    for index, model in enumerate(models_by_name.values()):
        table, column = quote(model._meta.db_table), quote(model._meta.get_field("strategy").column)
        parts.append(f"SELECT {index}, NULL, COUNT(*), 0, 0 FROM {table} WHERE {column} = %s")  # noqa: S608
        params.append(strategy.pk)
    counts, phases = {}, {}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        for index, phase, total, done_, overdue in cursor.fetchall():
            if index == -1:
                phases[phase] = {"phase": phase, "total": total, "done": int(done_), "overdue": int(overdue)}
            else:
                counts[index] = total
    return {name: counts.get(index, 0) for index, name in enumerate(models_by_name)}, phases


def recent_activity(strategy_ids: list[int], limit: int = 10) -> list[Revision]:
    """The latest saves in these strategies, each able to name what it changed (Revision.item_label)."""
    return list(
        Revision.objects.filter(strategy__in=strategy_ids)
        .select_related("user", "strategy__country")
        .order_by("-created_at", "-id")[:limit]
    )


def mention_candidates(strategy: Strategy):
    """The people a comment on `strategy` may mention: the active members of its country (any role:
    viewers read the thread too)."""
    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__country_id=strategy.country_id)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def assessments(strategy: Strategy) -> list:
    """The strategy's B1MG recommendations checklist, in the guide's order, with who changed each last."""
    return list(strategy.assessments.select_related("recommendation", "updated_by").order_by("recommendation__number"))


def section_revisions(strategy: Strategy, target: str) -> list[Revision]:
    """A section's history, newest first, with who saved each version."""
    return list(Revision.objects.filter(strategy=strategy, target=target).select_related("user").order_by("-version"))


def comment_threads(strategy: Strategy, key: str):
    """A section's threads, open ones first and newest first, with their replies and mentions."""
    return (
        Comment.objects.filter(strategy=strategy, section_key=key, parent=None)
        .select_related("author", "resolved_by")
        .prefetch_related("mentions", "replies__author", "replies__mentions")
        .order_by("resolved_at", "-created_at")
    )


def plan_tasks(strategy: Strategy, *, owner=None, status: str = "", overdue: bool = False) -> list:
    """The action plan's tasks in plan order, with their owner and parent; optionally one person's, in one
    status, or overdue (due before today and not done). Each carries `subtask_count` (all its sub-tasks, shown
    or filtered out: deleting the task deletes them all)."""
    tasks = (
        strategy.tasks.select_related("owner", "parent")
        .annotate(subtask_count=Count("subtasks"))
        .order_by("position", "id")
    )
    if owner:
        tasks = tasks.filter(owner=owner)
    if status:
        tasks = tasks.filter(status=status)
    if overdue:
        tasks = tasks.filter(due__lt=timezone.localdate()).exclude(status=Task.Status.DONE)
    return list(tasks)
