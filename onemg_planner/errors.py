"""Error answers people can act on: what was wrong, what was (not) saved, what to do next."""

from __future__ import annotations

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from onemg_planner.limits import REQUEST_MAX_BYTES
from onemg_planner.params import InvalidInput


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _back(request) -> str:
    """Where "go back" leads: the page the user came from, if it is one of ours."""
    referer = request.headers.get("Referer", "")
    if referer and url_has_allowed_host_and_scheme(referer, allowed_hosts={request.get_host()}):
        return referer
    return request.path if request.method == "GET" else "/"


def too_large(request):
    """A request over the size limit: nothing was read or saved; the editor's local copy keeps the text."""
    size = request.headers.get("Content-Length", "")
    context = {
        "limit_mb": f"{REQUEST_MAX_BYTES / 1_000_000:g}",
        "sent_mb": f"{int(size) / 1_000_000:.1f}" if size.isdigit() else "",
        "back": _back(request),
    }
    template = "errors/too_large_fragment.html" if _is_htmx(request) else "errors/too_large.html"
    return render(request, template, context, status=413)


def bad_request(request, exception=None):
    """handler400: our own InvalidInput says what was wrong; anything else gets a general message."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return too_large(request)
    message = str(exception) if isinstance(exception, InvalidInput) else _("The request could not be understood.")
    template = "errors/400_fragment.html" if _is_htmx(request) else "errors/400.html"
    return render(request, template, {"message": message, "back": _back(request)}, status=400)
