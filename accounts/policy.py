"""The one permission policy: every "may they?" (can_*) and every "which ones?" (visible_*, querysets) of the
planner is answered here, for strategies, working copies, snapshots, comments, reviews, factsheets, exports,
comparisons and team management. Roles are read here and nowhere else (a test greps the code and templates
for role checks outside this module: tests/accounts/test_policy.py).

It sits in the ground layer (accounts), so every app can ask it, and it imports nothing above accounts: a
"which ones?" takes the queryset to filter (`visible_snapshots(user, Snapshot.objects.all())`) and filters by
field lookups; a "may they?" reads the object it is given by duck typing (`strategy.status`,
`strategy.country_id`, `snapshot.review.decision`). Views load objects through loaders built on it that answer
404 for what the user may not see (strategies/permissions.py, reviews/permissions.py,
factsheets/permissions.py), and templates get booleans from the view or from the `perms_nav` context
processor (accounts/context_processors.py).

The rules (PRODUCT.md):
- Admins (active superusers) see and do everything.
- Members of a country read its strategies, working draft included, and its factsheets; leads and editors
  edit them; a lead also moves the strategy along the workflow and manages the team.
- Special Group reviewers read every strategy that has been submitted or approved: the frozen snapshots, never
  the working draft; they review, compare countries and never edit country text. A submission the country
  withdrew leaves their views (snapshot page, comparisons, the all-countries ZIP, the latest version): the
  country's timeline and the admins keep it.
- Every signed-in user reads approved strategies, so countries learn from each other.
- Anything else is invisible: 404, never a 403 that would confirm it exists.

Decision on comments (issue #10): the members of the country (viewers included) read the comment threads of
its working draft and may write in them: a viewer (a minister's office, a national stakeholder) asking a
question where the text is, is what the threads are for, and a comment changes no text. Resolving or
reopening a thread decides that the text answers it: that is editing, so leads, editors and admins only.
Reviewers do not comment on the draft (they never see it): their comments come with their review.
"""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from accounts.models import Country, Invitation, Membership, SecuritySettings

# --- Roles: read here and nowhere else --------------------------------------------------------------------

#: The country roles that edit the country's work (the others read it).
EDITING_ROLES = (Membership.Role.LEAD, Membership.Role.EDITOR)
LEAD, EDITOR, VIEWER = Membership.Role.LEAD, Membership.Role.EDITOR, Membership.Role.VIEWER


def _active(user) -> bool:
    return bool(user is not None and user.is_authenticated and user.is_active)


def is_admin(user) -> bool:
    """An admin of the planner: an active superuser (the one definition of admin)."""
    return _active(user) and user.is_superuser


def is_reviewer(user) -> bool:
    """A Special Group reviewer (the global flag; admins are not reviewers, though they may do what they do)."""
    return _active(user) and user.is_reviewer


def memberships(user) -> list[Membership]:
    """The user's memberships with their countries, read once per request and cached on the user object (the
    navigation, the home page and every country_role share that one query)."""
    if not _active(user):
        return []
    found = getattr(user, "_memberships", None)
    if found is None:
        found = list(Membership.objects.filter(user=user).select_related("country").order_by("country__name"))
        user._memberships = found
    return found


def forget_roles(user) -> None:
    """Drop the cached memberships (after the user's own roles changed within the same request or test)."""
    user.__dict__.pop("_memberships", None)


def country_role(user, country) -> str | None:
    """The user's role in that country ("lead", "editor", "viewer") or None."""
    country_id = country.pk if isinstance(country, Country) else country
    return next((m.role for m in memberships(user) if m.country_id == country_id), None)


#: The account flags that make a global role: the reviewer flag, and admin (superuser, with Django's staff
#: flag so that the Django admin lets them in). Written by set_global_roles, recorded by the audit trail.
GLOBAL_ROLE_FIELDS = ("is_reviewer", "is_staff", "is_superuser")


def global_roles(user) -> dict[str, bool]:
    """The global roles a person holds ({"is_reviewer": ..., "is_admin": ...}), whether active or not: what the
    people page shows and the roles form starts from."""
    return {"is_reviewer": bool(user.is_reviewer), "is_admin": bool(user.is_superuser)}


def set_global_roles(user, *, reviewer: bool | None = None, admin: bool | None = None) -> list[str]:
    """Give or take the global roles on `user` (not saved: the caller saves the fields returned). Who may do
    it is can_manage_people's question, asked by the service."""
    if reviewer is not None:
        user.is_reviewer = reviewer
    if admin is not None:
        user.is_superuser = user.is_staff = admin
    return list(GLOBAL_ROLE_FIELDS)


def with_global_role(users: QuerySet, role: str) -> QuerySet:
    """The people of `users` holding a global role ("reviewer" or "admin"), for the people page's filter."""
    if role == "reviewer":
        return users.filter(is_reviewer=True)
    if role == "admin":
        return users.filter(is_superuser=True)
    return users


def with_country_role(users: QuerySet, role: str) -> QuerySet:
    """The people of `users` holding that role in some country, for the people page's filter."""
    return users.filter(memberships__role=role)


def role_label(user) -> str:
    """The global role a person holds, as the navigation and the people pages name it ("" for country members;
    a deactivated account keeps its label)."""
    roles = global_roles(user) if user is not None and user.is_authenticated else {}
    if roles.get("is_admin"):
        return _("Admin")
    if roles.get("is_reviewer"):
        return _("Special Group reviewer")
    return ""


def _member_countries(user):
    return Membership.objects.filter(user=user).values("country")


# --- Strategies and working copies ------------------------------------------------------------------------

#: The states in which a strategy is the Special Group's business.
REVIEWABLE_STATUSES = ("submitted", "changes_requested", "approved")
APPROVED = "approved"


def visible_strategies(user, queryset: QuerySet) -> QuerySet:
    """The strategies of `queryset` the user may see at all (working draft or not: see can_read_working_copy)."""
    if not _active(user):
        return queryset.none()
    if is_admin(user):
        return queryset
    # A subquery rather than a join keeps one row per strategy without DISTINCT.
    visible = Q(country__in=_member_countries(user)) | Q(status=APPROVED)
    if is_reviewer(user):
        visible |= Q(status__in=REVIEWABLE_STATUSES)
    return queryset.filter(visible)


def can_view_strategy(user, strategy) -> bool:
    if is_admin(user) or country_role(user, strategy.country_id) is not None:
        return True
    if strategy.status == APPROVED and _active(user):
        return True
    return is_reviewer(user) and strategy.status in REVIEWABLE_STATUSES


def can_read_working_copy(user, strategy) -> bool:
    """The live draft is private to the country's members and the admins."""
    return is_admin(user) or country_role(user, strategy.country_id) is not None


def can_edit(user, strategy) -> bool:
    """Leads and editors edit their country's strategy until it is approved (then it is reopened)."""
    if strategy.status == APPROVED:
        return False
    return is_admin(user) or country_role(user, strategy.country_id) in EDITING_ROLES


def can_transition(user, strategy, action: str) -> bool:
    """Who may take a step of the workflow (`strategy.TRANSITIONS`: action → (from, to, who)); whether the
    state allows it is the strategy's own check (Strategy.check_transition)."""
    transitions = getattr(strategy, "TRANSITIONS", {})
    if action not in transitions:
        return False
    if is_admin(user):
        return True
    if transitions[action][2] == "country":
        return country_role(user, strategy.country_id) == LEAD
    return is_reviewer(user)


def visible_countries(user) -> QuerySet:
    """Countries whose working drafts the user may read: their own, or all for admins (the calendar feed)."""
    if is_admin(user):
        return Country.objects.all()
    if not _active(user):
        return Country.objects.none()
    return Country.objects.filter(pk__in=_member_countries(user))


def editing_members(users: QuerySet, country) -> QuerySet:
    """The people of `users` who edit that country's work: who may own a task or be given a section."""
    country_id = country.pk if isinstance(country, Country) else country
    return users.filter(
        is_active=True,
        pk__in=Membership.objects.filter(country_id=country_id, role__in=EDITING_ROLES).values("user"),
    )


def can_be_assigned(user, country) -> bool:
    """Whether work of that country (a section, a task) may be given to `user`."""
    return country_role(user, country) in EDITING_ROLES


# --- Comments on the working draft (decision: see the module's docstring) --------------------------------


def can_comment(user, strategy) -> bool:
    """Members of the country (viewers included) and admins write in the draft's comment threads."""
    return can_read_working_copy(user, strategy)


def can_resolve_comments(user, strategy) -> bool:
    """Resolving or reopening a thread is editing: leads, editors and admins (whatever the strategy's state)."""
    return is_admin(user) or country_role(user, strategy.country_id) in EDITING_ROLES


# --- Reviews and snapshots ----------------------------------------------------------------------------------


def can_use_review_pages(user) -> bool:
    """The inbox, the review pages and the Europe dashboard: Special Group reviewers and admins."""
    return is_admin(user) or is_reviewer(user)


def can_review(user, strategy) -> bool:
    """Reviewers (and admins) review what a country submitted; they never edit its text."""
    return can_use_review_pages(user) and strategy.status in REVIEWABLE_STATUSES


def can_release_review(user, review) -> bool:
    """A claimed review is released by the reviewer who holds it, or by an admin."""
    return is_admin(user) or (_active(user) and review.reviewer_id == user.pk)


def reviewers(users: QuerySet) -> QuerySet:
    """The Special Group reviewers among `users`: the people told about a new submission."""
    return users.filter(is_reviewer=True, is_active=True)


#: A snapshot the country withdrew: its review was closed without a decision.
_WITHDRAWN = Q(review__completed_at__isnull=False, review__decision="")


def visible_snapshots(user, queryset: QuerySet) -> QuerySet:
    """The frozen submissions of `queryset` the user may read: every one of their own country's (its
    timeline), the approved ones for everybody signed in, and for reviewers every one they review or
    reviewed, but not one the country withdrew; admins read all."""
    if not _active(user):
        return queryset.none()
    if is_admin(user):
        return queryset
    visible = Q(review__decision="approve") | Q(strategy__country__in=_member_countries(user))
    if is_reviewer(user):
        visible |= ~_WITHDRAWN
    return queryset.filter(visible)


def can_view_snapshot(user, snapshot) -> bool:
    """The same rule as visible_snapshots, for one snapshot already loaded (its review read by duck typing)."""
    if not _active(user):
        return False
    if is_admin(user) or country_role(user, snapshot.strategy.country_id) is not None:
        return True
    review = getattr(snapshot, "review", None)
    decision = getattr(review, "decision", "")
    if decision == "approve":
        return True
    withdrawn = review is not None and review.completed_at is not None and not decision
    return is_reviewer(user) and not withdrawn


# --- Comparisons and exports ----------------------------------------------------------------------------


def can_see_dashboard(user) -> bool:
    """The Europe dashboard (every country's progress, never its text): reviewers and admins."""
    return can_use_review_pages(user)


def can_download_all_countries(user) -> bool:
    """One ZIP with the newest PDF of every country the user may see: reviewers and admins."""
    return can_use_review_pages(user)


def pdf_of_working_copy(user, strategy) -> bool:
    """Whether the strategy's PDF for this user is its live draft (members, admins) or, for everybody else,
    the newest snapshot they may see (visible_snapshots)."""
    return can_read_working_copy(user, strategy)


# --- Factsheets --------------------------------------------------------------------------------------------


def can_read_factsheets(user, country) -> bool:
    """A country's factsheets, drafts included: its members and admins."""
    return is_admin(user) or country_role(user, country) is not None


def can_edit_factsheets(user, country) -> bool:
    return is_admin(user) or country_role(user, country) in EDITING_ROLES


# --- Team management -----------------------------------------------------------------------------------------
# Admins run every country's team and every account. A country's lead runs that country's team only: invites
# editors and viewers, changes their roles and removes them. A lead never touches another country, never
# makes anyone a lead, reviewer or admin, and never leaves the country without a lead. Nobody else manages.


def can_manage_people(user) -> bool:
    """The people directory and whole accounts (deactivate, reactivate, global roles, unlock, sessions), the
    account audit log and the sign-in rules: admins only."""
    return is_admin(user)


def can_manage_team(user, country) -> bool:
    return is_admin(user) or country_role(user, country) == LEAD


def managed_countries(user) -> QuerySet[Country]:
    """The countries whose team the user runs."""
    if is_admin(user):
        return Country.objects.all()
    if not _active(user):
        return Country.objects.none()
    return Country.objects.filter(memberships__user=user, memberships__role=LEAD)


def assignable_roles(user, country) -> list[str]:
    """The country roles the user may give someone in that country (invite as, or change to)."""
    if is_admin(user):
        return [LEAD, EDITOR, VIEWER]
    if country_role(user, country) == LEAD:
        return [EDITOR, VIEWER]
    return []


def can_invite(user, *, country=None, role: str = "", is_reviewer: bool = False) -> bool:
    """Invite someone to a country with a role, and/or (admins) to the Special Group."""
    if is_reviewer and not is_admin(user):
        return False
    if country is None:
        return is_admin(user) and not role
    return role in assignable_roles(user, country)


def has_lead(country) -> bool:
    """Whether someone leads that country's team (the team page warns when nobody does)."""
    country_id = country.pk if isinstance(country, Country) else country
    return Membership.objects.filter(country_id=country_id, role=LEAD).exists()


def _other_leads(membership) -> bool:
    return Membership.objects.filter(country_id=membership.country_id, role=LEAD).exclude(pk=membership.pk).exists()


def can_change_role(user, membership, new_role: str) -> bool:
    """Change a member's role in the membership's country. A lead changes editors and viewers (between those
    two), and may step down from lead while another lead remains."""
    if new_role not in assignable_roles(user, membership.country_id):
        return False
    if is_admin(user) or membership.role != LEAD:
        return True
    return membership.user_id == user.pk and _other_leads(membership)


def role_options(user, membership) -> list[str]:
    """The roles a drop-down offers for a member: their current role first when the user may not give it,
    then every role the user may change it to (one option only: nothing to change)."""
    allowed = [r for r in assignable_roles(user, membership.country_id) if can_change_role(user, membership, r)]
    return allowed if membership.role in allowed else [membership.role, *allowed] if allowed else [membership.role]


def can_remove_member(user, membership) -> bool:
    """Take someone off a country's team (their account and their work stay). A lead removes editors and
    viewers, and may leave while another lead remains."""
    if is_admin(user):
        return True
    if country_role(user, membership.country_id) != LEAD:
        return False
    if membership.role != LEAD:
        return True
    return membership.user_id == user.pk and _other_leads(membership)


def visible_invitations(user, queryset: QuerySet | None = None) -> QuerySet:
    """Invitations the user may see, resend and revoke: all for admins, their countries' for leads."""
    qs = Invitation.objects.all() if queryset is None else queryset
    if is_admin(user):
        return qs
    if not _active(user):
        return qs.none()
    return qs.filter(country__in=managed_countries(user), is_reviewer=False)


def can_manage_invitation(user, invitation) -> bool:
    if is_admin(user):
        return True
    return bool(invitation.country_id) and not invitation.is_reviewer and can_manage_team(user, invitation.country_id)


# --- Sign-in rules -------------------------------------------------------------------------------------------


def mfa_required(user, rules: SecuritySettings | None = None) -> bool:
    """Whether the user must use two-factor authentication: reviewers and admins, when an admin (the
    in-app sign-in rules) or the deployment (settings.MFA_REQUIRED_FOR) says so."""
    if not _active(user) or not (user.is_superuser or user.is_reviewer):
        return False
    rules = rules or SecuritySettings.current()
    forced = {role.strip().lower() for role in getattr(settings, "MFA_REQUIRED_FOR", [])}
    if user.is_superuser and (rules.mfa_required_for_admins or "admins" in forced):
        return True
    return bool(user.is_reviewer and (rules.mfa_required_for_reviewers or "reviewers" in forced))


# --- Monitoring, progress reports and panel review ----------------------------------------------------------
# Monitoring data (KPI readings, risk reviews, stories, draft reports, panel links) is the country's working
# material: its members read it, its leads and editors record it (also once the strategy is approved: that is
# when a plan is run), admins do everything. Progress reports travel like strategies: the country's lead
# submits, Special Group reviewers (and admins) review what was submitted, approved reports are readable by
# every signed-in user, and so are the success stories an approved country agreed to share.

#: The states in which a progress report is the Special Group's business.
REPORT_REVIEWABLE = REVIEWABLE_STATUSES


def can_read_monitoring(user, strategy) -> bool:
    return can_read_working_copy(user, strategy)


def can_record_monitoring(user, strategy) -> bool:
    """Readings, risk reviews, stories and report drafts: the country's leads and editors (whatever the
    strategy's state: an approved plan is the one being run), and admins."""
    return is_admin(user) or country_role(user, strategy.country_id) in EDITING_ROLES


def can_submit_report(user, report) -> bool:
    """Submit or withdraw a progress report: the country's lead (as for the strategy), or an admin."""
    return is_admin(user) or country_role(user, report.strategy.country_id) == LEAD


def can_review_reports(user) -> bool:
    return can_use_review_pages(user)


def can_review_report(user, report) -> bool:
    return can_review_reports(user) and report.status in REPORT_REVIEWABLE


def visible_reports(user, queryset: QuerySet) -> QuerySet:
    """Progress reports the user may read: the country's own (drafts included), everything submitted for
    reviewers and admins, and approved reports for everyone signed in."""
    if not _active(user):
        return queryset.none()
    if is_admin(user):
        return queryset
    shown = Q(strategy__country__in=_member_countries(user)) | Q(status=APPROVED)
    if is_reviewer(user):
        shown |= Q(status__in=REPORT_REVIEWABLE)
    return queryset.filter(shown)


def can_read_report(user, report) -> bool:
    if is_admin(user) or country_role(user, report.strategy.country_id) is not None:
        return True
    if report.status == APPROVED and _active(user):
        return True
    return is_reviewer(user) and report.status in REPORT_REVIEWABLE


def shared_stories(user, queryset: QuerySet) -> QuerySet:
    """Success stories of other countries the user may read: those shared with consent by a country whose
    strategy is approved (now, or in an earlier version)."""
    if not _active(user):
        return queryset.none()
    strategies = queryset.model._meta.get_field("strategy").related_model.objects
    approved = strategies.filter(Q(status=APPROVED) | Q(snapshots__review__decision="approve")).values("pk")
    return queryset.filter(consent_to_share=True, strategy__in=approved)


def can_manage_panel_links(user, strategy) -> bool:
    """Open a section to an outside panel, and close the link: the country's leads and editors."""
    return can_record_monitoring(user, strategy)


# --- Exchange: Word/ODT and JSON exports, strategy import, API tokens ------------------------------------------
# Exports follow the pages: the working copy for the country's members and admins, the snapshots for whoever
# may see them (the loaders in strategies/permissions.py). The rules below are the ones only exchange asks.


#: A country's factsheets (Word/ODT as PDF) are exported by whoever reads them on the factsheet pages.
can_export_factsheets = can_read_factsheets


def can_import_strategy_into(user, strategy) -> bool:
    """Importing a strategy (JSON) writes into a country's own draft: its leads and editors, and admins, while
    it is not approved (an approved strategy is reopened first)."""
    if strategy.status == "approved":
        return False
    return is_admin(user) or country_role(user, strategy.country_id) in EDITING_ROLES


def can_use_api(user) -> bool:
    """Personal access tokens and the read-only API: every active, signed-in person (a token sees exactly
    what its owner sees through the pages, never more)."""
    return _active(user)


def visible_api_tokens(user, queryset: QuerySet) -> QuerySet:
    """A person's own tokens only (admins revoke others' by deactivating the account)."""
    if not _active(user):
        return queryset.none()
    return queryset.filter(user=user)


# --- Administration ----------------------------------------------------------------------------------------


def can_use_admin(user) -> bool:
    """The Django admin's own rule (active staff), for the navigation's link to it."""
    return _active(user) and user.is_staff


def can_read_audit_trail(user) -> bool:
    return is_admin(user)
