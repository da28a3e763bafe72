"""Loading a strategy for a request: loaders that answer 404 for what the user may not see (and 403 for a
write a member may not make), and the reviewer-only decorator. They ask the one permission policy,
accounts/policy.py, which holds every rule."""

from __future__ import annotations

from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from accounts import policy
from strategies.models import Strategy


def get_strategy_or_404(user, pk: int, queryset=None) -> Strategy:
    """A strategy the user may see, or 404 for one that does not exist or is hidden from them."""
    queryset = queryset if queryset is not None else Strategy.objects.select_related("country")
    try:
        return policy.visible_strategies(user, queryset).get(pk=pk)
    except Strategy.DoesNotExist:
        raise Http404 from None


def working_copy_or_404(request, pk: int, *, edit: bool = False, queryset=None) -> Strategy:
    """The strategy's live draft: 404 unless the user is a member of its country (or an admin); 403 when
    `edit` asks for a change a viewer (or anyone, once approved) may not make."""
    strategy = get_strategy_or_404(request.user, pk, queryset)
    if not policy.can_read_working_copy(request.user, strategy):
        raise Http404
    if edit and not policy.can_edit(request.user, strategy):
        raise PermissionDenied(_("You can read this strategy but not change it."))
    return strategy


def reviewer_required(view):
    """Pages of the Special Group (reviewers and admins): 404 for everybody else, signed in or not (the login
    decorator goes first)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not policy.can_use_review_pages(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped
