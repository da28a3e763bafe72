"""Reads of the guide's reference content that are more than one query on one model."""

from __future__ import annotations

import hashlib

from django.db.models import Count, IntegerField, Max, Value

from guide.models import GlossaryTerm, GuideText, Preset, Recommendation, Resource, SectionPrompt, SectionTemplate

#: The guide's tables whose text a strategy's PDF prints: section titles and prompts, the example lists (a
#: segment's or channel's category), the recommendations, glossary, resources and the funding statement.
PRINTED = (SectionTemplate, SectionPrompt, Preset, Recommendation, GlossaryTerm, Resource, GuideText)


def content_stamp() -> str:
    """Changes whenever any printed text of the guide changes (an edit moves its table's last change, a
    deletion its count): part of the key under which a rendered PDF is found again (exports.services), so an
    edited glossary or funding statement never leaves an old PDF in the cache. One query."""
    queries = [
        model.objects.order_by()
        .annotate(table=Value(index, output_field=IntegerField()))
        .values("table")
        .annotate(rows=Count("pk"), last=Max("updated_at"))
        .values_list("table", "rows", "last")
        for index, model in enumerate(PRINTED)
    ]
    rows = sorted(queries[0].union(*queries[1:], all=True), key=lambda row: row[0])
    stamp = ";".join(f"{rows_}:{last.timestamp() if last else 0}" for _table, rows_, last in rows)
    # Short and fixed in length: it goes into the PDF cache's alias column (200 characters).
    return hashlib.sha256(stamp.encode()).hexdigest()[:16]
