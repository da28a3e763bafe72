"""One's own account."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import policy, selectors, services
from accounts.mfa import has_mfa


@login_required
def my_account(request):
    """Name, e-mail addresses, password, two-factor authentication and sessions in one place."""
    if request.method == "POST":
        services.user_sign_out_everywhere(user=request.user, request=request)
        messages.success(request, _("You are signed out on every other device. This one stays signed in."))
        return redirect("accounts:me")
    context = {
        "has_mfa": has_mfa(request.user),
        "mfa_required": policy.mfa_required(request.user),
        "sign_ins": selectors.recent_sign_ins(request.user),
        "memberships": selectors.memberships_of(request.user),
    }
    return render(request, "accounts/me.html", context)
