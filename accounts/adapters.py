"""How allauth fits the planner: nobody signs up on their own (accounts come from invitations), and an
invitation opened in this browser can be accepted by signing in through the identity provider."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib import messages
from django.utils.translation import gettext as _

from accounts import invitations, services


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        return False  # people join through an invitation (accounts.views.accept_invitation)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        invitation = invitations.remembered(request)
        if sociallogin is not None and invitation is not None:
            services.invitation_accept_with_identity(invitation=invitation, user=user)
            invitations.forget(request)
            messages.success(request, _("Welcome! Your invitation is accepted."))
        return response


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request, sociallogin) -> bool:
        """A new identity gets an account only with an invitation opened in this browser."""
        return invitations.remembered(request) is not None

    def pre_social_login(self, request, sociallogin) -> None:
        """An imported account waiting for its invitation takes the identity as its way to sign in."""
        invitation = invitations.remembered(request)
        if sociallogin.is_existing or invitation is None or invitation.user is None:
            return
        sociallogin.connect(request, invitation.user)
