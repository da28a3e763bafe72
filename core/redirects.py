"""Redirects to a `next` address: only ever to a path on this site.

Forms that return the person to where they came from (claiming a review, copying a row, the PDF progress
page) post or link a `next` address. A hand-made request can put any address there; sending the browser to
`https://evil.example/` or `//evil.example` from our domain would lend it our name (an open redirect). Every
view that follows a `next` goes through `redirect_next`, which falls back to a page of ours.
"""

from __future__ import annotations

from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.utils.http import url_has_allowed_host_and_scheme


def safe_url(request, target: str | None, fallback: str) -> str:
    """`target` if it is a path on this site (no other host, no scheme, nothing a browser reads as one),
    else `fallback`."""
    target = target or ""
    local = target.startswith("/") and target.isprintable() and " " not in target
    if local and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return resolve_url(fallback)


def next_url(request, fallback: str) -> str:
    """The `next` address posted with a form (or in the query string) if it is safe, else `fallback`."""
    return safe_url(request, request.POST.get("next") or request.GET.get("next"), fallback)


def redirect_next(request, fallback: str) -> HttpResponseRedirect:
    """Redirect to the request's `next` address when it is a path on this site, else to `fallback` (a path
    or a URL name)."""
    return HttpResponseRedirect(next_url(request, fallback))
