"""Whole-page cache for the pages people open every day (issue #13).

A page is stored per person, address, language and formats, together with the data version it was rendered
at and the minute it was rendered in; it is served again only while both still hold. So:

- **Any committed write anywhere empties it for everyone.** The data version (`core.models.DataVersion`, one
  row, shared by every app server and the worker) moves on after every write request, every row saved by any
  code path (services, admin, imports, commands, the worker), and every background task. Only rows that no
  page shows are left out (sessions, presence, the audit trail, lockout records, API token use).
- **Nothing stays more than a minute.** "Changed 5 minutes ago", today's overdue tasks, a colleague's
  presence: the minute is part of the entry, so time alone never leaves a page behind by more than that.
- **Nobody sees another person's page**: the person is part of the key, and a page is stored only for a
  signed-in GET whose answer is a plain 200 HTML page set no cookie. Flash messages, htmx fragments and
  anything else are rendered as before.
- **CSRF tokens stay per request.** While a cacheable page renders, templates receive a placeholder instead
  of the token (`csrf_placeholder`, a context processor after Django's own); the placeholder is replaced by a
  fresh masked token for every answer, stored or not.

The version moves on *after* commit, never before: a reader that started before the commit stores its page
under the old version, which no later request matches.
"""

from __future__ import annotations

import contextvars
import copy
import functools
import hashlib
import logging
import re
import time
import zlib
from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.messages import get_messages
from django.core.cache import caches
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from core import formatting

logger = logging.getLogger(__name__)

#: What templates receive as `csrf_token` while a cacheable page renders: letters and digits (no escaping
#: changes it), derived from the secret key so that nobody can type it into a page.
PLACEHOLDER = "csrf" + salted_hmac("core.pagecache", "csrf placeholder").hexdigest()[:28]
_RENDERING = "_page_cache_rendering"

#: Rows no page shows, or written while pages are read (a session's last activity, presence heartbeats):
#: saving them must not empty the cache.
IGNORED_MODELS = frozenset(
    {
        "migrations.migration",  # migrate records each migration, perhaps before this table exists
        "sessions.session",
        "strategies.presence",
        "audit.auditevent",
        "axes.accessattempt",
        "axes.accesslog",
        "axes.accessfailurelog",
        "api.apitoken",
        "core.dataversion",
    }
)

#: Headers a stored page is answered with again (never Set-Cookie: cookies belong to the request).
_KEPT_HEADERS = ("Content-Type", "Content-Language", "Content-Disposition")


def enabled() -> bool:
    return getattr(settings, "PAGE_CACHE", True)


# --- The data version ------------------------------------------------------------------------------------


_request_version: contextvars.ContextVar[int | None] = contextvars.ContextVar("data_version", default=None)
_in_request: contextvars.ContextVar[bool] = contextvars.ContextVar("in_request", default=False)
_memo: dict[str, tuple[int, object]] = {}


def data_version() -> int:
    """The data version. Inside a request it is read once, at its first use (before the page reads any
    data, so a write after it is always a newer version), and shared by every reader of that request."""
    version = _request_version.get()
    if version is None:
        from core.models import DataVersion

        # Plain SQL: this runs for every page served again, where the ORM's compiling costs more than the query.
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT value FROM {DataVersion._meta.db_table} WHERE id = 1")  # noqa: S608 - our table
            row = cursor.fetchone()
        version = row[0] if row else 0
        if _in_request.get():
            _request_version.set(version)
    return version


def by_version(name: str, load: Callable[[], object]) -> object:
    """`load()`, remembered by this process until the data version moves on: for small rows read on every
    request that change rarely (the sign-in rules). Returns a copy, so a caller that changes it changes
    nothing shared."""
    version = data_version()
    cached = _memo.get(name)
    if cached is None or cached[0] != version:
        cached = _memo[name] = (version, load())
    return copy.copy(cached[1])


def _bump() -> None:
    from core.models import DataVersion

    if not DataVersion.objects.filter(pk=1).update(value=F("value") + 1):
        DataVersion.objects.get_or_create(pk=1, defaults={"value": 1})


def _bump_after_commit() -> None:
    _bump()


def changed() -> None:
    """Say that data changed: the version moves on once the current transaction commits (at once outside
    one). Called for every write request, every saved row and every background task; several calls in one
    transaction move it once."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        _bump()
    # Django drops the callbacks of a block that rolls back, so the list itself says whether one is pending.
    elif not any(entry[1] is _bump_after_commit for entry in connection.run_on_commit):
        transaction.on_commit(_bump_after_commit, robust=True)


def on_row_saved(sender, instance=None, raw=False, **kwargs) -> None:
    """post_save and m2m_changed receiver (core.apps)."""
    # Migrations save rows of their historical models (module "__fake__"), maybe before this table exists.
    if raw or sender.__module__ == "__fake__" or sender._meta.label_lower in IGNORED_MODELS:
        return
    changed()


def on_task_event(sender=None, **kwargs) -> None:
    """A background task started or finished: what it wrote (a PDF, a mail's status, reminders) may show."""
    changed()


_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)


@functools.cache
def _ignored_tables() -> frozenset[str]:
    from django.apps import apps

    tables = {settings.CACHES[alias].get("LOCATION", "") for alias in settings.CACHES}
    for label in IGNORED_MODELS:
        try:
            tables.add(apps.get_model(label)._meta.db_table)
        except LookupError:  # an app that is not installed here
            continue
    return frozenset(tables)


class WritesChangeDataMiddleware:
    """Every request that writes moves the data version on, whatever it wrote and however: every write
    method, and every INSERT, UPDATE or DELETE statement a request runs (a GET that marks a notification read
    with a bulk update sends no signal) on a table pages show. Cheap, and nothing a request changed is ever
    served from before it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        wrote = []

        def watch(execute, sql, params, many, context):
            if not wrote:
                match = _WRITE.match(sql)
                if match and match.group(1).strip('"') not in _ignored_tables():
                    wrote.append(match.group(1))
            return execute(sql, params, many, context)

        in_request, version = _in_request.set(True), _request_version.set(None)
        try:
            with connection.execute_wrapper(watch):
                response = self.get_response(request)
        finally:
            _request_version.reset(version)
            _in_request.reset(in_request)
        if wrote or request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            try:
                changed()
            except DatabaseError:
                # The database is gone (the answer already says so and hands the person's text back); a
                # stored page is at most a minute old when it returns.
                logger.warning("Could not move the page cache's data version on after %s", request.path)
        return response


# --- The page cache --------------------------------------------------------------------------------------


def csrf_placeholder(request: HttpRequest) -> dict:
    """Context processor (after Django's own csrf processor, which it overrides only while a cacheable page
    renders)."""
    if getattr(request, _RENDERING, False):
        return {"csrf_token": PLACEHOLDER}
    return {}


def _key(request: HttpRequest) -> str:
    parts = "\n".join(
        (
            str(request.user.pk),
            request.scheme,
            request.get_host(),
            request.get_full_path(),
            translation.get_language() or "",
            formatting.current_locale() or "",
            timezone.get_current_timezone_name(),
        )
    )
    return "page:" + hashlib.blake2b(parts.encode(), digest_size=16).hexdigest()


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        enabled()
        and request.method == "GET"
        and request.user.is_authenticated
        and "HX-Request" not in request.headers
        # A page that would show a flash message shows it once: rendered, never stored nor served stored.
        and not len(get_messages(request))
    )


def _cacheable_response(response: HttpResponse) -> bool:
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith("text/html")
        and not getattr(response, "not_cached", False)
    )


def _minute() -> int:
    return int(time.time() // 60)


def _with_token(request: HttpRequest, content: bytes) -> bytes:
    if PLACEHOLDER.encode() not in content:
        return content
    return content.replace(PLACEHOLDER.encode(), get_token(request).encode())


def cached_page(view: Callable) -> Callable:
    """Serve a signed-in GET of `view` from the page cache while the data and the minute are unchanged.
    Put it under `login_required`; a view can refuse storage of one answer with `response.not_cached = True`."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _cacheable_request(request):
            return view(request, *args, **kwargs)
        key, minute = _key(request), _minute()
        version = data_version()  # read before the page's data: a write after this is a newer version
        stored = caches["pages"].get(key)
        if stored is not None and stored[0] == version and stored[1] == minute:
            response = HttpResponse(_with_token(request, zlib.decompress(stored[3])), status=200)
            for name, value in stored[2]:
                response[name] = value
            return response
        setattr(request, _RENDERING, True)
        try:
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not response.is_rendered:
                response.render()
        finally:
            setattr(request, _RENDERING, False)
        if response.streaming:
            return response
        # Not a page that showed a flash message the view added while rendering it.
        if _cacheable_response(response) and not len(get_messages(request)):
            headers = [(name, response[name]) for name in _KEPT_HEADERS if name in response]
            # Compressed: a page of 100-300 KB keeps in 10-30 KB (zlib's fastest level, about a millisecond).
            stored = (version, minute, headers, zlib.compress(response.content, 1))
            caches["pages"].set(key, stored, timeout=120)
        response.content = _with_token(request, response.content)
        return response

    wrapper.page_cached = True
    return wrapper
