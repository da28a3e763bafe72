"""The one permission policy: every "may they?" check and every "which ones?" queryset comes from here.

Rules (see PRODUCT.md):
- Admins see and edit everything.
- Members of a country read its strategies, working draft included; leads and editors edit them.
- Special Group reviewers see every strategy that has been submitted or approved (they read the frozen
  snapshots, never the working draft) and never edit country text.
- Every signed-in user reads approved strategies, so countries can learn from each other.
- Anything else is invisible: views turn it into a 404, never a 403 that would confirm it exists.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Country, Membership

REVIEWABLE_STATUSES = ("submitted", "changes_requested", "approved")


def _is_admin(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_superuser)


def _is_reviewer(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_reviewer)


def country_role(user, country: Country) -> str | None:
    """The user's role in that country ("lead", "editor", "viewer") or None; cached per request on the user."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    roles = getattr(user, "_country_roles", None)
    if roles is None:
        roles = dict(Membership.objects.filter(user=user).values_list("country_id", "role"))
        user._country_roles = roles
    return roles.get(country.pk if isinstance(country, Country) else country)


def visible_strategies(user, queryset: QuerySet | None = None) -> QuerySet:
    """The strategies `user` may see at all (working draft or not: see can_read_working_copy)."""
    from strategies.models import Strategy

    qs = Strategy.objects.all() if queryset is None else queryset
    if not (user and user.is_authenticated and user.is_active):
        return qs.none()
    if _is_admin(user):
        return qs
    # A subquery rather than a join keeps one row per strategy without DISTINCT.
    visible = Q(country__in=Membership.objects.filter(user=user).values("country")) | Q(status="approved")
    if _is_reviewer(user):
        visible |= Q(status__in=REVIEWABLE_STATUSES)
    return qs.filter(visible)


def visible_countries(user) -> QuerySet:
    """Countries whose working drafts the user may read: their own, or all for admins."""
    if _is_admin(user):
        return Country.objects.all()
    if not (user and user.is_authenticated and user.is_active):
        return Country.objects.none()
    return Country.objects.filter(pk__in=Membership.objects.filter(user=user).values("country"))


def can_view_strategy(user, strategy) -> bool:
    if _is_admin(user) or country_role(user, strategy.country_id) is not None:
        return True
    if strategy.status == "approved" and user and user.is_authenticated and user.is_active:
        return True
    return _is_reviewer(user) and strategy.status in REVIEWABLE_STATUSES


def can_read_working_copy(user, strategy) -> bool:
    """The live draft is private to the country's members and the admins."""
    return _is_admin(user) or country_role(user, strategy.country_id) is not None


def can_edit(user, strategy) -> bool:
    """Leads and editors edit their country's strategy until it is approved (then it is reopened)."""
    if strategy.status == "approved":
        return False
    return _is_admin(user) or country_role(user, strategy.country_id) in Membership.EDITING_ROLES


def can_manage_team(user, country) -> bool:
    return _is_admin(user) or country_role(user, country.pk if isinstance(country, Country) else country) == "lead"


def get_strategy_or_404(user, pk: int, queryset: QuerySet | None = None):
    """Load a strategy the user may see, or raise 404 for one that does not exist or is hidden from them."""
    from strategies.models import Strategy

    qs = visible_strategies(user, queryset if queryset is not None else Strategy.objects.select_related("country"))
    try:
        return qs.get(pk=pk)
    except Strategy.DoesNotExist:
        raise Http404 from None


def can_transition(user, strategy, action: str) -> bool:
    """Who may move a strategy along the workflow (the state check itself is Strategy.check_transition)."""
    from strategies.models import Strategy

    if action not in Strategy.TRANSITIONS:
        return False
    who = Strategy.TRANSITIONS[action][2]
    if _is_admin(user):
        return True
    if who == "country":
        return country_role(user, strategy.country_id) == "lead"
    return _is_reviewer(user)


def can_review(user, strategy) -> bool:
    """Reviewers (and admins) review what a country submitted; they never edit its text."""
    return (_is_admin(user) or _is_reviewer(user)) and strategy.status in REVIEWABLE_STATUSES


def visible_snapshots(user, queryset=None):
    """Frozen submissions the user may read: their own country's, all for reviewers and admins, and the
    approved ones for everybody signed in."""
    from reviews.models import Snapshot

    qs = Snapshot.objects.all() if queryset is None else queryset
    if not (user and user.is_authenticated and user.is_active):
        return qs.none()
    if _is_admin(user) or _is_reviewer(user):
        return qs
    approved = Q(review__decision="approve")
    mine = Q(strategy__country__in=Membership.objects.filter(user=user).values("country"))
    return qs.filter(approved | mine)
