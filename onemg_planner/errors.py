"""Error answers people can act on: what was wrong, what was (not) saved, what to do next.

When a save fails on our side, nobody's typed text is thrown away.

A database that goes away in the middle of a request (restart, network cut, full disk) raises
OperationalError or InterfaceError; any other bug raises something else. Either way the person who was
saving gets a page that hands back what they posted, in text boxes to copy, and the editor's own copy in the
browser (static/js/editor.js) stays, so the editor offers it again when they come back. These pages are
rendered without the database: no context processors, no session, no user lookups.
"""

from __future__ import annotations

import logging
import re
import sys
from html import unescape
from urllib.parse import urlsplit

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from core.limits import REQUEST_MAX_BYTES
from core.params import InvalidInput

logger = logging.getLogger("onemg_planner.errors")

DATABASE_ERRORS = (OperationalError, InterfaceError)
#: Form bookkeeping, not anything a person typed.
_SKIPPED = {"csrfmiddlewaretoken", "edit_version", "next", "action"}
#: Never echoed, not even to the person who typed them (a page can be cached, shown on a shared screen).
_SECRET = re.compile(r"password|token|secret|otp", re.I)
_BLOCK_END = re.compile(r"</(p|div|h[1-6]|li|blockquote|pre)\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


def _plain(value: str) -> str:
    """Rich text as plain paragraphs, the form that pastes back into any editor."""
    if "<" not in value:
        return value.strip()
    text = unescape(_TAG.sub("", _BLOCK_END.sub("\n", value)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def posted_texts(request) -> list[dict]:
    """Every text the person posted, labelled by its field (empty, numeric and bookkeeping fields left out)."""
    if request.method != "POST":
        return []
    try:
        data = request.POST
    except Exception:  # noqa: BLE001 - an unreadable body has nothing to hand back
        return []
    texts = []
    for name in data:
        if name in _SKIPPED or name.startswith("version-") or _SECRET.search(name):
            continue
        for value in data.getlist(name):
            text = _plain(value)
            if text and not text.isdigit():
                texts.append(
                    {"name": name, "label": name.replace("_", " ").replace("-", " ").capitalize(), "text": text}
                )
    return texts


def _back(request) -> str:
    """Where to try again: the page the person was on (for htmx, the page around the fragment; only its path,
    so the link never leads to another site)."""
    if request.method != "POST":
        return ""
    current = request.headers.get("HX-Current-URL", "") if request.headers.get("HX-Request") == "true" else ""
    if current:
        parts = urlsplit(current)
        return parts.path + (f"?{parts.query}" if parts.query else "") if parts.path.startswith("/") else "/"
    return request.path


def failure_response(request, *, status: int, database: bool) -> HttpResponse:
    """The page (or, for htmx, the fragment) that says what happened and hands the text back."""
    context = {
        "status": status,
        "database": database,
        "texts": posted_texts(request),
        "back": _back(request),
        "fragment": request.headers.get("HX-Request") == "true",
    }
    response = HttpResponse(render_to_string("errors/failure.html", context), status=status)
    # htmx requests swap this into the page instead of dropping it (static/js/app.js).
    response["X-Onemg-Failure"] = "database" if database else "server"
    if database:
        response["Retry-After"] = "30"
    return response


class DatabaseFailureMiddleware:
    """A view that loses the database answers 503 with the person's text, not a bare 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_ERRORS):
            return None
        logger.error(
            "Database unavailable during %s %s; the person's text was handed back",
            request.method,
            request.path,
            exc_info=exception,
        )
        return failure_response(request, status=503, database=True)


def server_error(request):
    """handler500: any other failure (or a database failure outside a view) still hands the text back."""
    error = sys.exc_info()[1]
    database = isinstance(error, DATABASE_ERRORS)
    return failure_response(request, status=503 if database else 500, database=database)


# --- Refused input (400, 413) ---------------------------------------------------------------------------


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _referer_back(request) -> str:
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
        "back": _referer_back(request),
    }
    template = "errors/_too_large_fragment.html" if _is_htmx(request) else "errors/too_large.html"
    return render(request, template, context, status=413)


def bad_request(request, exception=None):
    """handler400: our own InvalidInput says what was wrong; anything else gets a general message."""
    if isinstance(exception, RequestDataTooBig | TooManyFieldsSent):
        return too_large(request)
    message = str(exception) if isinstance(exception, InvalidInput) else _("The request could not be understood.")
    template = "errors/_400_fragment.html" if _is_htmx(request) else "errors/400.html"
    return render(request, template, {"message": message, "back": _referer_back(request)}, status=400)
