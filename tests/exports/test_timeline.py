"""The action plan's timeline is built once (strategies.presenters.task_timeline): the page and the PDF draw
the same bars, in the same order, at the same places."""

from __future__ import annotations

import datetime

from django.urls import reverse

from exports import services as export_services
from strategies import presenters
from tests.exports.test_pdf import ministry  # noqa: F401


def _dated(strategy) -> None:
    for index, task in enumerate(strategy.tasks.order_by("id")):
        task.start = datetime.date(2025, 1, 10) + datetime.timedelta(days=41 * index)
        task.due = task.start + datetime.timedelta(days=50 + 7 * index)
        task.save()
    strategy.save()


def _bars(rows) -> list[tuple]:
    return [(r["title"], r["sub"], r["status"], r["left"], r["width"]) for r in rows if "phase" not in r]


def test_the_page_and_the_pdf_draw_the_same_timeline(client, editor, ministry):  # noqa: F811
    _dated(ministry)
    client.force_login(editor)
    page = client.get(reverse("strategies:action_plan", args=[ministry.pk]), {"view": "timeline"})
    page_rows = page.context["timeline"]["rows"]
    document = export_services.working_copy_document(ministry)
    section = next(s for s in document["sections"] if s["key"] == "implementation_plan")
    pdf_rows = section["timeline"]["rows"]
    assert len(page_rows) == ministry.tasks.count() >= 3
    assert _bars(page_rows) == _bars(pdf_rows)
    assert any(r["sub"] for r in page_rows)  # a sub-task, right under its parent on both
    first = page_rows[0]
    drawn = f'style="left: {first["left"]}%; width: {first["width"]}%"'
    assert drawn in page.content.decode()  # the page draws the presenter's geometry


def test_the_timeline_lists_out_of_range_tasks_instead_of_drawing_them():
    far = presenters.TimelineTask("far", 1, "Far", "initiate", None, datetime.date(9999, 1, 1), None, "todo")
    near = presenters.TimelineTask("near", 2, "Near", "initiate", None, datetime.date(2026, 3, 5), None, "todo")
    chart = presenters.task_timeline([far, near])
    assert chart["outside"] == ["far"] and [bar["task"] for bar in chart["bars"]] == ["near"]
    assert chart["rows"][0]["phase"] and chart["first"] == datetime.date(2026, 3, 1)
