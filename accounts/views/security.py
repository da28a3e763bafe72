"""Sign-in rules, lockouts and the account events (admins)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import forms, selectors, services
from accounts.models import SecuritySettings
from accounts.views.common import people_manager_or_404
from core.redirects import redirect_next
from core.tabular import spreadsheet_response


@login_required
def security(request):
    people_manager_or_404(request)
    form = forms.SecurityRulesForm(request.POST or None, instance=SecuritySettings.current())
    if request.method == "POST" and form.is_valid():
        services.security_settings_update(by=request.user, **form.cleaned_data)
        messages.success(request, _("Sign-in rules saved."))
        return redirect("accounts:security")
    lockouts = list(selectors.current_lockouts()[:100])
    for lock in lockouts:
        lock.unlock_form = forms.UnlockForm(lock=lock)
    forced = [role.strip().lower() for role in settings.MFA_REQUIRED_FOR]
    return render(request, "accounts/security.html", {"form": form, "forced": forced, "lockouts": lockouts})


@login_required
@require_POST
def unlock(request):
    people_manager_or_404(request)
    form = forms.UnlockForm(request.POST)
    if not form.is_valid():
        raise Http404  # only the unlock buttons post here, with a locked account's name and address
    username = form.cleaned_data["username"]
    services.lockout_clear(by=request.user, username=username, ip_address=form.cleaned_data["ip_address"] or None)
    messages.success(request, _("“%(user)s” can sign in again.") % {"user": username})
    return redirect_next(request, reverse("accounts:security"))


AUDIT_HEADERS = ["when", "event", "who", "from address", "on", "summary"]


@login_required
def audit_log(request):
    people_manager_or_404(request)
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
