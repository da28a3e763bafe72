"""Reads the strategy pages need that are more than one query on one model."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.utils import timezone

from strategies.models import Comment, Revision, Strategy, Task


def latest_verdicts(strategy: Strategy) -> tuple[int | None, dict]:
    """The Special Group's section verdicts of the strategy's latest decided review, as (submission number,
    {section key: verdict}); (None, {}) before any decision.

    The review records live in `reviews`, a layer above; they are read through the reverse relations Django
    gives the strategy (snapshots → review → sections), which imports nothing from that layer.
    """
    snapshot = (
        strategy.snapshots.filter(review__completed_at__isnull=False)
        .exclude(review__decision="")
        .select_related("review")
        .order_by("-number")
        .first()
    )
    if snapshot is None:
        return None, {}
    verdicts = {verdict.section_key: verdict for verdict in snapshot.review.sections.all()}
    for verdict in verdicts.values():
        verdict.decision = snapshot.review.decision
    return snapshot.number, verdicts


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
    status, or overdue (due before today and not done)."""
    tasks = strategy.tasks.select_related("owner", "parent").order_by("position", "id")
    if owner:
        tasks = tasks.filter(owner=owner)
    if status:
        tasks = tasks.filter(status=status)
    if overdue:
        tasks = tasks.filter(due__lt=timezone.localdate()).exclude(status=Task.Status.DONE)
    return list(tasks)
