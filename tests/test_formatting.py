"""Dates read in the reader's format (from the browser's Accept-Language); neutral without one."""

import datetime

import pytest
from django.urls import reverse

from core.formatting import format_date, format_locale, locale_from_header
from strategies import services


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,de;q=0.9,en;q=0.8", "05.03.2026"),
        ("fr-FR,fr", "05/03/2026"),
        ("en-GB,en;q=0.9", "05/03/2026"),
        ("en-US", "03/05/2026"),
        ("sv", "2026-03-05"),
        ("", "5 Mar 2026"),
        ("tlh", "5 Mar 2026"),
    ],
)
def test_dates_follow_the_readers_locale(header, expected):
    with format_locale(locale_from_header(header)):
        assert format_date(datetime.date(2026, 3, 5)) == expected


def test_pages_show_dates_in_the_browsers_format(client, editor, strategy):
    task = strategy.tasks.get(title="Prioritise trust")
    services.part_update(part=task, data={"due": "2026-03-05"}, base_version=task.edit_version, user=editor)
    client.force_login(editor)
    url = reverse("strategies:action_plan", args=[strategy.pk])
    assert "05.03.2026" in client.get(url, HTTP_ACCEPT_LANGUAGE="de-DE,de").content.decode()
    assert "5 Mar 2026" in client.get(url).content.decode()
    assert "Prioritise trust" in client.get(url, HTTP_ACCEPT_LANGUAGE="de-DE,de").content.decode()  # still English


def test_a_snapshot_is_frozen_in_the_neutral_format(client, lead, editor, strategy):
    from reviews import services as review_services

    task = strategy.tasks.get(title="Prioritise trust")
    services.part_update(part=task, data={"due": "2026-03-05"}, base_version=task.edit_version, user=editor)
    with format_locale("de"):
        snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    row = next(r for r in snapshot.data["parts"]["tasks"] if r["id"] == task.pk)
    assert row["fields"]["due"] == "5 Mar 2026"
