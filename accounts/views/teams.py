"""Countries and their teams: the admins' index, a country's team page, its 1+MG flags, inviting, and changing
or removing a member."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import forms, policy, selectors, services
from accounts.models import Country, Membership
from accounts.views.common import act, country_or_404, membership_or_404, people_manager_or_404
from core.redirects import redirect_next


@login_required
def team_index(request):
    """Admins: every country with its 1+MG flags, team and pending invitations. Leads: their country's team."""
    if not policy.can_manage_people(request.user):
        countries = list(policy.managed_countries(request.user))
        if not countries:
            raise Http404
        return redirect("accounts:country", code=countries[0].code)
    countries = list(selectors.countries_overview())
    leads = selectors.leads_by_country()
    for country in countries:
        country.leads = leads.get(country.pk, [])
    return render(request, "accounts/team_index.html", {"countries": countries})


def _with_row_forms(request, members, country: Country):
    """Each member's role drop-down (when there is a choice) and whether they may be removed."""
    for person in members:
        membership = person.memberships[0]
        roles = policy.role_options(request.user, membership)
        label = _("Role of %(user)s") % {"user": person.user}
        multiple = len(roles) > 1
        person.role_form = forms.RoleForm(roles=roles, membership=membership, label=label) if multiple else None
        person.can_remove = policy.can_remove_member(request.user, membership)
    return members


@login_required
def country_team(request, code: str):
    country = country_or_404(request, code)
    context = {
        "country": country,
        "members": _with_row_forms(request, selectors.team_members(country), country),
        "invitations": selectors.pending_invitations(request.user, country),
        "next_form": forms.NextForm(next_url=request.get_full_path()),
        "invite_form": forms.InviteForm(roles=policy.assignable_roles(request.user, country)),
        "managed": policy.managed_countries(request.user).order_by("name"),
        "can_manage_people": policy.can_manage_people(request.user),
        "has_lead": policy.has_lead(country),
    }
    return render(request, "accounts/country_team.html", context)


@login_required
def country_edit(request, code: str):
    """An admin sets the country's 1+MG flags (signatory, operational), website and languages."""
    people_manager_or_404(request)
    country = get_object_or_404(Country, code=code.upper())
    form = forms.CountryForm(request.POST or None, instance=country)
    if request.method == "POST" and form.is_valid():
        services.country_update(by=request.user, country=country, **form.cleaned_data)
        messages.success(request, _("%(country)s is saved.") % {"country": country.name})
        return redirect("accounts:country", code=country.code)
    return render(request, "accounts/country_form.html", {"country": country, "form": form})


def _announce(request, outcome, email: str) -> None:
    if outcome.added_directly:
        message = _("%(email)s already had an account: they are on the team now and have been told by e-mail.")
        messages.success(request, message % {"email": email})
    else:
        message = _("Invitation sent to %(email)s. The link works once and expires on %(date)s.")
        messages.success(
            request, message % {"email": email, "date": outcome.invitation.expires_at.strftime("%d %B %Y")}
        )


def _invite(request, form, *, error_field: str | None, **fixed) -> bool:
    """Create the invitation the valid `form` describes; a refusal becomes the form's error."""
    try:
        outcome = services.invitation_create(by=request.user, **fixed, **form.cleaned_data)
    except ValidationError as error:
        form.add_error(error_field, error)
        return False
    _announce(request, outcome, form.cleaned_data["email"])
    return True


@login_required
def invite(request, code: str):
    country = country_or_404(request, code)
    form = forms.InviteForm(request.POST or None, roles=policy.assignable_roles(request.user, country))
    if request.method == "POST" and form.is_valid() and _invite(request, form, error_field="email", country=country):
        return redirect("accounts:country", code=country.code)
    return render(request, "accounts/invite.html", {"country": country, "form": form})


@login_required
def invite_anyone(request):
    """An admin invites someone to any country, and/or to the Special Group."""
    people_manager_or_404(request)
    form = forms.InviteAnyoneForm(request.POST or None, initial={"country": request.GET.get("country")})
    if request.method == "POST" and form.is_valid() and _invite(request, form, error_field=None):
        return redirect("accounts:invitations")
    return render(request, "accounts/invite.html", {"country": None, "form": form})


@login_required
@require_POST
def member_role(request, pk: int):
    membership = membership_or_404(request, pk)
    back = redirect_next(request, reverse("accounts:country", kwargs={"code": membership.country.code}))
    form = forms.RoleForm(request.POST, roles=[r for r, _label in Membership.Role.choices])
    if not form.is_valid():
        messages.error(request, _("Choose one of the roles offered."))
        return back
    role = form.cleaned_data["role"]
    done = _("%(user)s is now %(role)s in %(country)s.") % {
        "user": membership.user,
        "role": Membership.Role(role).label.lower(),
        "country": membership.country.name,
    }
    return act(
        request, lambda: services.membership_change_role(by=request.user, membership=membership, role=role), done, back
    )


@login_required
@require_POST
def member_remove(request, pk: int):
    membership = membership_or_404(request, pk)
    services.membership_remove(by=request.user, membership=membership)
    messages.success(
        request,
        _("%(user)s is no longer on %(country)s's team. Their account and their work stay.")
        % {"user": membership.user, "country": membership.country.name},
    )
    if membership.user_id == request.user.pk and not policy.can_manage_team(request.user, membership.country_id):
        return redirect("strategies:home")
    return redirect_next(request, reverse("accounts:country", kwargs={"code": membership.country.code}))
