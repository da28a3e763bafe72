"""Writes about people and countries."""

from __future__ import annotations

import secrets

from django.db import transaction

from accounts.models import CalendarToken, Country, Membership, User


@transaction.atomic
def user_set_memberships(*, user: User, memberships: list[tuple[str, str]]) -> None:
    """Make the user's memberships exactly `memberships` ([(country code, role)]), keeping unchanged rows."""
    countries = {c.code: c for c in Country.objects.filter(code__in=[code for code, _ in memberships])}
    wanted = {countries[code].pk: role for code, role in memberships}
    Membership.objects.filter(user=user).exclude(country_id__in=wanted).delete()
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
    membership = Membership.objects.filter(user=user, country=country).first() or Membership(user=user, country=country)
    membership.role = role
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def calendar_token_renew(*, user: User) -> CalendarToken:
    """A new private feed link for the user; any older link stops working."""
    CalendarToken.objects.filter(user=user).delete()
    return CalendarToken.objects.create(user=user, token=secrets.token_urlsafe(32))


@transaction.atomic
def calendar_token_revoke(*, user: User) -> None:
    CalendarToken.objects.filter(user=user).delete()


@transaction.atomic
def country_update(*, country: Country, **values) -> Country:
    """Change a country's details or 1+MG flags (signatory, operational, website, …)."""
    for name, value in values.items():
        setattr(country, name, value)
    country.full_clean()
    country.save()
    return country


@transaction.atomic
def user_upsert(*, username: str, password: str | None = None, **values) -> User:
    """Create the account `username`, or update it, with these values (and this password, if given)."""
    user = User.objects.filter(username=username).first() or User(username=username)
    for name, value in values.items():
        setattr(user, name, value)
    if password is not None:
        user.set_password(password)
    elif not user.pk:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Take a person out of a country (their work stays; the audit trail records the role they lost)."""
    membership.delete()
