"""The personal calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from accounts import policy
from accounts import services as account_services
from accounts.models import CalendarToken
from strategies.calendar import build_feed
from strategies.forms import CalendarLinkForm, ReadOnlyLinkForm
from strategies.models import Strategy


@login_required
def calendar_settings(request):
    """The user's private feed link: create, renew (old link stops working) or revoke."""
    if request.method == "POST":
        form = CalendarLinkForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Unknown action."))
        elif form.cleaned_data["action"] == "revoke":
            account_services.calendar_token_revoke(user=request.user)
            messages.success(request, _("Your calendar link is revoked."))
        else:
            account_services.calendar_token_renew(user=request.user)
            messages.success(request, _("Your new calendar link is ready; any older link no longer works."))
        return redirect("strategies:calendar")
    token = CalendarToken.objects.filter(user=request.user).first()
    if token is None:
        context = {"forms": [CalendarLinkForm(label=_("Create my calendar link"), css_class="btn-primary")]}
    else:
        feed_url = request.build_absolute_uri(reverse("strategies:calendar_feed", args=[token.token]))
        link = ReadOnlyLinkForm(
            feed_url, label=_("Your private link (keep it to yourself)"), field_id="feed-url", css_class="mb-3"
        )
        forms = [CalendarLinkForm(), CalendarLinkForm(action="revoke", css_class="btn-outline-danger")]
        context = {"feed_url": feed_url, "link": link, "forms": forms}
    return render(request, "strategies/calendar.html", context)


@cache_control(private=True, no_store=True)  # private data, though no one is signed in
def calendar_feed(request, token: str):
    """Public by design (calendar apps cannot sign in); the unguessable token is the credential."""
    found = CalendarToken.objects.select_related("user").filter(token=token, user__is_active=True).first()
    if found is None:
        raise Http404
    user = found.user
    strategies = Strategy.objects.filter(country__in=policy.visible_countries(user))
    body = build_feed(strategies, request.get_host().split(":")[0])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="onemg-planner.ics"'
    return response
