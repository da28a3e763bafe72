"""Reads for the team pages: members, people, lockouts and account events."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import Country, Invitation, Membership, User
from audit.models import ACCOUNT_ACTIONS, AuditEvent

ROLE_ORDER = {Membership.Role.LEAD: 0, Membership.Role.EDITOR: 1, Membership.Role.VIEWER: 2}


class State:
    ACTIVE = "active"
    INVITED = "invited"
    LOCKED = "locked"
    DEACTIVATED = "deactivated"

    LABELS = {
        ACTIVE: _("Active"),
        INVITED: _("Invitation pending"),
        LOCKED: _("Locked out"),
        DEACTIVATED: _("Deactivated"),
    }
    CHOICES = list(LABELS.items())


# --- Lockouts --------------------------------------------------------------------------------------------------


def current_lockouts() -> QuerySet:
    """The failed-sign-in records that lock an account from an address right now (django-axes)."""
    from axes.models import AccessAttempt

    since = timezone.now() - settings.AXES_COOLOFF_TIME
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=since
    ).order_by("-attempt_time")


def locked_usernames() -> set[str]:
    return set(current_lockouts().values_list("username", flat=True))


# --- People ----------------------------------------------------------------------------------------------------


@dataclass
class Person:
    """A user with what the team pages show about them."""

    user: User
    state: str
    memberships: list

    @property
    def state_label(self) -> str:
        return str(State.LABELS[self.state])

    @property
    def role_label(self) -> str:
        """Their global role ("Admin", "Special Group reviewer" or ""), named by the policy."""
        return str(policy.role_label(self.user))


def _state(user: User, locked: set[str], waiting: set[int]) -> str:
    if not user.is_active:
        return State.DEACTIVATED
    if user.username.lower() in locked:
        return State.LOCKED
    if user.pk in waiting or not user.has_usable_password() and user.last_login is None:
        return State.INVITED
    return State.ACTIVE


def _waiting_ids(user_ids) -> set[int]:
    return set(Invitation.objects.pending().filter(user_id__in=user_ids).values_list("user_id", flat=True))


def people(
    *, q: str = "", country: Country | None = None, role: str = "", state: str = "", global_role: str = ""
) -> list[Person]:
    """Every account, with memberships, filtered as the people page asks."""
    users = User.objects.prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("country").order_by("country__name"))
    ).order_by("last_name", "first_name", "username")
    if q:
        users = users.filter(
            Q(username__icontains=q) | Q(first_name__icontains=q) | Q(last_name__icontains=q) | Q(email__icontains=q)
        )
    if country is not None:
        users = users.filter(memberships__country=country)
    if role:
        users = policy.with_country_role(users, role)
    if global_role:
        users = policy.with_global_role(users, global_role)
    users = list(users.distinct())
    locked = locked_usernames()
    waiting = _waiting_ids([u.pk for u in users])
    found = [
        Person(user=u, state=_state(u, {n.lower() for n in locked}, waiting), memberships=list(u.memberships.all()))
        for u in users
    ]
    if state:
        found = [p for p in found if p.state == state]
    return found


def person(user: User) -> Person:
    memberships = list(Membership.objects.filter(user=user).select_related("country").order_by("country__name"))
    return Person(
        user=user,
        state=_state(user, {n.lower() for n in locked_usernames()}, _waiting_ids([user.pk])),
        memberships=memberships,
    )


def team_members(country: Country) -> list[Person]:
    """A country's team: leads first, then editors, then viewers, each by name."""
    memberships = list(Membership.objects.filter(country=country).select_related("user"))
    memberships.sort(key=lambda m: (ROLE_ORDER.get(m.role, 9), str(m.user).lower()))
    locked = {n.lower() for n in locked_usernames()}
    waiting = _waiting_ids([m.user_id for m in memberships])
    return [Person(user=m.user, state=_state(m.user, locked, waiting), memberships=[m]) for m in memberships]


def countries_overview() -> QuerySet[Country]:
    """Every country with its member counts and pending invitations (the admin's team index)."""
    now = timezone.now()
    return Country.objects.annotate(
        member_count=Count("memberships", distinct=True),
        lead_count=Count("memberships", filter=Q(memberships__role=Membership.Role.LEAD), distinct=True),
        pending_count=Count(
            "invitations",
            filter=Q(
                invitations__accepted_at__isnull=True,
                invitations__revoked_at__isnull=True,
                invitations__expires_at__gt=now,
            ),
            distinct=True,
        ),
    ).order_by("name")


def leads_by_country() -> dict[int, list[User]]:
    leads: dict[int, list[User]] = {}
    for m in Membership.objects.filter(role=Membership.Role.LEAD).select_related("user").order_by("user__last_name"):
        leads.setdefault(m.country_id, []).append(m.user)
    return leads


def recent_sign_ins(user: User, limit: int = 10) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(
        Q(user=user) | Q(username__iexact=user.username),
        action__in=[AuditEvent.Action.SIGN_IN, AuditEvent.Action.SIGN_IN_FAILED, AuditEvent.Action.LOCKED],
    )[:limit]


# --- Account events --------------------------------------------------------------------------------------------


def account_events(
    *,
    action: str = "",
    who: str = "",
    country: Country | None = None,
    since: datetime.date | None = None,
    until: datetime.date | None = None,
) -> QuerySet[AuditEvent]:
    """The audit trail's account events (invitations, joins, roles, (de)activations, sign-ins, lockouts, MFA)."""
    events = AuditEvent.objects.filter(action__in=ACCOUNT_ACTIONS)
    if action:
        events = events.filter(action=action)
    if who:
        events = events.filter(
            Q(username__icontains=who) | Q(details__user__icontains=who) | Q(details__email__icontains=who)
        )
    if country is not None:
        events = events.filter(details__country=country.code)
    if since:
        events = events.filter(created_at__date__gte=since)
    if until:
        events = events.filter(created_at__date__lte=until)
    return events.order_by("-created_at", "-id")


def pending_invitations(user: User, country: Country, limit: int = 50) -> QuerySet[Invitation]:
    """The invitations to a country's team the user may see, newest first (the team page)."""
    visible = policy.visible_invitations(user, Invitation.objects.filter(country=country))
    return visible.select_related("invited_by").order_by("-created_at")[:limit]


def invitations_of(user: User, limit: int = 10) -> QuerySet[Invitation]:
    """The invitations sent to a person, newest first (their page)."""
    return user.invitations.select_related("country").order_by("-created_at")[:limit]


def memberships_of(user: User) -> QuerySet[Membership]:
    return Membership.objects.filter(user=user).select_related("country")
