"""Dates in the reader's own format.

The interface is in English (the only language it ships), but a German reader expects 05.03.2026 and an
Irish one 05/03/2026. The browser says which conventions its user follows in Accept-Language; the
middleware picks the first of those languages that Django has date formats for and keeps it for the
request. Only the *format* follows it: activating the language itself would mix Django's own translated
strings (form errors, month names) into the English interface.

Without a usable Accept-Language (tests, e-mails, PDFs, background work) dates read "5 Mar 2026", which no
reader misreads. Templates use ``|ldate`` and ``|ldatetime`` (built in, no ``{% load %}`` needed).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import functools

from django import template
from django.utils import dateformat, formats, timezone, translation
from django.utils.translation import trans_real

NEUTRAL_DATE = "j M Y"
NEUTRAL_DATETIME = "j M Y H:i"

_locale: contextvars.ContextVar[str | None] = contextvars.ContextVar("format_locale", default=None)


@functools.lru_cache(maxsize=256)
def _has_formats(language: str) -> bool:
    try:
        return any(True for _module in formats.iter_format_modules(language))
    except (ValueError, LookupError):
        return False


def locale_from_header(header: str) -> str | None:
    """The first language of an Accept-Language header that Django has date formats for."""
    for tag, _quality in trans_real.parse_accept_lang_header(header or "")[:8]:
        if tag == "*":
            continue
        tag = tag.lower()
        for candidate in (tag, tag.split("-")[0]):
            if _has_formats(candidate):
                return candidate
    return None


@contextlib.contextmanager
def format_locale(language: str | None):
    """Format dates for `language` (None: the neutral format) inside the block."""
    token = _locale.set(language)
    try:
        yield
    finally:
        _locale.reset(token)


def current_locale() -> str | None:
    """The locale whose formats the current request uses (None: the neutral ISO formats)."""
    return _locale.get()


class FormatLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with format_locale(locale_from_header(request.headers.get("Accept-Language", ""))):
            return self.get_response(request)


def format_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    return _format_day(value, _locale.get(), translation.get_language())


@functools.lru_cache(maxsize=4096)
def _format_day(day: datetime.date, locale: str | None, language: str | None) -> str:
    """A day in the locale's short format (month names, if the pattern has any, in the active language: part
    of the key). Remembered: pages list the same few dozen days again and again (an action plan's dates)."""
    pattern = formats.get_format("SHORT_DATE_FORMAT", lang=locale) if locale else NEUTRAL_DATE
    return dateformat.format(day, pattern)


def format_datetime(value) -> str:
    if not value:
        return ""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    language = _locale.get()
    pattern = formats.get_format("SHORT_DATETIME_FORMAT", lang=language) if language else NEUTRAL_DATETIME
    return dateformat.format(value, pattern)


register = template.Library()
register.filter("ldate", format_date)
register.filter("ldatetime", format_datetime)
