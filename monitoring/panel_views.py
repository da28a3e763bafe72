"""The outside panel's page: no account, one section, a short form. The token in the link is the only
credential; only its hash is stored. Every use is in the audit trail, requests are rate-limited per address
and per link, and the page runs under a strict Content Security Policy with no link into the app."""

from __future__ import annotations

import hashlib

from csp.decorators import csp
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from audit.services import client_address
from guide.models import SectionPrompt, SectionTemplate
from monitoring import services
from monitoring.forms import PanelAnswerForm
from strategies.models import SECTIONS_BY_KEY

#: Requests per window: per address, and per link (a leaked link cannot be hammered from many addresses).
RATE_PER_ADDRESS = 30
RATE_PER_LINK = 120
RATE_WINDOW_SECONDS = 600

STRICT_CSP = {
    "default-src": ["'none'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}


def _over_limit(key: str, limit: int) -> bool:
    cache.add(key, 0, RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, RATE_WINDOW_SECONDS)
        count = 1
    return count > limit


def _closed(request, status: int = 404):
    return render(request, "monitoring/panel_closed.html", status=status)


@never_cache
@csp(STRICT_CSP)
def panel_review(request, token: str):
    address = client_address(request) or "unknown"
    digest = hashlib.sha256(token.encode()).hexdigest()[:32]
    if _over_limit(f"panel:addr:{address}", RATE_PER_ADDRESS) or _over_limit(f"panel:link:{digest}", RATE_PER_LINK):
        response = HttpResponse(
            _("Too many requests: try again in a few minutes."), status=429, content_type="text/plain"
        )
        response["Retry-After"] = str(RATE_WINDOW_SECONDS)
        return response
    link = services.panel_link_for(token)
    if link is None:
        return _closed(request)
    model = SECTIONS_BY_KEY[link.section_key]
    section = model.objects.get(strategy=link.strategy)
    template = SectionTemplate.objects.filter(key=link.section_key).first()
    prompts = {p.field: p for p in SectionPrompt.objects.filter(section__key=link.section_key)}
    fields = [
        {"prompt": prompts[name].prompt if name in prompts else name, "value": getattr(section, name)}
        for name in model.prompt_fields
    ]
    form = PanelAnswerForm(request.POST or None)
    sent = False
    if request.method == "POST" and form.is_valid():
        try:
            services.panel_answer(link=link, request=request, **form.cleaned_data)
        except PermissionError:
            return _closed(request)
        sent, form = True, PanelAnswerForm()
    elif request.method == "GET":
        services.panel_link_used(link=link, request=request)
    response = render(
        request,
        "monitoring/panel_review.html",
        {
            "link": link,
            "country": link.strategy.country,
            "title": template.title if template else model._meta.verbose_name,
            "fields": fields,
            "form": form,
            "sent": sent,
        },
        status=422 if form.is_bound and form.errors else 200,
    )
    # The token is in the URL: it never goes to another site. (Not "no-referrer": Chromium would then send
    # "Origin: null" with the form, and Django's CSRF check refuses it.)
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response
