"""Invitations: the list, sending one again or withdrawing it, and the invitee's page that accepts it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import forms, invitations, policy, services
from accounts.views.common import act, invitation_or_404
from core.redirects import redirect_next


@login_required
def invitation_list(request):
    if not policy.can_manage_people(request.user) and not policy.managed_countries(request.user).exists():
        raise Http404
    form = forms.InvitationFilterForm(request.GET or None)
    status = form.cleaned_data.get("status") if form.is_valid() else ""
    qs = policy.visible_invitations(request.user)
    if status:
        qs = qs.with_status(status)
    page = Paginator(qs.select_related("country", "invited_by", "user"), 50).get_page(request.GET.get("page"))
    next_form = forms.NextForm(next_url=request.get_full_path())
    return render(request, "accounts/invitations.html", {"page": page, "form": form, "next_form": next_form})


def _sent_again(invitation) -> str:
    return _("Sent again to %(email)s; the earlier link no longer works. This one expires on %(date)s.") % {
        "email": invitation.email,
        "date": invitation.expires_at.strftime("%d %B %Y"),
    }


@login_required
@require_POST
def invitation_resend(request, pk: int):
    invitation = invitation_or_404(request, pk)
    back = redirect_next(request, reverse("accounts:invitations"))
    return act(request, lambda: services.invitation_resend(by=request.user, invitation=invitation), _sent_again, back)


@login_required
@require_POST
def invitation_revoke(request, pk: int):
    invitation = invitation_or_404(request, pk)
    back = redirect_next(request, reverse("accounts:invitations"))
    done = _("The invitation for %(email)s is withdrawn.") % {"email": invitation.email}
    return act(request, lambda: services.invitation_revoke(by=request.user, invitation=invitation), done, back)


def _unusable(request, unusable: invitations.InvitationUnusable, status: int):
    return render(request, "accounts/invitation_unusable.html", {"problem": unusable}, status=status)


def _welcome(request, user):
    invitations.forget(request)
    login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
    messages.success(
        request,
        _("Welcome, %(name)s! Next time, sign in with %(email)s or your username “%(username)s”.")
        % {"name": user.first_name, "email": user.email, "username": user.username},
    )
    return redirect("strategies:home")


def accept_invitation(request, token: str):
    """The invitee's page: set a name and password, or sign in through the identity provider."""
    try:
        invitation = invitations.invitation_for_token(token)
    except invitations.InvitationUnusable as unusable:
        return _unusable(request, unusable, 404 if unusable.reason == "invalid" else 410)
    if request.user.is_authenticated:
        next_form = forms.NextForm(next_url=request.path)
        return render(request, "accounts/invitation_signed_in.html", {"invitation": invitation, "form": next_form})
    invitations.remember(request, invitation)  # for a sign-in through the identity provider from this page
    form = forms.AcceptInvitationForm(request.POST or None, invitation=invitation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        names = {"first_name": data["first_name"], "last_name": data["last_name"]}
        try:
            user = services.invitation_accept(invitation=invitation, password=data["password1"], **names)
        except invitations.InvitationUnusable as unusable:
            return _unusable(request, unusable, 410)
        return _welcome(request, user)
    return render(request, "accounts/accept.html", {"invitation": invitation, "form": form})
