"""Writes of the guide's reference content. The data migrations load it (guide/loading.py); afterwards the
admin is the only place that edits it, and every admin save and delete comes here: passages shown as HTML are
sanitised like any rich text, every row is validated, and each change moves the guide's content stamp
(guide.selectors.content_stamp: the tables' `updated_at`), so a PDF printing the old text is made again."""

from __future__ import annotations

from django.db import models, transaction

from core.html import sanitize_html
from guide.models import GuideText, KeyQuestion

#: The guide's passages that pages and PDFs show as HTML.
HTML_FIELDS: dict[type[models.Model], tuple[str, ...]] = {GuideText: ("text",), KeyQuestion: ("answer",)}


@transaction.atomic
def guide_item_save(*, obj: models.Model, user=None) -> models.Model:
    """Save one row of the guide's content (a text, a prompt, a glossary term, a resource, …)."""
    for name in HTML_FIELDS.get(type(obj), ()):
        setattr(obj, name, sanitize_html(getattr(obj, name)))
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def guide_item_delete(*, obj: models.Model, user=None) -> None:
    obj.delete()
