"""Reads of the review pages that are more than one query on one model."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from reviews.models import Review, SectionReview
from strategies.models import Strategy
from strategies.selectors import snapshot_content_fields

#: The inbox shows a submission's number, version, date and author, never its frozen content.
_CONTENT = snapshot_content_fields("snapshot__")


def waiting_reviews() -> QuerySet[Review]:
    """Submissions waiting for a decision, oldest first, each with the number of sections already accepted
    (a subquery: a count joined and grouped over the snapshot's columns cost more than the page)."""
    accepted = (
        SectionReview.objects.filter(review=OuterRef("pk"), status="accepted")
        .order_by()
        .values("review")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Review.objects.filter(completed_at__isnull=True, snapshot__strategy__status=Strategy.Status.SUBMITTED)
        .select_related("snapshot__strategy__country", "snapshot__created_by", "reviewer")
        .defer(*_CONTENT)
        .annotate(accepted=Coalesce(Subquery(accepted, output_field=IntegerField()), 0))
        .order_by("snapshot__created_at")
    )


def decided_reviews(limit: int = 15) -> QuerySet[Review]:
    """The latest decisions, newest first."""
    return (
        Review.objects.filter(completed_at__isnull=False)
        .exclude(decision="")
        .select_related("snapshot__strategy__country", "reviewer")
        .defer(*_CONTENT)
        .order_by("-completed_at")[:limit]
    )
