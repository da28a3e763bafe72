"""The permission policy: "may they?" checks and "which ones?" querysets, as pure functions of the user.

(Issue #10 gathers every permission check of the app here; this module starts with team management and
sign-in rules, which the team pages, the services and the MFA middleware ask.)
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet

from accounts.models import Country, Invitation, Membership, SecuritySettings

LEAD, EDITOR, VIEWER = Membership.Role.LEAD, Membership.Role.EDITOR, Membership.Role.VIEWER


def _signed_in(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def _is_admin(user) -> bool:
    return _signed_in(user) and user.is_superuser


def _country_id(country) -> int | None:
    return country.pk if isinstance(country, Country) else country


def _role_in(user, country) -> str | None:
    """The user's role in that country, read once per request (cached on the user object)."""
    if not _signed_in(user):
        return None
    roles = getattr(user, "_country_roles", None)
    if roles is None:
        roles = dict(Membership.objects.filter(user=user).values_list("country_id", "role"))
        user._country_roles = roles
    return roles.get(_country_id(country))


# --- Team management -----------------------------------------------------------------------------------------
# Admins run every country's team and every account. A country's lead runs that country's team only: invites
# editors and viewers, changes their roles and removes them. A lead never touches another country, never
# makes anyone a lead, reviewer or admin, and never leaves the country without a lead. Nobody else manages.


def can_manage_people(user) -> bool:
    """The people directory and whole accounts (deactivate, reactivate, global roles, unlock, sessions), the
    account audit log and the sign-in rules: admins only."""
    return _is_admin(user)


def can_manage_team(user, country) -> bool:
    return _is_admin(user) or _role_in(user, country) == LEAD


def managed_countries(user) -> QuerySet[Country]:
    """The countries whose team the user runs."""
    if _is_admin(user):
        return Country.objects.all()
    if not _signed_in(user):
        return Country.objects.none()
    return Country.objects.filter(memberships__user=user, memberships__role=LEAD)


def assignable_roles(user, country) -> list[str]:
    """The country roles the user may give someone in that country (invite as, or change to)."""
    if _is_admin(user):
        return [LEAD, EDITOR, VIEWER]
    if _role_in(user, country) == LEAD:
        return [EDITOR, VIEWER]
    return []


def can_invite(user, *, country=None, role: str = "", is_reviewer: bool = False) -> bool:
    """Invite someone to a country with a role, and/or (admins) to the Special Group."""
    if is_reviewer and not _is_admin(user):
        return False
    if country is None:
        return _is_admin(user) and not role
    return role in assignable_roles(user, country)


def _other_leads(membership) -> bool:
    return Membership.objects.filter(country_id=membership.country_id, role=LEAD).exclude(pk=membership.pk).exists()


def can_change_role(user, membership, new_role: str) -> bool:
    """Change a member's role in the membership's country. A lead changes editors and viewers (between those
    two), and may step down from lead while another lead remains."""
    if new_role not in assignable_roles(user, membership.country_id):
        return False
    if _is_admin(user) or membership.role != LEAD:
        return True
    return membership.user_id == user.pk and _other_leads(membership)


def can_remove_member(user, membership) -> bool:
    """Take someone off a country's team (their account and their work stay). A lead removes editors and
    viewers, and may leave while another lead remains."""
    if _is_admin(user):
        return True
    if _role_in(user, membership.country_id) != LEAD:
        return False
    if membership.role != LEAD:
        return True
    return membership.user_id == user.pk and _other_leads(membership)


def visible_invitations(user, queryset: QuerySet | None = None) -> QuerySet:
    """Invitations the user may see, resend and revoke: all for admins, their countries' for leads."""
    qs = Invitation.objects.all() if queryset is None else queryset
    if _is_admin(user):
        return qs
    if not _signed_in(user):
        return qs.none()
    return qs.filter(country__in=managed_countries(user), is_reviewer=False)


def can_manage_invitation(user, invitation) -> bool:
    if _is_admin(user):
        return True
    return bool(invitation.country_id) and not invitation.is_reviewer and can_manage_team(user, invitation.country_id)


# --- Sign-in rules -------------------------------------------------------------------------------------------


def mfa_required(user, rules: SecuritySettings | None = None) -> bool:
    """Whether the user must use two-factor authentication: reviewers and admins, when an admin (the
    in-app sign-in rules) or the deployment (settings.MFA_REQUIRED_FOR) says so."""
    if not _signed_in(user) or not (user.is_superuser or user.is_reviewer):
        return False
    rules = rules or SecuritySettings.current()
    forced = {role.strip().lower() for role in getattr(settings, "MFA_REQUIRED_FOR", [])}
    if user.is_superuser and (rules.mfa_required_for_admins or "admins" in forced):
        return True
    return bool(user.is_reviewer and (rules.mfa_required_for_reviewers or "reviewers" in forced))


# --- Monitoring, progress reports and panel review (issue #14) -----------------------------------------------
# Monitoring data (KPI readings, risk reviews, stories, draft reports, panel links) is the country's working
# material: its members read it, its leads and editors record it (also once the strategy is approved: that is
# when a plan is run), admins do everything. Progress reports travel like strategies: the country's lead
# submits, Special Group reviewers (and admins) review what was submitted, approved reports are readable by
# every signed-in user, and so are the success stories an approved country agreed to share.

REPORT_REVIEWABLE = ("submitted", "changes_requested", "approved")


def _is_reviewer(user) -> bool:
    return _signed_in(user) and bool(user.is_reviewer)


def can_read_monitoring(user, strategy) -> bool:
    return _is_admin(user) or _role_in(user, strategy.country_id) is not None


def can_record_monitoring(user, strategy) -> bool:
    return _is_admin(user) or _role_in(user, strategy.country_id) in (LEAD, EDITOR)


def can_submit_report(user, report) -> bool:
    """Submit or withdraw a progress report: the country's lead (as for the strategy), or an admin."""
    return _is_admin(user) or _role_in(user, report.strategy.country_id) == LEAD


def can_review_reports(user) -> bool:
    return _is_admin(user) or _is_reviewer(user)


def can_review_report(user, report) -> bool:
    return can_review_reports(user) and report.status in REPORT_REVIEWABLE


def visible_reports(user, queryset: QuerySet) -> QuerySet:
    """Progress reports the user may read: the country's own (drafts included), everything submitted for
    reviewers and admins, and approved reports for everyone signed in."""
    if not _signed_in(user):
        return queryset.none()
    if _is_admin(user):
        return queryset
    mine = Q(strategy__country__in=Membership.objects.filter(user=user).values("country"))
    shown = mine | Q(status="approved")
    if _is_reviewer(user):
        shown |= Q(status__in=REPORT_REVIEWABLE)
    return queryset.filter(shown)


def can_read_report(user, report) -> bool:
    if _is_admin(user) or _role_in(user, report.strategy.country_id) is not None:
        return True
    if report.status == "approved" and _signed_in(user):
        return True
    return _is_reviewer(user) and report.status in REPORT_REVIEWABLE


def shared_stories(user, queryset: QuerySet) -> QuerySet:
    """Success stories of other countries the user may read: those shared with consent by a country whose
    strategy is approved (now, or in an earlier version)."""
    if not _signed_in(user):
        return queryset.none()
    strategies = queryset.model._meta.get_field("strategy").related_model.objects
    approved = strategies.filter(Q(status="approved") | Q(snapshots__review__decision="approve")).values("pk")
    return queryset.filter(consent_to_share=True, strategy__in=approved)


def can_manage_panel_links(user, strategy) -> bool:
    """Open a section to an outside panel, and close the link: the country's leads and editors."""
    return can_record_monitoring(user, strategy)
