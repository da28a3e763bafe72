"""Team pages (admins: every country and account; leads: their own country), accepting an invitation, and
each person's account page. Views parse input with forms, call one service or selector, and redirect; what
a user may see or do comes from accounts/policy.py, and anything they may not see is a 404."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import forms, invitations, policy, selectors, services
from accounts.mfa import has_mfa
from accounts.models import Country, Invitation, Membership, SecuritySettings, User
from core.redirects import redirect_next
from core.tabular import spreadsheet_response

# --- Loaders: 404 for what the user may not manage -------------------------------------------------------------


def _country_or_404(request, code: str) -> Country:
    return get_object_or_404(policy.managed_countries(request.user), code=code.upper())


def _membership_or_404(request, pk: int) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("user", "country").filter(country__in=policy.managed_countries(request.user)),
        pk=pk,
    )


def _invitation_or_404(request, pk: int) -> Invitation:
    return get_object_or_404(policy.visible_invitations(request.user).select_related("country"), pk=pk)


def _people_manager_or_404(request) -> None:
    if not policy.can_manage_people(request.user):
        raise Http404


def _person_or_404(request, pk: int) -> User:
    _people_manager_or_404(request)
    return get_object_or_404(User, pk=pk)


def _refused(request, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- Countries and their teams ---------------------------------------------------------------------------------


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


@login_required
def country_team(request, code: str):
    country = _country_or_404(request, code)
    members = selectors.team_members(country)
    labels = dict(Membership.Role.choices)
    for person in members:
        membership = person.memberships[0]
        person.role_options = [
            (r, labels[r], r == membership.role) for r in policy.role_options(request.user, membership)
        ]
        person.can_remove = policy.can_remove_member(request.user, membership)
    pending = policy.visible_invitations(request.user, Invitation.objects.filter(country=country))
    return render(
        request,
        "accounts/country_team.html",
        {
            "country": country,
            "members": members,
            "invitations": pending.select_related("invited_by").order_by("-created_at")[:50],
            "invite_form": forms.InviteForm(roles=policy.assignable_roles(request.user, country)),
            "managed": policy.managed_countries(request.user).order_by("name"),
            "can_manage_people": policy.can_manage_people(request.user),
            "has_lead": policy.has_lead(country),
        },
    )


@login_required
def country_edit(request, code: str):
    """An admin sets the country's 1+MG flags (signatory, operational), website and languages."""
    _people_manager_or_404(request)
    country = get_object_or_404(Country, code=code.upper())
    form = forms.CountryForm(request.POST or None, instance=country)
    if request.method == "POST" and form.is_valid():
        services.country_update(by=request.user, country=country, **form.cleaned_data)
        messages.success(request, _("%(country)s is saved.") % {"country": country.name})
        return redirect("accounts:country", code=country.code)
    return render(request, "accounts/country_form.html", {"country": country, "form": form})


@login_required
def invite(request, code: str):
    country = _country_or_404(request, code)
    form = forms.InviteForm(request.POST or None, roles=policy.assignable_roles(request.user, country))
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.invitation_create(
                by=request.user, email=form.cleaned_data["email"], country=country, role=form.cleaned_data["role"]
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            _announce(request, outcome, form.cleaned_data["email"])
            return redirect("accounts:country", code=country.code)
    return render(request, "accounts/invite.html", {"country": country, "form": form})


def _announce(request, outcome, email: str) -> None:
    if outcome.added_directly:
        messages.success(
            request,
            _("%(email)s already had an account: they are on the team now and have been told by e-mail.")
            % {"email": email},
        )
    else:
        messages.success(
            request,
            _("Invitation sent to %(email)s. The link works once and expires on %(date)s.")
            % {"email": email, "date": outcome.invitation.expires_at.strftime("%d %B %Y")},
        )


@login_required
def invite_anyone(request):
    """An admin invites someone to any country, and/or to the Special Group."""
    _people_manager_or_404(request)
    form = forms.InviteAnyoneForm(request.POST or None, initial={"country": request.GET.get("country")})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            outcome = services.invitation_create(
                by=request.user,
                email=data["email"],
                country=data["country"],
                role=data["role"],
                is_reviewer=data["is_reviewer"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            _announce(request, outcome, data["email"])
            return redirect("accounts:invitations")
    return render(request, "accounts/invite.html", {"country": None, "form": form})


@login_required
@require_POST
def member_role(request, pk: int):
    membership = _membership_or_404(request, pk)
    form = forms.RoleForm(request.POST, roles=[r for r, _label in Membership.Role.choices])
    if form.is_valid():
        try:
            services.membership_change_role(by=request.user, membership=membership, role=form.cleaned_data["role"])
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("%(user)s is now %(role)s in %(country)s.")
                % {
                    "user": membership.user,
                    "role": Membership.Role(form.cleaned_data["role"]).label.lower(),
                    "country": membership.country.name,
                },
            )
    else:
        messages.error(request, _("Choose one of the roles offered."))
    return redirect_next(request, reverse("accounts:country", kwargs={"code": membership.country.code}))


@login_required
@require_POST
def member_remove(request, pk: int):
    membership = _membership_or_404(request, pk)
    services.membership_remove(by=request.user, membership=membership)
    messages.success(
        request,
        _("%(user)s is no longer on %(country)s's team. Their account and their work stay.")
        % {"user": membership.user, "country": membership.country.name},
    )
    if membership.user_id == request.user.pk and not policy.can_manage_team(request.user, membership.country_id):
        return redirect("strategies:home")
    return redirect_next(request, reverse("accounts:country", kwargs={"code": membership.country.code}))


# --- Invitations -----------------------------------------------------------------------------------------------


@login_required
def invitation_list(request):
    qs = policy.visible_invitations(request.user)
    if not policy.can_manage_people(request.user) and not policy.managed_countries(request.user).exists():
        raise Http404
    form = forms.InvitationFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    if status:
        qs = qs.with_status(status)
    page = Paginator(qs.select_related("country", "invited_by", "user"), 50).get_page(request.GET.get("page"))
    return render(request, "accounts/invitations.html", {"page": page, "form": form})


@login_required
@require_POST
def invitation_resend(request, pk: int):
    invitation = _invitation_or_404(request, pk)
    try:
        invitation = services.invitation_resend(by=request.user, invitation=invitation)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("Sent again to %(email)s; the earlier link no longer works. This one expires on %(date)s.")
            % {"email": invitation.email, "date": invitation.expires_at.strftime("%d %B %Y")},
        )
    return redirect_next(request, reverse("accounts:invitations"))


@login_required
@require_POST
def invitation_revoke(request, pk: int):
    invitation = _invitation_or_404(request, pk)
    try:
        services.invitation_revoke(by=request.user, invitation=invitation)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(request, _("The invitation for %(email)s is withdrawn.") % {"email": invitation.email})
    return redirect_next(request, reverse("accounts:invitations"))


def accept_invitation(request, token: str):
    """The invitee's page: set a name and password, or sign in through the identity provider."""
    try:
        invitation = invitations.invitation_for_token(token)
    except invitations.InvitationUnusable as unusable:
        status = 404 if unusable.reason == "invalid" else 410
        return render(request, "accounts/invitation_unusable.html", {"problem": unusable}, status=status)
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_signed_in.html", {"invitation": invitation})
    invitations.remember(request, invitation)  # for a sign-in through the identity provider from this page
    form = forms.AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.invitation_accept(
                invitation=invitation,
                first_name=form.cleaned_data["first_name"],
                last_name=form.cleaned_data["last_name"],
                password=form.cleaned_data["password1"],
            )
        except invitations.InvitationUnusable as unusable:
            return render(request, "accounts/invitation_unusable.html", {"problem": unusable}, status=410)
        invitations.forget(request)
        login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
        messages.success(
            request,
            _("Welcome, %(name)s! Next time, sign in with %(email)s or your username “%(username)s”.")
            % {"name": user.first_name, "email": user.email, "username": user.username},
        )
        return redirect("strategies:home")
    return render(request, "accounts/accept.html", {"invitation": invitation, "form": form})


# --- People (admins) -------------------------------------------------------------------------------------------


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


@login_required
def people(request):
    _people_manager_or_404(request)
    form = forms.PeopleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    found = selectors.people(**{k: v for k, v in filters.items() if v})
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        rows = [
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
        return spreadsheet_response("people", fmt, PEOPLE_HEADERS, rows)
    page = Paginator(found, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(request, "accounts/people.html", {"page": page, "form": form, "query": query.urlencode()})


@login_required
def person_detail(request, pk: int):
    user = _person_or_404(request, pk)
    return render(
        request,
        "accounts/person.html",
        {
            "person": selectors.person(user),
            "roles_form": forms.GlobalRolesForm(initial=policy.global_roles(user)),
            "add_form": forms.AddMembershipForm(),
            "role_choices": Membership.Role.choices,
            "invitations": user.invitations.select_related("country").order_by("-created_at")[:10],
            "lockouts": selectors.current_lockouts().filter(username__iexact=user.username),
            "events": selectors.account_events().filter(target=f"user:{user.pk}")[:15],
            "has_mfa": _has_mfa(user),
        },
    )


def _has_mfa(user) -> bool:
    return has_mfa(user)


@login_required
@require_POST
def person_roles(request, pk: int):
    user = _person_or_404(request, pk)
    form = forms.GlobalRolesForm(request.POST)
    if form.is_valid():
        try:
            services.user_set_global_roles(by=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(request, _("Global roles of %(user)s saved.") % {"user": user})
    return redirect("accounts:person", pk=user.pk)


@login_required
@require_POST
def person_add_membership(request, pk: int):
    user = _person_or_404(request, pk)
    form = forms.AddMembershipForm(request.POST)
    if form.is_valid():
        try:
            services.membership_add(by=request.user, user=user, **form.cleaned_data)
        except ValidationError as error:
            _refused(request, error)
        else:
            messages.success(
                request,
                _("%(user)s is on %(country)s's team now.") % {"user": user, "country": form.cleaned_data["country"]},
            )
    else:
        messages.error(request, _("Choose a country and a role."))
    return redirect("accounts:person", pk=user.pk)


@login_required
@require_POST
def person_deactivate(request, pk: int):
    user = _person_or_404(request, pk)
    try:
        services.user_deactivate(by=request.user, user=user)
    except ValidationError as error:
        _refused(request, error)
    else:
        messages.success(
            request,
            _("%(user)s is deactivated and signed out everywhere. Their work and history stay.") % {"user": user},
        )
    return redirect("accounts:person", pk=user.pk)


@login_required
@require_POST
def person_reactivate(request, pk: int):
    user = _person_or_404(request, pk)
    services.user_reactivate(by=request.user, user=user)
    messages.success(request, _("%(user)s can sign in again.") % {"user": user})
    return redirect("accounts:person", pk=user.pk)


@login_required
@require_POST
def person_sign_out(request, pk: int):
    user = _person_or_404(request, pk)
    services.user_sign_out_everywhere(user=user, by=request.user, request=request)
    messages.success(request, _("%(user)s is signed out on every device.") % {"user": user})
    return redirect("accounts:person", pk=user.pk)


# --- Sign-in rules and lockouts (admins) -----------------------------------------------------------------------


@login_required
def security(request):
    _people_manager_or_404(request)
    form = forms.SecurityRulesForm(request.POST or None, instance=SecuritySettings.current())
    if request.method == "POST" and form.is_valid():
        services.security_settings_update(by=request.user, **form.cleaned_data)
        messages.success(request, _("Sign-in rules saved."))
        return redirect("accounts:security")
    return render(
        request,
        "accounts/security.html",
        {
            "form": form,
            "forced": [role.strip().lower() for role in settings.MFA_REQUIRED_FOR],
            "lockouts": selectors.current_lockouts()[:100],
        },
    )


@login_required
@require_POST
def unlock(request):
    _people_manager_or_404(request)
    form = forms.UnlockForm(request.POST)
    if not form.is_valid():
        raise Http404  # only the unlock buttons post here, with a locked account's name and address
    username = form.cleaned_data["username"]
    address = form.cleaned_data["ip_address"] or None
    services.lockout_clear(by=request.user, username=username, ip_address=address)
    messages.success(request, _("“%(user)s” can sign in again.") % {"user": username})
    return redirect_next(request, reverse("accounts:security"))


# --- Account events (admins) -----------------------------------------------------------------------------------


AUDIT_HEADERS = ["when", "event", "who", "from address", "on", "summary"]


@login_required
def audit_log(request):
    _people_manager_or_404(request)
    form = forms.AuditFilterForm(request.GET or None)
    filters = {k: v for k, v in (form.cleaned_data if form.is_valid() else {}).items() if v}
    events = selectors.account_events(**filters)
    fmt = request.GET.get("format")
    if fmt in ("csv", "xlsx"):
        rows = [
            [e.created_at.replace(tzinfo=None), e.get_action_display(), e.username, e.ip_address, e.target, e.summary]
            for e in events[:20000]
        ]
        return spreadsheet_response("account-events", fmt, AUDIT_HEADERS, rows)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(request, "accounts/audit_log.html", {"page": page, "form": form, "query": query.urlencode()})


# --- One's own account -----------------------------------------------------------------------------------------


@login_required
def my_account(request):
    """Name, e-mail addresses, password, two-factor authentication and sessions in one place."""
    if request.method == "POST":
        services.user_sign_out_everywhere(user=request.user, request=request)
        messages.success(request, _("You are signed out on every other device. This one stays signed in."))
        return redirect("accounts:me")
    return render(
        request,
        "accounts/me.html",
        {
            "has_mfa": _has_mfa(request.user),
            "mfa_required": policy.mfa_required(request.user),
            "sign_ins": selectors.recent_sign_ins(request.user),
            "memberships": Membership.objects.filter(user=request.user).select_related("country"),
        },
    )
