"""iCalendar (RFC 5545) feed of task deadlines and planned content items, for the calendars people use."""

from __future__ import annotations

import datetime

from django.utils import timezone

from core.limits import DATE_MAX, DATE_MIN
from strategies.models import ContentItem, Task


def _escape(text: str) -> str:
    return (
        (text or "")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r", "")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    """Lines longer than 75 octets continue on the next line after a space (RFC 5545 3.1)."""
    out, current = [], ""
    for char in line:
        if len((current + char).encode()) > 75:
            out.append(current)
            current = " " + char
        else:
            current += char
    out.append(current)
    return "\r\n".join(out)


def _event(uid: str, day: datetime.date, summary: str, description: str, stamp: str) -> list[str]:
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + datetime.timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{_escape(summary)}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
    ]


def build_feed(strategies, host: str) -> str:
    """Open tasks with a due date and planned content items of the given strategies, as one calendar."""
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//1+MG Strategy Planner//EN",
        "CALSCALE:GREGORIAN",
        "X-WR-CALNAME:1+MG Strategy Planner",
    ]
    # Rows stored outside the planning range (before it existed) are left out: no calendar can show them.
    tasks = (
        Task.objects.filter(strategy__in=strategies, due__range=(DATE_MIN, DATE_MAX))
        .open()
        .select_related("strategy__country", "owner")
    )
    for task in tasks:
        owner = f" – {task.owner}" if task.owner else ""
        lines += _event(
            f"task-{task.pk}@{host}",
            task.due,
            f"[{task.strategy.country.code}] {task.title}",
            f"{task.get_phase_display()} · {task.get_status_display()}{owner}",
            stamp,
        )
    items = ContentItem.objects.filter(
        strategy__in=strategies, planned_date__range=(DATE_MIN, DATE_MAX)
    ).select_related("strategy__country", "channel")
    for item in items:
        channel = f" on {item.channel}" if item.channel else ""
        lines += _event(
            f"content-{item.pk}@{host}",
            item.planned_date,
            f"[{item.strategy.country.code}] {item.get_content_type_display()}: {item.title}",
            f"{item.get_status_display()}{channel}",
            stamp,
        )
    lines.append("END:VCALENDAR")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
