"""Loading a country's factsheets for a request: 404 for those the user may not see, 403 for a write they
may not make."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from accounts.models import Country, Membership
from factsheets.models import Factsheet
from strategies.permissions import country_role


def country_or_404(user, code: str, *, edit: bool = False) -> Country:
    """A country whose factsheets the user may read (members, admins); 404 for everybody else."""
    country = get_object_or_404(Country, code=code.upper())
    role = "admin" if user.is_superuser else country_role(user, country)
    if role is None:
        raise Http404
    if edit and role not in ("admin", *Membership.EDITING_ROLES):
        raise PermissionDenied(_("You can read these factsheets but not change them."))
    return country


def factsheet_or_404(user, pk: int, *, edit: bool = False) -> Factsheet:
    factsheet = get_object_or_404(Factsheet.objects.select_related("country", "template"), pk=pk)
    country_or_404(user, factsheet.country.code, edit=edit)
    return factsheet
