"""Project-wide request handling that no single app owns."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.utils.cache import patch_cache_control

from onemg_planner.errors import too_large


class RequestLimitsMiddleware:
    """Reads a posted form before any view does, so that one over the size limit gets a page saying the
    limit (413) instead of Django's bare "Bad Request (400)". The CSRF check reads it anyway."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - parsing is the point
            except (RequestDataTooBig, TooManyFieldsSent):
                return too_large(request)
        return self.get_response(request)


class PrivateResponsesMiddleware:
    """Pages for a signed-in user hold private data (drafts, names, PDFs): no shared cache and no browser
    cache may keep them (`Cache-Control: private, no-store`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = bool(user is not None and user.is_authenticated)
        response = self.get_response(request)
        if signed_in or getattr(request.user, "is_authenticated", False):
            patch_cache_control(response, private=True, no_store=True)
        return response
