"""Team pages (admins: every country and account; leads: their own country), accepting an invitation, and
each person's account page, by area. Views parse input with forms, call one service or selector, and
redirect; what a user may see or do comes from accounts/policy.py, and anything they may not see is a 404."""

from accounts.views.invitations import accept_invitation, invitation_list, invitation_resend, invitation_revoke
from accounts.views.me import my_account
from accounts.views.people import (
    people,
    person_add_membership,
    person_deactivate,
    person_detail,
    person_reactivate,
    person_roles,
    person_sign_out,
)
from accounts.views.security import audit_log, security, unlock
from accounts.views.teams import (
    country_edit,
    country_team,
    invite,
    invite_anyone,
    member_remove,
    member_role,
    team_index,
)

__all__ = [
    "accept_invitation",
    "audit_log",
    "country_edit",
    "country_team",
    "invitation_list",
    "invitation_resend",
    "invitation_revoke",
    "invite",
    "invite_anyone",
    "member_remove",
    "member_role",
    "my_account",
    "people",
    "person_add_membership",
    "person_deactivate",
    "person_detail",
    "person_reactivate",
    "person_roles",
    "person_sign_out",
    "security",
    "team_index",
    "unlock",
]
