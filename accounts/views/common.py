"""What every team page shares: loaders that answer 404 for what the user may not manage, and the one
"call the service, tell the person, go back" step of the buttons."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404

from accounts import policy
from accounts.models import Country, Invitation, Membership, User


def country_or_404(request, code: str) -> Country:
    return get_object_or_404(policy.managed_countries(request.user), code=code.upper())


def membership_or_404(request, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "country").filter(country__in=policy.managed_countries(request.user)),
        pk=pk,
    )


def invitation_or_404(request, pk: int) -> Invitation:
    return get_object_or_404(policy.visible_invitations(request.user).select_related("country"), pk=pk)


def people_manager_or_404(request) -> None:
    if not policy.can_manage_people(request.user):
        raise Http404


def person_or_404(request, pk: int) -> User:
    people_manager_or_404(request)
    return get_object_or_404(User, pk=pk)


def refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


def act(request, call: Callable, success: str | Callable, then: HttpResponse) -> HttpResponse:
    """Run one service call; say what happened (`success` may be a function of the call's result), or why
    it was refused; then go where `then` goes."""
    try:
        result = call()
    except ValidationError as error:
        refused(request, error)
    else:
        messages.success(request, success(result) if callable(success) else success)
    return then
