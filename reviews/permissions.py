"""Loading what the review workflow shows: snapshots and reviews the user may see, 404 otherwise (the rules:
accounts/policy.py, visible_snapshots)."""

from __future__ import annotations

from django.http import Http404

from accounts import policy
from reviews.models import Review, Snapshot


def visible_snapshots(user, queryset=None):
    """The snapshots of `queryset` (all by default) the user may read."""
    return policy.visible_snapshots(user, Snapshot.objects.all() if queryset is None else queryset)


def snapshot_or_404(user, pk: int, queryset=None) -> Snapshot:
    try:
        return visible_snapshots(user, queryset).get(pk=pk)
    except Snapshot.DoesNotExist:
        raise Http404 from None


def latest_snapshot_or_404(user, strategy) -> Snapshot:
    """The newest snapshot of `strategy` the user may read."""
    snapshot = visible_snapshots(user, Snapshot.objects.filter(strategy=strategy)).order_by("-number").first()
    if snapshot is None:
        raise Http404
    return snapshot


def review_or_404(user, pk: int, queryset=None) -> Review:
    """A review of a snapshot the user may read (a withdrawn submission's review is gone for reviewers too)."""
    queryset = Review.objects.all() if queryset is None else queryset
    try:
        return queryset.filter(snapshot__in=visible_snapshots(user).values("pk")).get(pk=pk)
    except Review.DoesNotExist:
        raise Http404 from None
