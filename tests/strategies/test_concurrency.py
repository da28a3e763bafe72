"""Real concurrency: two editors' saves racing on separate database connections (PostgreSQL only)."""

import threading

import pytest
from django.db import connection

from strategies import services
from tests.factories import make_strategy

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("reference_data")]


def race(*calls):
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    return results


def test_racing_saves_of_different_paragraphs_both_land(lead, editor):
    strategy = make_strategy("DE")
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>A</p><p>B</p>"}, base_version=1, user=lead
    )

    def save(user, text):
        return lambda: (
            services.section_update(
                strategy=strategy, key="conclusion", data={"summary": text}, base_version=2, user=user
            ).status
        )

    statuses = race(save(lead, "<p>A by lead</p><p>B</p>"), save(editor, "<p>A</p><p>B by editor</p>"))
    assert sorted(statuses) == ["merged", "saved"]
    section = strategy.conclusion_section
    section.refresh_from_db()
    assert section.summary == "<p>A by lead</p><p>B by editor</p>" and section.edit_version == 4


def test_racing_saves_of_the_same_paragraph_never_overwrite(lead, editor):
    strategy = make_strategy("DE")

    def save(user, text):
        return lambda: (
            services.section_update(
                strategy=strategy, key="conclusion", data={"summary": text}, base_version=1, user=user
            ).status
        )

    statuses = race(save(lead, "<p>Lead</p>"), save(editor, "<p>Editor</p>"))
    assert sorted(statuses) == ["conflict", "saved"]
    section = strategy.conclusion_section
    section.refresh_from_db()
    assert section.summary in ("<p>Lead</p>", "<p>Editor</p>") and section.edit_version == 2
