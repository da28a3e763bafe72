"""Loading a country's factsheets for a request: 404 for those the user may not see, 403 for a write they
may not make (the rules: accounts/policy.py)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import Country
from factsheets.models import Factsheet


def country_or_404(user, code: str, *, edit: bool = False) -> Country:
    """A country whose factsheets the user may read (members, admins); 404 for everybody else, 403 when
    `edit` asks for a change a viewer may not make."""
    country = get_object_or_404(Country, code=code.upper())
    if not policy.can_read_factsheets(user, country):
        raise Http404
    if edit and not policy.can_edit_factsheets(user, country):
        raise PermissionDenied(_("You can read these factsheets but not change them."))
    return country


def factsheet_or_404(user, pk: int, *, edit: bool = False) -> Factsheet:
    factsheet = get_object_or_404(Factsheet.objects.select_related("country", "template"), pk=pk)
    country_or_404(user, factsheet.country.code, edit=edit)
    return factsheet
