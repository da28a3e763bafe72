"""Helpers every strategy view shares."""

from __future__ import annotations

from django.http import Http404

from strategies.models import SECTION_MODELS, SECTIONS_BY_KEY

SECTION_RELATIONS = [model.related_name() for model in SECTION_MODELS]


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def section_key_or_404(key: str) -> str:
    if key not in SECTIONS_BY_KEY:
        raise Http404
    return key
