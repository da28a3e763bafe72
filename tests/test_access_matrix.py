"""The access matrix: every URL name × every role × GET and POST, with the status each must get, and for
every write that is refused the database unchanged. A URL added without a row here fails
test_every_url_has_a_row.

Adding a row: one line in TABLE, with the URL's arguments (names of WORLD objects or literal values) and
nine status codes for GET and for POST, one per role in the order of ROLES. A code ending in "w" marks a
write the role may make (its POST may change the database); every other POST must leave it unchanged.

Roles: the anonymous visitor; viewer, editor and lead of the country that owns the strategy (Germany,
whose strategy is in review); the same of another country (France, with its own draft); a Special Group
reviewer; an admin. Other objects: Portugal's approved strategy (its snapshot, a row to reuse).
"""

from __future__ import annotations

import dataclasses
import datetime
import logging
import time
from decimal import Decimal
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from accounts import services as account_services
from accounts.invitations import new_token
from accounts.models import CalendarToken
from accounts.sessions import SEEN
from api import services as api_services
from exports import services as export_services
from factsheets import services as factsheet_services
from factsheets.models import FactsheetTemplate
from monitoring import services as monitoring_services
from reviews import report_services
from reviews import services as review_services
from reviews.models import Notification
from strategies import services
from strategies.models import KPI, Presence, Risk
from tests.conftest import rolled_back_at_the_end
from tests.db_state import WriteCounter, fingerprint
from tests.factories import MembershipFactory, UserFactory, country, make_strategy

#: Text only Germany's working draft holds: no response to anyone outside Germany (admins aside) may show it.
DRAFT_MARKER = "DRAFT-ONLY-MARKER"
OUTSIDERS = ("anon", "x_viewer", "x_editor", "x_lead", "reviewer")

ROLES = ("anon", "viewer", "editor", "lead", "x_viewer", "x_editor", "x_lead", "reviewer", "admin")

#: What a POST sends unless its row says otherwise: a value for every field the app's forms have, so that a
#: refused write would have written something.
POST = {
    "summary": "<p>Matrix text</p>",
    "edit_version": "1",
    "description": "Matrix risk",
    "likelihood": "3",
    "impact": "3",
    "body": "Matrix comment",
    "action": "withdraw",
    "reason": "Matrix reason",
    "status": "accepted",
    "decision": "request_changes",
    "email_mode": "none",
    "ph-country": "Matrix",
    "strategy": "{strategy}",
}

#: Each URL name: its arguments (names of WORLD attributes, or literal values), then the status for GET and
#: for POST, one per role:  anon  viewer editor lead  x_viewer x_editor x_lead  reviewer admin.
#: "w": that role may write with this POST. "302L": a redirect to the admin's sign-in page. "*": any answer
#: below 500 that is not a redirect to a sign-in page (the admin's own pages).
#: Every admin URL without a row in TABLE: nobody but an admin gets past the admin's sign-in page.
ADMIN_RULE = ("", "302L 302L 302L 302L 302L 302L 302L 302L *", "302L 302L 302L 302L 302L 302L 302L 302L *w")

TABLE: dict[str, tuple[str, str, str]] = {
    # --- Sign-in, passwords, e-mail addresses, two-factor authentication, single sign-on (django-allauth) ---
    # Signed-in people asking for the sign-in page are sent home (302). Pages that need a recent sign-in send a
    # test client signed in without a password to the reauthentication page (302). Single sign-on is not
    # configured in the tests, so its URLs are 404 (tests/accounts/test_oidc.py configures a stand-in).
    "account_login": ("", "200 302 302 302 302 302 302 302 302", "200 302 302 302 302 302 302 302 302"),
    "account_logout": ("", "302 200 200 200 200 200 200 200 200", "302 302w 302w 302w 302w 302w 302w 302w 302w"),
    "account_signup": (  # closed: accounts come from invitations
        "",
        "200 302 302 302 302 302 302 302 302",
        "200 302 302 302 302 302 302 302 302",
    ),
    "account_inactive": ("", "200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405"),
    "account_reauthenticate": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "account_request_reauthentication_code": (
        "",
        "302 302 302 302 302 302 302 302 302",
        "302 302 302 302 302 302 302 302 302",
    ),
    "account_confirm_reauthentication_code": (
        "",
        "302 302 302 302 302 302 302 302 302",
        "302 302 302 302 302 302 302 302 302",
    ),
    "account_confirm_login_code": ("", "302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    "account_change_password": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "account_set_password": ("", "302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    "account_email": ("", "302 200 200 200 200 200 200 200 200", "302 302 302 302 302 302 302 302 302"),
    "account_email_verification_sent": (
        "",
        "200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405",
    ),
    "account_confirm_email": ("key=abc", "200 200 200 200 200 200 200 200 200", "404 404 404 404 404 404 404 404 404"),
    "account_reset_password": ("", "200 200 200 200 200 200 200 200 200", "302 302 302 302 302 302 302 302 302"),
    "account_reset_password_done": ("", "200 200 200 200 200 200 200 200 200", "405 405 405 405 405 405 405 405 405"),
    "account_reset_password_from_key": (
        "uidb36=1 key=set-password",
        "200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200",
    ),
    "account_reset_password_from_key_done": (
        "",
        "200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405",
    ),
    "mfa_index": ("", "302 200 200 200 200 200 200 200 200", "302 405 405 405 405 405 405 405 405"),
    "mfa_authenticate": ("", "302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    "mfa_reauthenticate": ("", "302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    "mfa_activate_totp": ("", "302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    "mfa_deactivate_totp": ("", "302 404 404 404 404 404 404 404 404", "302 404 404 404 404 404 404 404 404"),
    "mfa_view_recovery_codes": ("", "302 404 404 404 404 404 404 404 404", "302 405 405 405 405 405 405 405 405"),
    "mfa_generate_recovery_codes": ("", "302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    "mfa_download_recovery_codes": ("", "302 404 404 404 404 404 404 404 404", "302 404 404 404 404 404 404 404 404"),
    "openid_connect_login": (
        "provider_id=sso",
        "404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404",
    ),
    "openid_connect_callback": (
        "provider_id=sso",
        "404 404 404 404 404 404 404 404 404",
        "404 404 404 404 404 404 404 404 404",
    ),
    "socialaccount_connections": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "socialaccount_login_cancelled": (
        "",
        "200 200 200 200 200 200 200 200 200",
        "405 405 405 405 405 405 405 405 405",
    ),
    "socialaccount_login_error": ("", "401 401 401 401 401 401 401 401 401", "405 405 405 405 405 405 405 405 405"),
    "socialaccount_signup": ("", "302 302 302 302 302 302 302 302 302", "302 302 302 302 302 302 302 302 302"),
    # --- Team pages: admins for every country and account; a lead for their own country only ---
    "accounts:team": ("", "302 404 404 302 404 404 302 404 200", "302 404 404 302 404 404 302 404 200"),
    "accounts:country": ("code=DE", "302 404 404 200 404 404 404 404 200", "302 404 404 200 404 404 404 404 200"),
    "accounts:invite": ("code=DE", "302 404 404 200 404 404 404 404 200", "302 404 404 302w 404 404 404 404 302w"),
    "accounts:country_edit": (
        "code=DE",
        "302 404 404 404 404 404 404 404 200",
        "302 404 404 404 404 404 404 404 302w",
    ),
    "accounts:member_role": (
        "pk=membership",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 302w 404 404 404 404 302w",
    ),
    "accounts:member_remove": (
        "pk=membership",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 302w 404 404 404 404 302w",
    ),
    "accounts:invitations": ("", "302 404 404 200 404 404 200 404 200", "302 404 404 200 404 404 200 404 200"),
    "accounts:invitation_resend": (
        "pk=invitation",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 302w 404 404 404 404 302w",
    ),
    "accounts:invitation_revoke": (
        "pk=invitation",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 302w 404 404 404 404 302w",
    ),
    "accounts:invite_anyone": ("", "302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 302w"),
    "accounts:people": ("", "302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 200"),
    "accounts:person": ("pk=editor_user", "302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 200"),
    "accounts:person_roles": (
        "pk=editor_user",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404 302w",
    ),
    "accounts:person_add_membership": (
        "pk=editor_user",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404 302w",
    ),
    "accounts:person_deactivate": (
        "pk=editor_user",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404 302w",
    ),
    "accounts:person_reactivate": (  # the editor is active: nothing to do
        "pk=editor_user",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404 302",
    ),
    "accounts:person_sign_out": (
        "pk=editor_user",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404 302w",
    ),
    "accounts:security": ("", "302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 302w"),
    "accounts:unlock": (  # nobody is locked out: the audit trail records the request, nothing else changes
        "",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 404 302",
    ),
    "accounts:audit_log": ("", "302 404 404 404 404 404 404 404 200", "302 404 404 404 404 404 404 404 200"),
    # The invitee's page: open to whoever holds the link; signed-in people are asked to sign out first.
    "accounts:accept": (
        "token=invite_token",
        "200 200 200 200 200 200 200 200 200",
        "302w 200 200 200 200 200 200 200 200",
    ),
    # Each person's own account page ("sign out everywhere else" bumps their session epoch).
    "accounts:me": ("", "302 200 200 200 200 200 200 200 200", "302 302w 302w 302w 302w 302w 302w 302w 302w"),
    # --- The guide: every signed-in user ---
    "guide:index": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "guide:glossary": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "guide:resources": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    # --- A country's working draft: its members and admins; 404 for everyone else, reviewers included ---
    "strategies:home": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "strategies:start": (  # the lead starts the country's strategy (Germany has one: shown, nothing written)
        "code=DE",
        "302 405 405 405 405 405 405 405 405",
        "302 403 403 302 404 404 404 404 302",
    ),
    "strategies:calendar": ("", "302 200 200 200 200 200 200 200 200", "302 302w 302w 302w 302w 302w 302w 302w 302w"),
    "strategies:calendar_feed": (  # public by design: the secret token is the credential
        "token=token",
        "200 200 200 200 200 200 200 200 200",
        "200 200 200 200 200 200 200 200 200",
    ),
    "strategies:detail": ("pk=strategy", "302 200 200 200 404 404 404 302 200", "302 200 200 200 404 404 404 302 200"),
    "strategies:details": (  # title, period and national contact: leads, editors, admins (the matrix's POST
        # lacks a title, so even an allowed save is refused as invalid: 422, nothing written)
        "pk=strategy",
        "302 403 200 200 404 404 404 404 200",
        "302 403 422 422 404 404 404 404 422",
    ),
    "strategies:mention_candidates": (  # the @ autocomplete: the country's members, read only
        "pk=strategy",
        "302 200 200 200 404 404 404 404 200",
        "302 200 200 200 404 404 404 404 200",
    ),
    "strategies:section": (
        "pk=strategy key=conclusion",
        "302 200 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "strategies:section_history": (
        "pk=strategy key=conclusion",
        "302 200 200 200 404 404 404 404 200",
        "302 200 200 200 404 404 404 404 200",
    ),
    "strategies:section_restore": (
        "pk=strategy key=conclusion version=1",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "strategies:section_presence": (  # records who has the section open (not part of the fingerprint)
        "pk=strategy key=conclusion",
        "302 200 200 200 404 404 404 404 200",
        "302 200 200 200 404 404 404 404 200",
    ),
    "strategies:section_comments": (  # viewers may comment (accounts/policy.py: the comment decision)
        "pk=strategy key=conclusion",
        "302 200 200 200 404 404 404 404 200",
        "302 302w 302w 302w 404 404 404 404 302w",
    ),
    "strategies:section_assign": (  # leads and admins only
        "pk=strategy key=conclusion",
        "302 405 405 405 405 405 405 405 405",
        "302 403 403 302w 404 404 404 404 302w",
    ),
    "strategies:comment_toggle": (  # resolving a thread is editing: not for viewers (accounts/policy.py)
        "pk=strategy comment_id=comment action=resolve",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "strategies:action_plan": (
        "pk=strategy",
        "302 200 200 200 404 404 404 404 200",
        "302 200 200 200 404 404 404 404 200",
    ),
    "strategies:assessments": (
        "pk=strategy",
        "302 200 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "strategies:parts": (
        "pk=strategy kind=risks",
        "302 200 200 200 404 404 404 404 200",
        "302 200 200 200 404 404 404 404 200",
    ),
    "strategies:part_new": (
        "pk=strategy kind=risks",
        "302 403 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "strategies:part": (
        "pk=strategy kind=risks part_id=risk",
        "302 200 200 200 404 404 404 404 200",
        "302 403 200w 200w 404 404 404 404 200w",
    ),
    "strategies:part_delete": (
        "pk=strategy kind=risks part_id=risk",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "strategies:part_move": (
        "pk=strategy kind=risks part_id=risk direction=up",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    # --- Review: reviewers and admins review; the country's lead moves its strategy along ---
    "reviews:inbox": ("", "302 404 404 404 404 404 404 200 200", "302 404 404 404 404 404 404 200 200"),
    "reviews:review": ("pk=review", "302 404 404 404 404 404 404 200 200", "302 404 404 404 404 404 404 200 200"),
    "reviews:claim": ("pk=review", "302 405 405 405 405 405 405 405 405", "302 404 404 404 404 404 404 302w 302w"),
    "reviews:verdict": (
        "pk=review key=conclusion",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 302w 302w",
    ),
    "reviews:decide": ("pk=review", "302 405 405 405 405 405 405 405 405", "302 404 404 404 404 404 404 302w 302w"),
    "reviews:snapshot": (
        "pk=snapshot",
        "302 200 200 200 404 404 404 200 200",
        "302 200 200 200 404 404 404 200 200",
    ),
    "reviews:transition": (  # refused steps answer with a message on the overview (302, nothing written)
        "pk=strategy",
        "302 405 405 405 405 405 405 405 405",
        "302 302 302 302w 404 404 404 404 302w",
    ),
    "reviews:latest": ("pk=strategy", "302 302 302 302 404 404 404 302 302", "302 302 302 302 404 404 404 302 302"),
    "reviews:notifications": (  # each user's own
        "",
        "302 200 200 200 200 200 200 200 200",
        "302 302w 302w 302w 302w 302w 302w 302w 302w",
    ),
    "reviews:notification": (  # the reviewer's own notification
        "pk=notification",
        "302 404 404 404 404 404 404 302 404",
        "302 404 404 404 404 404 404 302w 404",
    ),
    # --- Comparisons read only the snapshots each user may see; the dashboard is for reviewers ---
    "comparisons:index": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "comparisons:dashboard": ("", "302 404 404 404 404 404 404 200 200", "302 404 404 404 404 404 404 200 200"),
    "comparisons:section": (
        "key=conclusion",
        "302 200 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200 200",
    ),
    "comparisons:audiences": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "comparisons:channels": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "comparisons:messages": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "comparisons:kpis": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "comparisons:risks": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "comparisons:recommendations": (
        "",
        "302 200 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200 200",
    ),
    "comparisons:progress": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "comparisons:reuse": (  # copy Portugal's approved row into Germany's draft: its editors only
        "snapshot_id=approved_snapshot kind=risks row_id=approved_risk_id",
        "302 405 405 405 405 405 405 405 405",
        "302 302 302w 302w 404 404 404 302 302w",
    ),
    # --- Monitoring (issue #14): the country's members read it, leads and editors record it; reports travel
    # like strategies (the lead submits, reviewers review what was submitted); the panel's link needs no account.
    "monitoring:overview": (
        "pk=strategy",
        "302 200 200 200 404 404 404 404 200",
        "302 200 200 200 404 404 404 404 200",
    ),
    "monitoring:checks": ("pk=strategy", "302 200 200 200 404 404 404 404 200", "302 200 200 200 404 404 404 404 200"),
    "monitoring:kpi": (
        "pk=strategy kpi_id=kpi",
        "302 200 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:reading_delete": (
        "pk=strategy reading_id=reading",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:task_status": (
        "pk=strategy task_id=task",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:risks": (
        "pk=strategy",
        "302 200 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:stories": (
        "pk=strategy",
        "302 200 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:story": (
        "pk=strategy story_id=story",
        "302 403 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:report_new": (
        "pk=strategy",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:lessons": ("pk=strategy", "302 200 200 200 404 404 404 404 200", "302 200 200 200 404 404 404 404 200"),
    "monitoring:lesson_link": (
        "pk=strategy lesson_id=lesson",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:panel": (
        "pk=strategy",
        "302 200 200 200 404 404 404 404 200",
        "302 403 200w 200w 404 404 404 404 200w",
    ),
    "monitoring:panel_close": (
        "pk=strategy link_id=panel_link",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:report": (  # a draft report: the country's members and admins
        "pk=draft_report",
        "302 200 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:report_delete": (
        "pk=draft_report",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "monitoring:shared": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "monitoring:compare_readings": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "monitoring:panel_review": (  # public by design: the link's secret token is the credential (one section)
        "token=panel_token",
        "200 200 200 200 200 200 200 200 200",
        "200w 200w 200w 200w 200w 200w 200w 200w 200w",
    ),
    "reviews:report_transition": (  # the lead (or an admin) submits; the others are told no, nothing written
        "pk=draft_report",
        "302 405 405 405 405 405 405 405 405",
        "302 302 302 302w 404 404 404 404 302w",
    ),
    "reviews:report_review": (
        "pk=report_submission",
        "302 404 404 404 404 404 404 200 200",
        "302 404 404 404 404 404 404 200 200",
    ),
    "reviews:report_verdict": (
        "pk=report_submission part=kpis",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 302w 302w",
    ),
    "reviews:report_decide": (
        "pk=report_submission",
        "302 405 405 405 405 405 405 405 405",
        "302 404 404 404 404 404 404 302w 302w",
    ),
    # --- Exports: the same policy as the pages; reviewers get the snapshot ---
    "exports:strategy_pdf": (
        "pk=strategy",
        "302 202 202 202 404 404 404 202 202",
        "302 202 202 202 404 404 404 202 202",
    ),
    "exports:job": ("pk=job", "302 404 404 404 404 404 404 404 404", "302 404 404 404 404 404 404 404 404"),
    "exports:zip": ("", "302 404 404 404 404 404 404 202 202", "302 404 404 404 404 404 404 202 202"),
    # --- Word/ODT and JSON (issue #15): the same policy as the PDF; the import into a draft its editors only ---
    "exports:strategy_word": (
        "pk=strategy fmt=docx",
        "302 200 200 200 404 404 404 200 200",
        "302 200 200 200 404 404 404 200 200",
    ),
    "exports:snapshot_word": (
        "pk=snapshot fmt=odt",
        "302 200 200 200 404 404 404 200 200",
        "302 200 200 200 404 404 404 200 200",
    ),
    "exports:factsheet_word": (
        "pk=factsheet fmt=docx",
        "302 200 200 200 404 404 404 404 200",
        "302 200 200 200 404 404 404 404 200",
    ),
    "exports:strategy_json": (
        "pk=strategy",
        "302 200 200 200 404 404 404 200 200",
        "302 200 200 200 404 404 404 200 200",
    ),
    "exports:snapshot_json": (
        "pk=approved_snapshot",
        "302 200 200 200 200 200 200 200 200",
        "302 200 200 200 200 200 200 200 200",
    ),
    "exports:strategy_import": (  # the POST names no source: refused with the form (422), nothing written
        "pk=strategy",
        "302 404 200 200 404 404 404 404 200",
        "302 404 422 422 404 404 404 404 422",
    ),
    # --- The read-only API (signed in through the session here; tests/api/test_api.py does it with tokens) ---
    "api:docs": ("", "302 200 200 200 200 200 200 200 200", "302 200 200 200 200 200 200 200 200"),
    "api:tokens": ("", "302 200 200 200 200 200 200 200 200", "302 200w 200w 200w 200w 200w 200w 200w 200w"),
    "api:token_revoke": (  # the editor's own token; nobody else's, admins included
        "pk=api_token",
        "302 405 405 405 405 405 405 405 405",
        "302 404 302w 404 404 404 404 404 404",
    ),
    "api:schema": ("", "401 200 200 200 200 200 200 200 200", "401 405 405 405 405 405 405 405 405"),
    "api:swagger": ("", "401 200 200 200 200 200 200 200 200", "401 405 405 405 405 405 405 405 405"),
    "api:comparisons": ("", "401 200 200 200 200 200 200 200 200", "401 405 405 405 405 405 405 405 405"),
    "api:country-list": ("", "401 200 200 200 200 200 200 200 200", "401 405 405 405 405 405 405 405 405"),
    "api:country-detail": ("code=DE", "401 200 200 200 200 200 200 200 200", "401 405 405 405 405 405 405 405 405"),
    "api:strategy-list": ("", "401 200 200 200 200 200 200 200 200", "401 405 405 405 405 405 405 405 405"),
    "api:strategy-detail": (
        "pk=strategy",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    "api:strategy-sections": (
        "pk=strategy",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    "api:strategy-parts": (
        "pk=strategy kind=risks",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    "api:strategy-tasks": (
        "pk=strategy",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    "api:strategy-kpi-readings": (
        "pk=strategy",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    "api:strategy-document": (
        "pk=strategy",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    "api:snapshot-list": ("", "401 200 200 200 200 200 200 200 200", "401 405 405 405 405 405 405 405 405"),
    "api:snapshot-detail": (
        "pk=snapshot",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    "api:snapshot-document": (
        "pk=snapshot",
        "401 200 200 200 404 404 404 200 200",
        "401 405 405 405 405 405 405 405 405",
    ),
    # --- Factsheets: the country's members and admins ---
    "factsheets:list": ("code=DE", "302 200 200 200 404 404 404 404 200", "302 200 200 200 404 404 404 404 200"),
    "factsheets:start": (
        "code=DE key=citizens language=de",
        "302 405 405 405 405 405 405 405 405",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "factsheets:edit": (
        "pk=factsheet",
        "302 200 200 200 404 404 404 404 200",
        "302 403 302w 302w 404 404 404 404 302w",
    ),
    "factsheets:preview": (  # renders the posted text, writes nothing
        "pk=factsheet",
        "302 405 405 405 405 405 405 405 405",
        "302 200 200 200 404 404 404 404 200",
    ),
    "factsheets:pdf": (  # the old address of the factsheet PDF: a redirect to exports' for those who may see it
        "pk=factsheet",
        "302 302 302 302 404 404 404 404 302",
        "302 302 302 302 404 404 404 404 302",
    ),
    "exports:factsheet_pdf": (
        "pk=factsheet",
        "302 202 202 202 404 404 404 404 202",
        "302 202 202 202 404 404 404 404 202",
    ),
    "exports:comparison_pdf": (  # only the snapshots each may see (never a draft): every signed-in user
        "key=conclusion",
        "302 202 202 202 202 202 202 202 202",
        "302 202 202 202 202 202 202 202 202",
    ),
    # --- The admin site: staff only. Every other admin URL follows ADMIN_RULE. ---
    # The admin's own sign-in page is replaced by the app's (lockout, two-factor): anonymous visitors are sent
    # there, signed-in people who are not staff are refused.
    "admin:login": ("", "302 403 403 403 403 403 403 403 302", "302 403 403 403 403 403 403 403 200"),
    "admin:logout": ("", "302 302 302 302 302 302 302 302 405", "302 302 302 302 302 302 302 302 302w"),
    "admin:auth_user_password_change": ("id=editor_user", *ADMIN_RULE[1:]),
}

#: What the team pages' forms send.
TEAM_DATA = {
    "role": "viewer",
    "email": "new@example.org",
    "username": "editor",
    "first_name": "Ina",
    "last_name": "Vitee",
    "password1": "A-good-pass-4242",
    "password2": "A-good-pass-4242",
    "is_reviewer": "on",
    "is_signatory": "on",
    "website": "https://example.org",
    "mfa_required_for_reviewers": "on",
}

#: POST data a row needs beyond POST (a function of the WORLD).
ROW_DATA = {
    **{
        name: (lambda world: {**TEAM_DATA, "country": str(world.france.pk)})
        for name in TABLE
        if name.startswith("accounts:")
    },
    "account_login": lambda world: {"login": "editor", "password": "wrong"},
    "api:tokens": lambda world: {"name": "Matrix token", "expires_on": ""},
    "account_reset_password": lambda world: {"email": "nobody@example.org"},
    "strategies:section": lambda world: {"edit_version": str(world.strategy.conclusion_section.edit_version)},
    "monitoring:kpi": lambda world: {"date": "2026-01-15", "value": "5"},
    "monitoring:task_status": lambda world: {"status": "done"},
    "monitoring:risks": lambda world: {
        "risk": str(world.risk.pk),
        f"r{world.risk.pk}-date": "2026-01-15",
        f"r{world.risk.pk}-likelihood": "2",
        f"r{world.risk.pk}-impact": "2",
    },
    "monitoring:stories": lambda world: {"title": "Matrix story", "what_happened": "It worked"},
    "monitoring:story": lambda world: {"title": "Matrix story", "what_happened": "It worked"},
    "monitoring:report_new": lambda world: {
        "title": "Matrix report",
        "period_start": "2026-01-01",
        "period_end": "2026-06-30",
    },
    "monitoring:lesson_link": lambda world: {f"l{world.lesson.pk}-section": "conclusion"},
    "monitoring:panel": lambda world: {"section": "introduction", "panel": "Matrix panel", "days": "5"},
    "monitoring:report": lambda world: {"title": "Matrix report", "edit_version": str(world.draft_report.edit_version)},
    "monitoring:panel_review": lambda world: {"clear": "yes"},
    "reviews:report_transition": lambda world: {"action": "submit", "confirmed": "1"},
    "strategies:assessments": lambda world: {
        **{f"status-{a.pk}": "planned" for a in world.strategy.assessments.all()},
        **{f"version-{a.pk}": str(a.edit_version) for a in world.strategy.assessments.all()},
    },
}


@dataclasses.dataclass
class World:
    users: dict
    strategy: object
    other_strategy: object
    approved: object
    snapshot: object
    approved_snapshot: object
    review: object
    risk: object
    approved_risk_id: int
    comment: object
    notification: object
    job: object
    factsheet: object
    token: str
    invitation: object
    invite_token: str
    membership: object
    france: object
    api_token: object = None
    # Monitoring (issue #14), set by build_world after the rest.
    kpi: object = None
    reading: object = None
    task: object = None
    story: object = None
    lesson: object = None
    panel_link: object = None
    panel_token: str = ""
    draft_report: object = None
    report_submission: object = None

    @property
    def editor_user(self):
        return self.users["editor"]


def build_world() -> World:
    de, fr = country("DE"), country("FR")
    users = {"anon": None}
    for prefix, place in (("", de), ("x_", fr)):
        for role in ("viewer", "editor", "lead"):
            users[prefix + role] = MembershipFactory(user__username=f"{prefix}{role}", country=place, role=role).user
    users["reviewer"] = UserFactory(username="reviewer", is_reviewer=True)
    users["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)

    portugal_lead = MembershipFactory(user__username="pt-lead", country=country("PT"), role="lead").user
    approved = make_strategy("PT", title="Approved plan")
    services.part_create(model=Risk, strategy=approved, description="Shared risk")
    review_services.strategy_submit(strategy=approved, user=portugal_lead)
    review_services.review_decide(
        review=review_services.open_review(approved), user=users["reviewer"], decision="approve"
    )
    approved_snapshot = approved.snapshots.get()

    strategy = make_strategy("DE", title="Secret draft")
    risk = services.part_create(model=Risk, strategy=strategy, description="Secret risk", user=users["editor"])
    comment = services.comment_add(strategy=strategy, key="conclusion", author=users["editor"], body="secret")
    snapshot = review_services.strategy_submit(strategy=strategy, user=users["lead"])
    # Written after the submission: only the working draft has it, so only members and admins may see it.
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": f"<p>{DRAFT_MARKER}</p>"}, base_version=1, user=None
    )
    services.part_create(model=Risk, strategy=strategy, description=DRAFT_MARKER)
    strategy.refresh_from_db()
    _state, job = export_services.pdf_request(
        kind="strategy",
        template="pdf/strategy.html",
        document=export_services.working_copy_document(strategy),
        filename="de",
        title="de",
    )
    factsheet = factsheet_services.factsheet_get_or_create(
        country=de, template=FactsheetTemplate.objects.get(audience="citizens"), language="de"
    )
    token = CalendarToken.objects.create(user=users["editor"], token="matrix-token-" + "x" * 30)
    invitation = account_services.invitation_create(
        by=users["lead"], email="invitee@example.org", country=de, role="viewer"
    ).invitation
    invite_token = new_token(invitation)
    invitation.save(update_fields=["token_hash"])
    world = World(
        users=users,
        strategy=strategy,
        other_strategy=make_strategy("FR", title="French draft"),
        approved=approved,
        snapshot=snapshot,
        approved_snapshot=approved_snapshot,
        review=snapshot.review,
        risk=risk,
        approved_risk_id=approved_snapshot.data["parts"]["risks"][0]["id"],
        comment=comment,
        notification=Notification.objects.filter(user=users["reviewer"]).first(),
        job=job,
        factsheet=factsheet,
        token=token.token,
        invitation=invitation,
        invite_token=invite_token,
        membership=users["editor"].memberships.get(),
        france=fr,
        api_token=api_services.token_create(user=users["editor"], name="Matrix script")[0],
    )
    add_monitoring(world)
    return world


def add_monitoring(world: World) -> None:
    """Germany's monitoring data: a KPI with a reading, a story, a panel link on a section without the draft
    marker, a draft report, a submitted one, and an approved one with a lesson."""
    strategy, editor, lead = world.strategy, world.users["editor"], world.users["lead"]
    world.kpi = services.part_create(model=KPI, strategy=strategy, metric="Matrix visitors", baseline="0", target="9")
    world.reading = monitoring_services.reading_add(
        kpi=world.kpi, user=editor, date=datetime.date(2026, 1, 1), value=Decimal("3")
    )
    world.task = strategy.tasks.first()
    world.story = monitoring_services.story_create(strategy=strategy, user=editor, title="Story", what_happened="x")
    world.panel_link, world.panel_token = monitoring_services.panel_link_create(
        strategy=strategy, user=editor, section_key="introduction", panel="Matrix panel", days=7
    )
    period = {"period_start": datetime.date(2026, 1, 1), "period_end": datetime.date(2026, 3, 31)}
    world.draft_report = monitoring_services.report_create(strategy=strategy, user=editor, title="Draft", **period)
    submitted = monitoring_services.report_create(strategy=strategy, user=editor, title="Submitted", **period)
    world.report_submission = report_services.report_submit(report=submitted, user=lead)
    approved = monitoring_services.report_create(strategy=strategy, user=editor, title="Approved", **period)
    monitoring_services.report_update(
        report=approved, user=editor, title="Approved", findings="", lessons="A lesson", base_version=1
    )
    report_services.report_decide(
        submission=report_services.report_submit(report=approved, user=lead),
        user=world.users["reviewer"],
        decision="approve",
    )
    world.lesson = approved.lessons.get()


def _value(world: World, text: str):
    """A row's argument: the pk of a WORLD object named so, another attribute of it, or the text itself."""
    found = getattr(world, text, None)
    if found is None:
        return text
    return getattr(found, "pk", found)


def url_for(world: World, name: str, arguments: str) -> str:
    kwargs = {}
    for part in arguments.split():
        key, _sep, value = part.partition("=")
        kwargs[key] = _value(world, value)
    if name.startswith("admin:") and not arguments:
        return admin_url(name)
    return reverse(name, kwargs=kwargs)


def admin_url(name: str) -> str:
    """An admin URL with real arguments: an existing object of its model where it names one."""
    models = {f"{m._meta.app_label}_{m._meta.model_name}": m for m in admin.site._registry}
    short = name.split(":", 1)[1]
    model = next((m for prefix, m in models.items() if short.startswith(prefix + "_")), None)
    obj = model.objects.order_by("pk").first() if model is not None else None
    for kwargs in (
        {},
        {"object_id": obj.pk if obj is not None else 1},
        {"app_label": "strategies"},
        {"content_type_id": 1, "object_id": 1},
    ):
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    raise AssertionError(f"Cannot build {name}: give it a row in TABLE with its arguments.")


def post_data(world: World, extra: dict) -> dict:
    data = {**POST, **extra}
    return {key: (str(world.strategy.pk) if value == "{strategy}" else value) for key, value in data.items()}


def url_patterns() -> list[tuple[str, URLPattern]]:
    """Each named URL pattern with its full name (namespaces included)."""
    found = []

    def walk(patterns, namespace=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                found.append((f"{namespace}{pattern.name}", pattern))

    walk(get_resolver().url_patterns)
    return found


def url_names() -> list[str]:
    return sorted({name for name, _pattern in url_patterns()})


def rows() -> dict[str, tuple[str, str, str]]:
    """TABLE, with ADMIN_RULE for each admin URL that has no row of its own."""
    admin_rows = {name: ADMIN_RULE for name in url_names() if name.startswith("admin:") and name not in TABLE}
    return {**TABLE, **admin_rows}


def test_every_url_has_a_row():
    names = url_names()
    missing = [name for name in names if not name.startswith("admin:") and name not in TABLE]
    assert not missing, f"Add a row to TABLE in tests/test_access_matrix.py for: {missing}"
    stale = [name for name in TABLE if name not in names]
    assert not stale, f"TABLE has rows for URLs that no longer exist: {stale}"
    for name, (_arguments, get_codes, post_codes) in TABLE.items():
        assert len(get_codes.split()) == len(ROLES) == len(post_codes.split()), name


#: The guide's reference content is left out of the fingerprint: no page of the app writes it, and the
#: admin rows (the only way to write it) refuse everyone but admins before any view runs.
MATRIX_APPS = ("accounts", "strategies", "monitoring", "factsheets", "reviews", "exports", "api")


class Matrix:
    """Signs each role in once; requests run in savepoints rolled back afterwards, so each meets the same
    WORLD, whose fingerprint is taken once.

    A refused write is caught in two steps: a count of the rows written to the fingerprinted tables by any
    path (tests/db_state.py's WriteCounter, one query) is read before and after the refused requests; only
    when it moved is the fingerprint of every row taken again, to confirm (an update may have written the
    values a row had) and then to find the culprit."""

    def __init__(self, world: World, writes: WriteCounter):
        self.world = world
        self.writes = writes
        self.clients = {}
        for role in ROLES:
            client = Client()
            if world.users[role] is not None:
                client.force_login(world.users[role])
            self.clients[role] = client
        self.cookies = {role: client.cookies.output(header="") for role, client in self.clients.items()}
        self.before = fingerprint(apps=MATRIX_APPS)
        self.sessions_used_at = 0.0

    def fresh_sessions(self, *, every: float = 0) -> None:
        """Each signed-in role's session as just used. A request records its session's last activity (at
        most once a minute, accounts/sessions.py), and that write is rolled back with it: without this, every
        request after a session's first minute would write it again. Rolled back with each test, so each
        test starts with it."""
        now = time.time()
        if now - self.sessions_used_at < every:
            return
        for role, client in self.clients.items():
            if self.world.users[role] is not None:
                session = client.session
                session[SEEN] = int(now)
                session.save()
        self.sessions_used_at = now

    def _send(self, role: str, method: str, url: str, data: dict, *, rolled_back: bool):
        """One request in a savepoint of its own, rolled back afterwards or kept for the caller to check. A
        POST is sent as a browser sends a form without a file: URL-encoded."""
        client = self.clients[role]
        cache.clear()
        with transaction.atomic():
            if method == "post":
                response = client.post(url, urlencode(data), content_type="application/x-www-form-urlencoded")
            else:
                response = client.get(url)
            transaction.set_rollback(rolled_back)
        client.cookies = SimpleCookie(self.cookies[role])  # a sign-out is rolled back: so is its cookie
        return response

    def _changed(self, count_before: int) -> bool:
        return self.writes.count() != count_before and fingerprint(apps=MATRIX_APPS) != self.before

    def run(self, url: str, method: str, data: dict, cells: list[str]) -> tuple[dict, bool]:
        """Each role's response; and whether the requests that may not write changed the database. Those
        run together in one savepoint checked once (each alone only to find the culprit), the others each
        in its own."""
        self.fresh_sessions(every=30)
        responses = {}
        for role, cell in zip(ROLES, cells, strict=True):
            if cell.endswith("w") or method == "get":
                responses[role] = self._send(role, method, url, data, rolled_back=True)
        refused = [role for role, cell in zip(ROLES, cells, strict=True) if method == "post" and not cell.endswith("w")]
        changed = False
        if refused:
            with transaction.atomic():
                count = self.writes.count()
                for role in refused:
                    responses[role] = self._send(role, method, url, data, rolled_back=False)
                changed = self._changed(count)
                transaction.set_rollback(True)
        return responses, changed

    def culprits(self, url: str, data: dict, cells: list[str]) -> list[str]:
        found = []
        for role, cell in zip(ROLES, cells, strict=True):
            if cell.endswith("w"):
                continue
            with transaction.atomic():
                count = self.writes.count()
                self._send(role, "post", url, data, rolled_back=False)
                if self._changed(count):
                    found.append(role)
                transaction.set_rollback(True)
        return found


def _matches(cell: str, response) -> bool:
    code = cell.rstrip("w")
    location = response.get("Location", "")
    if code == "*":
        return response.status_code < 500 and "/login/" not in location
    if code.endswith("L"):
        return response.status_code == int(code[:-1]) and location.startswith("/admin/login/")
    return response.status_code == int(code)


def check(matrix: Matrix, names: list[str]) -> list[str]:
    problems = []
    table = rows()
    matrix.fresh_sessions()
    for name in names:
        arguments, get_codes, post_codes = table[name]
        url = url_for(matrix.world, name, arguments)
        data = post_data(matrix.world, ROW_DATA.get(name, lambda world: {})(matrix.world))
        for method, codes in (("get", get_codes), ("post", post_codes)):
            cells = codes.split()
            responses, changed = matrix.run(url, method, data, cells)
            for role, cell in zip(ROLES, cells, strict=True):
                response = responses[role]
                if not _matches(cell, response):
                    got = f"{response.status_code} {response.get('Location', '')}".strip()
                    problems.append(f"{name} {method.upper()} as {role}: {got}, expected {cell.rstrip('w')}")
                if role in OUTSIDERS and DRAFT_MARKER.encode() in response.content:
                    problems.append(f"{name} {method.upper()} as {role}: shows Germany's working draft")
            if changed:
                for role in matrix.culprits(url, data, cells):
                    problems.append(f"{name} POST as {role}: refused, but the database changed")
    return problems


def _group(name: str) -> str:
    """Tests run by group (the WORLD is built once per group; groups spread over the test workers)."""
    if name.startswith("admin:"):
        short = name.split(":", 1)[1]
        if short.startswith("strategies_"):  # the largest: in two halves, so that no test worker waits for one
            return "admin:strategies " + ("a-j" if short.removeprefix("strategies_") < "k" else "k-z")
        return "admin:" + ("accounts" if short.startswith(("accounts_", "guide_")) else "other")
    namespace = name.split(":")[0] if ":" in name else "auth"
    return {"comparisons": "reviews", "exports": "factsheets", "guide": "auth"}.get(namespace, namespace)


@pytest.fixture(scope="module")
def matrix(django_db_setup, django_db_blocker):
    """The WORLD and its signed-in clients, built once for the module's tests on this test worker (each test
    runs in a savepoint of its own inside it), rolled back after the last one."""
    with (
        django_db_blocker.unblock(),
        WriteCounter(apps=MATRIX_APPS).installed() as writes,
        rolled_back_at_the_end(django_db_blocker),
    ):
        yield Matrix(build_world(), writes)


# The page cache's data version moves on at commit as in production, so never here: every request is rolled
# back, and each page of a group is asked for once by each role.
@pytest.fixture
def quiet_refusals():
    """Django logs each 4xx answer as a warning (with the traceback of the 404 or 403 raised); the matrix asks
    for thousands on purpose and checks each one's status, so only errors are logged while it runs."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)


@pytest.mark.one_database  # statuses are the permission policy's (tests/conftest.py: runs_once)
@pytest.mark.real_commit_order
@pytest.mark.parametrize("group", sorted({_group(name) for name in rows()}))
def test_access_matrix(matrix, db, quiet_refusals, group):
    problems = check(matrix, [name for name in rows() if _group(name) == group])
    assert not problems, "\n".join(problems)


# --- The matrix catches a refused write, however it is written ---------------------------------------------


def plant(monkeypatch, name: str, write) -> None:
    """`write()` runs for every POST to the URL `name`, whoever sends it, before the view's own checks: a view
    that writes before it refuses."""
    pattern = next(pattern for full_name, pattern in url_patterns() if full_name == name)
    view = pattern.callback

    def writes_first(request, *args, **kwargs):
        if request.method == "POST":
            write()
        return view(request, *args, **kwargs)

    monkeypatch.setattr(pattern, "callback", writes_first)


def _past_djangos_cursor(sql: str, *params) -> None:
    """SQL sent on the database driver's own connection: no ORM, no Django cursor, no execute wrapper."""
    connection.connection.cursor().execute(sql.replace("%s", "?") if connection.vendor == "sqlite" else sql, params)


WRITES = {
    "an ORM update": lambda world: Risk.objects.filter(pk=world.risk.pk).update(description="Planted"),
    "an ORM insert": lambda world: services.part_create(model=Risk, strategy=world.strategy, description="Planted"),
    "a delete": lambda world: Notification.objects.filter(pk=world.notification.pk).delete(),
    "a many-to-many row": lambda world: world.comment.mentions.add(world.users["x_lead"]),
    "raw SQL": lambda world: _raw_sql("UPDATE strategies_risk SET likelihood = 1 WHERE id = %s", world.risk.pk),
    "SQL past Django's cursor": lambda world: _past_djangos_cursor(
        "UPDATE accounts_user SET first_name = 'Planted' WHERE id = %s", world.users["lead"].pk
    ),
}


def _raw_sql(sql: str, *params) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.real_commit_order
@pytest.mark.parametrize("how", WRITES)
def test_a_refused_post_that_writes_is_reported(matrix, db, quiet_refusals, monkeypatch, how):
    """Every refused POST that writes is reported, and only those: the section editor, where leads, editors
    and admins may write and the six other roles may not."""
    name = "strategies:section"
    plant(monkeypatch, name, lambda: WRITES[how](matrix.world))
    post_codes = TABLE[name][2].split()

    problems = check(matrix, [name])

    assert problems == [
        f"{name} POST as {role}: refused, but the database changed"
        for role, cell in zip(ROLES, post_codes, strict=True)
        if not cell.endswith("w")
    ]


NOT_CHANGES = {
    "the values a row already had": lambda world: Risk.objects.filter(pk=world.risk.pk).update(
        description=world.risk.description
    ),
    "a column left out (last_login)": lambda world: _raw_sql(
        "UPDATE accounts_user SET last_login = CURRENT_TIMESTAMP WHERE id = %s", world.users["lead"].pk
    ),
    "who has a section open": lambda world: _presence(world),
}


def _presence(world: World) -> None:
    Presence.objects.update_or_create(
        strategy=world.strategy,
        section_key="conclusion",
        user=world.users["viewer"],
        defaults={"last_seen": timezone.now()},
    )


@pytest.mark.real_commit_order
def test_a_refused_post_that_changes_no_stored_data_passes(matrix, db, quiet_refusals, monkeypatch):
    """Rows written again as they were, a column left out of the fingerprint, a table written on purpose by
    requests that are not edits: the write counter may move, the fingerprint says that nothing changed."""

    def write_all():
        for write in NOT_CHANGES.values():
            write(matrix.world)

    plant(monkeypatch, "strategies:section_history", write_all)

    assert check(matrix, ["strategies:section_history"]) == []
