"""Writes about people and countries: teams, invitations, accounts and sign-in rules.

Every function is keyword-only, atomic, validates with full_clean(), asks the policy (accounts/policy.py)
when it acts for someone (`by`), records account events on the audit trail, and sends its mail only once the
change is committed. Role changes and (de)activations are recorded by audit/signals.py whatever path saved
them (these services, the Django admin, an import), so they are not recorded twice here.
"""

from __future__ import annotations

import datetime
import logging
import re
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy, tasks
from accounts.invitations import InvitationUnusable, new_token
from accounts.models import CalendarToken, Country, Invitation, Membership, SecuritySettings, User
from accounts.sessions import end_all_sessions
from audit.models import AuditEvent
from audit.services import record
from core.tasks import enqueue_on_commit

logger = logging.getLogger(__name__)


def _refuse(message: str) -> None:
    raise PermissionDenied(message)


def _mail_on_commit(*, subject: str, template: str, context: dict, to: str) -> None:
    """Queue the mail once the change is committed (accounts/tasks.py sends it, and tries again later if
    the mail server fails); a mail that fails is logged and never undoes the change (the inviter can resend).
    The body is written now, from this request's objects; it travels sealed (it may hold a sign-in link)."""
    body = render_to_string(template, context)
    enqueue_on_commit(tasks.send_account_mail, subject=str(subject), sealed_body=tasks.seal(body), to=to)


def _country_label(country: Country | None) -> str:
    return country.name if country is not None else ""


# --- Memberships -----------------------------------------------------------------------------------------------


@transaction.atomic
def user_set_memberships(*, user: User, memberships: list[tuple[str, str]]) -> None:
    """Make the user's memberships exactly `memberships` ([(country code, role)]), keeping unchanged rows."""
    countries = {c.code: c for c in Country.objects.filter(code__in=[code for code, _ in memberships])}
    wanted = {countries[code].pk: role for code, role in memberships}
    for membership in Membership.objects.filter(user=user).exclude(country_id__in=wanted).select_related("country"):
        membership.delete()  # one by one, so each removal is on the audit trail
    existing = {m.country_id: m for m in Membership.objects.filter(user=user)}
    for country_id, role in wanted.items():
        membership = existing.get(country_id)
        if membership is None:
            membership = Membership(user=user, country_id=country_id, role=role)
        elif membership.role == role:
            continue
        membership.role = role
        membership.full_clean()
        membership.save()


@transaction.atomic
def membership_set(*, user: User, country: Country, role: str) -> Membership:
    """Give the user that role in that country (no permission check: demo seeding, the admin, imports)."""
    membership = Membership.objects.filter(user=user, country=country).first() or Membership(user=user, country=country)
    membership.role = role
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_add(*, by: User, user: User, country: Country, role: str) -> Membership:
    """Add someone to a country's team (from the admin's person page)."""
    if role not in policy.assignable_roles(by, country):
        _refuse(_("You cannot give that role in %(country)s.") % {"country": country.name})
    if Membership.objects.filter(user=user, country=country).exists():
        raise ValidationError(_("%(user)s is already on %(country)s's team.") % {"user": user, "country": country})
    if not user.is_active:
        raise ValidationError(_("Reactivate the account first."))
    return membership_set(user=user, country=country, role=role)


@transaction.atomic
def membership_change_role(*, by: User, membership: Membership, role: str) -> Membership:
    membership = Membership.objects.select_for_update().select_related("user", "country").get(pk=membership.pk)
    if membership.role == role:
        return membership
    if not policy.can_change_role(by, membership, role):
        if membership.role == policy.LEAD:
            _refuse(_("Only an admin can change another lead's role, and a country always keeps one lead."))
        _refuse(_("You cannot give that role."))
    membership.role = role
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def membership_remove(*, by: User, membership: Membership) -> None:
    """Take someone off a country's team. Their account, their work and its history stay."""
    membership = Membership.objects.select_for_update().select_related("user", "country").get(pk=membership.pk)
    if not policy.can_remove_member(by, membership):
        if membership.role == policy.LEAD:
            _refuse(_("A country always keeps at least one lead; only an admin can remove the last one."))
        _refuse(_("You cannot remove this member."))
    membership.delete()


# --- Invitations -----------------------------------------------------------------------------------------------


@dataclass
class InviteOutcome:
    """What inviting did: sent an invitation, or (for someone who already has an account) added them."""

    invitation: Invitation | None = None
    membership: Membership | None = None

    @property
    def added_directly(self) -> bool:
        return self.invitation is None


def _can_sign_in(user: User) -> bool:
    return user.has_usable_password() or user.socialaccount_set.exists()


@transaction.atomic
def invitation_create(
    *,
    by: User | None,
    email: str,
    country: Country | None = None,
    role: str = "",
    is_reviewer: bool = False,
    user: User | None = None,
) -> InviteOutcome:
    """Invite `email` to a country's team with a role, and/or (admins) to the Special Group.

    Someone who already has an account they can sign in to is added straight away and told by e-mail; an
    account that was imported but never used gets the invitation (and keeps its row). `by=None` is the system
    (bulk import by an admin): no permission check.
    """
    email = (email or "").strip()
    if by is not None and not policy.can_invite(by, country=country, role=role, is_reviewer=is_reviewer):
        _refuse(_("You cannot invite someone with that role."))
    if country is None and not is_reviewer and user is None:
        raise ValidationError(_("Choose a country and role, or the Special Group."))
    existing = user or User.objects.filter(email__iexact=email).order_by("pk").first()
    if existing is not None:
        if not existing.is_active:
            raise ValidationError(
                _("%(email)s belongs to a deactivated account. An admin can reactivate it.") % {"email": email}
            )
        if country is not None:
            current = Membership.objects.filter(user=existing, country=country).first()
            if current is not None:
                raise ValidationError(
                    _("%(user)s is already on %(country)s's team as %(role)s. Change their role instead.")
                    % {"user": existing, "country": country.name, "role": current.get_role_display().lower()}
                )
        if _can_sign_in(existing):
            membership = _grant(user=existing, country=country, role=role, is_reviewer=is_reviewer)
            _mail_on_commit(
                subject=_("You have been added to %(what)s in the 1+MG Strategy Planner")
                % {"what": _country_label(country) or _("the Special Group")},
                template="accounts/email/added.txt",
                context={
                    "user": existing,
                    "by": by,
                    "country": country,
                    "role": membership.get_role_display() if membership else "",
                    "is_reviewer": is_reviewer,
                    "url": settings.SITE_URL + reverse("strategies:home"),
                },
                to=existing.email,
            )
            return InviteOutcome(membership=membership)
    pending = Invitation.objects.pending().filter(email__iexact=email, country=country)
    if country is None:
        pending = pending.filter(is_reviewer=True)
    if pending.exists():
        raise ValidationError(
            _("%(email)s has already been invited and has not answered yet. Send the invitation again instead.")
            % {"email": email}
        )
    invitation = Invitation(
        email=email,
        country=country,
        role=role if country is not None else "",
        is_reviewer=is_reviewer,
        user=existing,
        invited_by=by,
        expires_at=timezone.now(),
        token_hash="-",  # noqa: S106 - a placeholder: _send() sets the real hash before anything is mailed
    )
    invitation.full_clean()
    invitation.save()
    _send(invitation, by=by)
    record(
        AuditEvent.Action.INVITED,
        summary=f"Invited {email}"
        + (f" to {country.code} as {role}" if country else "")
        + (" as Special Group reviewer" if is_reviewer else ""),
        target=f"invitation:{invitation.pk}",
        details={"email": email, "country": country.code if country else None, "role": role or None},
    )
    return InviteOutcome(invitation=invitation)


def _grant(*, user: User, country: Country | None, role: str, is_reviewer: bool) -> Membership | None:
    membership = None
    if country is not None and role:
        membership = membership_set(user=user, country=country, role=role)
    if is_reviewer and not policy.global_roles(user)["is_reviewer"]:
        user.save(update_fields=policy.set_global_roles(user, reviewer=True))
    return membership


def _send(invitation: Invitation, *, by: User | None) -> None:
    """A fresh link, valid for INVITATION_DAYS from now, mailed once committed."""
    token = new_token(invitation)
    now = timezone.now()
    invitation.sent_at = now
    invitation.expires_at = now + datetime.timedelta(days=settings.INVITATION_DAYS)
    invitation.save(update_fields=["token_hash", "sent_at", "expires_at"])
    _mail_on_commit(
        subject=_("Invitation to %(what)s in the 1+MG Strategy Planner")
        % {"what": _country_label(invitation.country) or _("the Special Group")},
        template="accounts/email/invitation.txt",
        context={
            "invitation": invitation,
            "by": by,
            "url": settings.SITE_URL + reverse("accounts:accept", kwargs={"token": token}),
            "days": settings.INVITATION_DAYS,
        },
        to=invitation.email,
    )


@transaction.atomic
def invitation_resend(*, by: User, invitation: Invitation) -> Invitation:
    """Send a new link (the old one stops working) valid for another INVITATION_DAYS; expired ones too."""
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("country").get(pk=invitation.pk)
    if not policy.can_manage_invitation(by, invitation):
        _refuse(_("You cannot manage this invitation."))
    if invitation.status in (Invitation.Status.ACCEPTED, Invitation.Status.REVOKED):
        raise ValidationError(
            _("This invitation was %(status)s.") % {"status": invitation.get_status_display().lower()}
        )
    _send(invitation, by=by)
    record(
        AuditEvent.Action.INVITED,
        summary=f"Invitation sent again to {invitation.email}",
        target=f"invitation:{invitation.pk}",
        details={"email": invitation.email, "country": invitation.country.code if invitation.country else None},
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, by: User, invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update(of=("self",)).select_related("country").get(pk=invitation.pk)
    if not policy.can_manage_invitation(by, invitation):
        _refuse(_("You cannot manage this invitation."))
    if invitation.status == Invitation.Status.ACCEPTED:
        raise ValidationError(_("This invitation has been accepted; remove the member instead."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record(
            AuditEvent.Action.INVITATION_REVOKED,
            summary=f"Invitation for {invitation.email} withdrawn",
            target=f"invitation:{invitation.pk}",
            details={"email": invitation.email, "country": invitation.country.code if invitation.country else None},
        )
    return invitation


_USERNAME_CHARS = re.compile(r"[^\w.@+-]")


def _free_username(email: str) -> str:
    base = _USERNAME_CHARS.sub("", email.split("@")[0].lower())[:30] or "member"
    candidate, n = base, 1
    while User.objects.filter(username__iexact=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


def _lock_pending(invitation: Invitation) -> Invitation:
    """The invitation, locked against a second acceptance running at the same time; still pending."""
    locked = Invitation.objects.select_for_update(of=("self",)).select_related("country", "user").get(pk=invitation.pk)
    if locked.status != Invitation.Status.PENDING:
        raise InvitationUnusable(locked.status, locked)
    return locked


def _accepted(invitation: Invitation, user: User, *, how: str) -> None:
    _grant(user=user, country=invitation.country, role=invitation.role, is_reviewer=invitation.is_reviewer)
    invitation.user = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["user", "accepted_at"])
    record(
        AuditEvent.Action.JOINED,
        summary=f"{user.get_username()} accepted the invitation ({how})",
        user=user,
        target=f"user:{user.pk}",
        details={
            "email": invitation.email,
            "country": invitation.country.code if invitation.country else None,
            "role": invitation.role or None,
            "how": how,
        },
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, first_name: str, last_name: str, password: str) -> User:
    """The invitee sets their name and password: their account is ready (and gets the invited role)."""
    invitation = _lock_pending(invitation)
    user = invitation.user
    if user is None:
        user = User(username=_free_username(invitation.email), email=invitation.email)
    user.first_name, user.last_name = first_name.strip(), last_name.strip()
    user.email = user.email or invitation.email
    user.is_active = True
    user.set_password(password)
    user.full_clean()
    user.save()
    email_address_confirm(user=user, email=invitation.email)
    _accepted(invitation, user, how="password")
    return user


@transaction.atomic
def invitation_accept_with_identity(*, invitation: Invitation, user: User) -> User:
    """The invitee signed in through the identity provider instead: `user` is the account allauth made for
    (or connected to) that identity."""
    invitation = _lock_pending(invitation)
    if not user.is_active:
        raise ValidationError(_("This account is deactivated."))
    email_address_confirm(user=user, email=user.email or invitation.email)
    _accepted(invitation, user, how="single sign-on")
    return user


def email_address_confirm(*, user: User, email: str) -> None:
    """Mark `email` as a verified address of the user (the invitation link reached it), primary if the user
    has none."""
    from allauth.account.models import EmailAddress

    if not email:
        return
    address = EmailAddress.objects.filter(user=user, email__iexact=email).first()
    if address is None:
        address = EmailAddress(user=user, email=email.lower())
    address.verified = True
    if not EmailAddress.objects.filter(user=user, primary=True).exclude(pk=address.pk).exists():
        address.primary = True
    address.save()


@transaction.atomic
def country_update(*, by: User, country: Country, **values) -> Country:
    """An admin sets a country's 1+MG flags, website and languages (its code and name are fixed)."""
    _admin_only(by)
    country = Country.objects.select_for_update().get(pk=country.pk)
    for field in ("is_signatory", "signed_on", "is_operational", "website", "languages"):
        if field in values:
            setattr(country, field, values[field])
    country.full_clean()
    country.save()
    return country


# --- Accounts --------------------------------------------------------------------------------------------------


def _admin_only(by: User) -> None:
    if not policy.can_manage_people(by):
        _refuse(_("Only an admin can do this."))


@transaction.atomic
def user_deactivate(*, by: User, user: User) -> User:
    """The person can no longer sign in; their sessions end at their next request (accounts/sessions.py).
    Their memberships, work and history stay, so reactivating gives everything back."""
    _admin_only(by)
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        user.is_active = False
        user.save()
        Invitation.objects.pending().filter(user=user).update(revoked_at=timezone.now())
    return user


@transaction.atomic
def user_reactivate(*, by: User, user: User) -> User:
    _admin_only(by)
    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.is_active:
        user.is_active = True
        user.save()
    return user


@transaction.atomic
def user_set_global_roles(*, by: User, user: User, is_reviewer: bool, is_admin: bool) -> User:
    """Special Group reviewer and admin: only admins give or take them, and never their own admin role."""
    _admin_only(by)
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.pk == by.pk and not is_admin:
        raise ValidationError(_("You cannot take away your own admin role; ask another admin."))
    policy.set_global_roles(user, reviewer=is_reviewer, admin=is_admin)
    user.full_clean()
    user.save()
    return user


def user_sign_out_everywhere(*, user: User, request=None, by: User | None = None) -> None:
    """End every session of the user. With the user's own request, this one goes on (a fresh hash is stored in
    it): "sign out everywhere else". An admin doing it for someone ends them all."""
    if by is not None and by.pk != user.pk:
        _admin_only(by)
    end_all_sessions(user)
    user.refresh_from_db(fields=["session_epoch"])
    if request is not None and request.user.pk == user.pk:
        update_session_auth_hash(request, user)
    record(
        AuditEvent.Action.SIGN_OUT,
        summary=f"Sessions of {user.get_username()} ended everywhere"
        + (f" by {by.get_username()}" if by is not None and by.pk != user.pk else ""),
        target=f"user:{user.pk}",
        details={"user": user.get_username(), "everywhere": True},
    )


def lockout_clear(*, by: User, username: str, ip_address: str | None = None) -> int:
    """Lift a lockout before its cool-off ends: the account's failed sign-ins (from one address, or all)."""
    from axes.models import AccessAttempt

    _admin_only(by)
    attempts = AccessAttempt.objects.filter(username=username)
    if ip_address:
        attempts = attempts.filter(ip_address=ip_address)
    count, _deleted = attempts.delete()
    record(
        AuditEvent.Action.UNLOCKED,
        summary=f"Lockout of {username} lifted" + (f" (from {ip_address})" if ip_address else ""),
        target=f"user:{User.objects.filter(username=username).values_list('pk', flat=True).first() or username}",
        details={"user": username, "ip_address": ip_address, "attempts": count},
    )
    return count


@transaction.atomic
def security_settings_update(
    *, by: User, mfa_required_for_reviewers: bool, mfa_required_for_admins: bool
) -> SecuritySettings:
    _admin_only(by)
    rules = SecuritySettings.objects.select_for_update().filter(pk=1).first() or SecuritySettings(pk=1)
    before = (rules.mfa_required_for_reviewers, rules.mfa_required_for_admins)
    rules.mfa_required_for_reviewers = mfa_required_for_reviewers
    rules.mfa_required_for_admins = mfa_required_for_admins
    rules.updated_by = by
    rules.full_clean()
    rules.save()
    if before != (mfa_required_for_reviewers, mfa_required_for_admins):
        record(
            AuditEvent.Action.MFA_CHANGED,
            summary="Two-factor authentication required for: "
            + (
                ", ".join(
                    r
                    for r, on in (("reviewers", mfa_required_for_reviewers), ("admins", mfa_required_for_admins))
                    if on
                )
                or "nobody"
            ),
            target="sign-in rules",
            details={"reviewers": mfa_required_for_reviewers, "admins": mfa_required_for_admins},
        )
    return rules


# --- Calendar feed ---------------------------------------------------------------------------------------------


@transaction.atomic
def calendar_token_renew(*, user: User) -> CalendarToken:
    """A new private feed link for the user; any older link stops working."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    CalendarToken.objects.filter(user=user).delete()


@transaction.atomic
def country_set(*, country: Country, **values) -> Country:
    """Change a country's details or 1+MG flags (signatory, operational, website, …)."""
    for name, value in values.items():
        setattr(country, name, value)
    country.full_clean()
    country.save()
    return country


@transaction.atomic
def user_upsert(*, username: str, password: str | None = None, password_hash: str | None = None, **values) -> User:
    """Create the account `username`, or update it, with these values (and this password, if given, or this
    already hashed password: hashing is slow on purpose, so the demo hashes its one password once)."""
    user = User.objects.filter(username=username).first() or User(username=username)
    for name, value in values.items():
        setattr(user, name, value)
    if password_hash is not None:
        user.password = password_hash
    elif password is not None:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user
