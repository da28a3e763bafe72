"""KPI readings in section 10 of the strategy PDF: from the working copy, and frozen into snapshots."""

import datetime
from decimal import Decimal

from django.template.loader import render_to_string

from exports import services as export_services
from monitoring import services
from reviews import services as review_services


def _section(document, key="monitoring_evaluation"):
    return next(s for s in document["sections"] if s["key"] == key)


def test_readings_are_printed_in_section_10_with_their_chart(running, editor, lead):
    services.reading_add(kpi=running["kpi"], user=editor, date=datetime.date(2025, 12, 31), value=Decimal("3100"))
    document = export_services.working_copy_document(running["strategy"])
    readings = _section(document)["readings"]
    assert readings[0]["metric"] == "Monthly visitors" and readings[0]["readings"] == [
        ["2025-12-31", "3100", "on_track"]
    ]
    html = render_to_string("pdf/strategy.html", {"doc": document, "generated": None})
    assert "KPI readings against target" in html and '<svg class="kpi-chart"' in html and "2025-12-31: 3100" in html
    # A new reading is a change of the document: its PDF is rendered again, not served from the cache.
    before = export_services.fingerprint(document)
    services.reading_add(kpi=running["kpi"], user=editor, date=datetime.date(2026, 3, 31), value=Decimal("3500"))
    assert export_services.fingerprint(export_services.working_copy_document(running["strategy"])) != before
    # Submitting freezes them with the snapshot.
    snapshot = review_services.strategy_submit(strategy=running["strategy"], user=lead)
    assert len(snapshot.data["readings"][0]["readings"]) == 2


def test_a_strategy_without_readings_prints_no_readings_table(running):
    html = render_to_string("pdf/strategy.html", {"doc": export_services.working_copy_document(running["strategy"])})
    assert "KPI readings against target" not in html
