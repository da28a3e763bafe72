"""The strategy import's two pages as a browser sends them: the source form (crispy, multipart) and the
preview's form, whose overwrite ticks are Django form fields; only the ticks it offers are accepted."""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exports import exchange
from strategies import services as strategy_services
from tests.exports.test_exchange import approved_demo, approved_germany, austria  # noqa: F401 (fixtures)
from tests.test_forms_as_a_browser import Page, browser, open_page

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_the_import_pages_hold_no_hand_written_field():
    for name in ("exports/import_source.html", "exports/import_preview.html", "exports/_import_change.html"):
        text = (TEMPLATES / name).read_text()
        for tag in ("<input", "<select", "<textarea", "<option"):
            assert tag not in text, (name, tag)


def _preview(client, target, germany):
    url = reverse("exports:strategy_import", args=[target.pk])
    page = open_page(client, url)
    form = page.form("main form")
    assert form.element["enctype"] == "multipart/form-data"
    assert page.soup.select_one('label[for="id_snapshot"]') and page.soup.select_one('label[for="id_file"]')
    snapshot = germany.snapshots.get()
    options = [o["value"] for o in form.element.select("select[name=snapshot] option") if o["value"]]
    assert str(snapshot.pk) in options
    response = form.fill("create", snapshot=str(snapshot.pk)).submit(client, button_text="Show what would be imported")
    return url, Page(url, response)


def test_a_ticked_overwrite_is_imported_and_an_unticked_one_is_not(approved_germany, austria):  # noqa: F811
    target, lead = austria
    for key, value in (("executive_summary", "overview"), ("introduction", "background")):
        section = strategy_services.section_for(target, key)
        strategy_services.section_update(
            strategy=target,
            key=key,
            data={value: f"<p>Our own {key}.</p>"},
            base_version=section.edit_version,
            user=lead,
        )
    client = browser(lead)
    url, page = _preview(client, target, approved_germany)
    form = page.form('form[method="post"]', containing='input[name="payload"]')
    boxes = form.element.select("input[type=checkbox][name=overwrite]")
    assert {b["value"] for b in boxes} >= {"section:executive_summary:overview", "section:introduction:background"}
    for box in boxes:
        assert page.soup.select_one(f'label[for="{box["id"]}"]').get_text(strip=True) == "Overwrite mine"
    form.fill("create", overwrite=["section:executive_summary:overview"])
    response = form.submit(client, button_text="Import")
    assert response.status_code == 302
    assert strategy_services.section_for(target, "executive_summary").overview != "<p>Our own executive_summary.</p>"
    assert strategy_services.section_for(target, "introduction").background == "<p>Our own introduction.</p>"


def test_a_tick_the_preview_did_not_offer_imports_nothing(client, approved_germany, austria):  # noqa: F811
    target, lead = austria
    data = exchange.strategy_export(strategy=approved_germany, snapshot=approved_germany.snapshots.get(), approved=True)
    client.force_login(lead)
    url = reverse("exports:strategy_import", args=[target.pk])
    before = target.risks.count()
    import json

    response = client.post(url, {"payload": json.dumps(data), "confirm": "1", "overwrite": ["risks:forged"]})
    assert response.status_code == 422 and "Nothing was imported" in response.content.decode()
    assert target.risks.count() == before


def test_an_unreadable_file_is_refused_on_the_source_page(client, austria):  # noqa: F811
    target, lead = austria
    client.force_login(lead)
    upload = SimpleUploadedFile("x.json", b"{not json", content_type="application/json")
    response = client.post(reverse("exports:strategy_import", args=[target.pk]), {"file": upload})
    assert response.status_code == 422 and "Nothing was imported" in response.content.decode()
