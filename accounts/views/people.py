"""People (admins): the list with its export, a person's page, and the buttons on it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import forms, policy, selectors, services
from accounts.mfa import has_mfa
from accounts.models import Membership
from accounts.views.common import act, people_manager_or_404, person_or_404
from core.tabular import spreadsheet_response

PEOPLE_HEADERS = [
    "username",
    "first name",
    "last name",
    "e-mail",
    "memberships",
    "reviewer",
    "admin",
    "state",
    "last sign-in",
]


def _people_rows(found) -> list[list]:
    return [
        [
            p.user.username,
            p.user.first_name,
            p.user.last_name,
            p.user.email,
            ", ".join(f"{m.country.code}:{m.role}" for m in p.memberships),
            *policy.global_roles(p.user).values(),
            p.state_label,
            p.user.last_login.replace(tzinfo=None) if p.user.last_login else None,
        ]
        for p in found
    ]


@login_required
def people(request):
    people_manager_or_404(request)
    form = forms.PeopleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.people(**{k: v for k, v in filters.items() if v})
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        return spreadsheet_response("people", fmt, PEOPLE_HEADERS, _people_rows(found))
    page = Paginator(found, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(request, "accounts/people.html", {"page": page, "form": form, "query": query.urlencode()})


def _row_forms(request, person):
    """The role drop-down and remove button of each of the person's teams, and an unlock button per lock."""
    here = request.get_full_path()
    roles = [r for r, _label in Membership.Role.choices]
    for membership in person.memberships:
        label = _("Role in %(country)s") % {"country": membership.country.name}
        membership.role_form = forms.RoleForm(roles=roles, membership=membership, label=label, next_url=here)
        membership.remove_form = forms.NextForm(next_url=here)
    locks = list(selectors.current_lockouts().filter(username__iexact=person.user.username))
    for lock in locks:
        lock.unlock_form = forms.UnlockForm(lock=lock, next_url=here)
    return locks


@login_required
def person_detail(request, pk: int):
    user = person_or_404(request, pk)
    person = selectors.person(user)
    context = {
        "person": person,
        "lockouts": _row_forms(request, person),
        "roles_form": forms.GlobalRolesForm(initial=policy.global_roles(user)),
        "add_form": forms.AddMembershipForm(),
        "invitations": selectors.invitations_of(user),
        "events": selectors.account_events().filter(target=f"user:{user.pk}")[:15],
        "has_mfa": has_mfa(user),
    }
    return render(request, "accounts/person.html", context)


@login_required
@require_POST
def person_roles(request, pk: int):
    user = person_or_404(request, pk)
    form = forms.GlobalRolesForm(request.POST)
    back = redirect("accounts:person", pk=user.pk)
    if not form.is_valid():
        return back
    done = _("Global roles of %(user)s saved.") % {"user": user}
    return act(
        request, lambda: services.user_set_global_roles(by=request.user, user=user, **form.cleaned_data), done, back
    )


@login_required
@require_POST
def person_add_membership(request, pk: int):
    user = person_or_404(request, pk)
    form = forms.AddMembershipForm(request.POST)
    back = redirect("accounts:person", pk=user.pk)
    if not form.is_valid():
        messages.error(request, _("Choose a country and a role."))
        return back
    done = _("%(user)s is on %(country)s's team now.") % {"user": user, "country": form.cleaned_data["country"]}
    return act(request, lambda: services.membership_add(by=request.user, user=user, **form.cleaned_data), done, back)


@login_required
@require_POST
def person_deactivate(request, pk: int):
    user = person_or_404(request, pk)
    done = _("%(user)s is deactivated and signed out everywhere. Their work and history stay.") % {"user": user}
    back = redirect("accounts:person", pk=user.pk)
    return act(request, lambda: services.user_deactivate(by=request.user, user=user), done, back)


@login_required
@require_POST
def person_reactivate(request, pk: int):
    user = person_or_404(request, pk)
    done = _("%(user)s can sign in again.") % {"user": user}
    back = redirect("accounts:person", pk=user.pk)
    return act(request, lambda: services.user_reactivate(by=request.user, user=user), done, back)


@login_required
@require_POST
def person_sign_out(request, pk: int):
    user = person_or_404(request, pk)
    done = _("%(user)s is signed out on every device.") % {"user": user}
    back = redirect("accounts:person", pk=user.pk)
    call = lambda: services.user_sign_out_everywhere(user=user, by=request.user, request=request)  # noqa: E731
    return act(request, call, done, back)
