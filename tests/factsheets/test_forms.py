"""The factsheet editor as a browser uses it: a Django form rendered by crispy, sent back as the page shows it,
what was typed kept when the save is refused, and never rendered as markup unsanitised."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from factsheets import services
from factsheets.models import Factsheet, FactsheetTemplate
from tests.factories import country
from tests.test_forms_as_a_browser import browser, ok, open_page


@pytest.fixture
def german(db):
    return services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="de"
    )


def _editor_form(client, factsheet):
    page = open_page(client, reverse("factsheets:edit", args=[factsheet.pk]))
    return page, page.form("form[data-draft-key]")


def test_every_field_is_labelled_and_named_as_before(editor, german):
    page, form = _editor_form(browser(editor), german)
    names = {field["name"] for field in form.fields()}
    numbers = german.template.question_numbers
    assert {f"ph-{key}" for key in services.PLACEHOLDERS} <= names
    assert {f"{kind}-{n}" for n in numbers for kind in ("own", "keep", "text")} <= names
    for field in form.element.select("input:not([type=hidden])"):
        assert page.soup.select_one(f'label[for="{field["id"]}"]'), field["name"]
    for editor_box in form.element.select("trix-editor"):
        assert editor_box.get("aria-label")


def test_the_form_as_shown_saves_what_was_typed_with_every_box_ticked(editor, german):
    client = browser(editor)
    _page, form = _editor_form(client, german)
    form.fill("edit", **{"ph-country": "Rock & roll <3"})
    ok(form.submit(client, button_text="Save"))
    german.refresh_from_db()
    assert german.placeholders["country"] == "Rock & roll <3"
    assert all(answer["own"] and answer["keep_english"] for answer in german.answers.values())
    page, _form = _editor_form(client, german)
    assert page.soup.select_one("#ph-country")["value"] == "Rock & roll <3"  # not double-escaped


def test_a_stale_save_keeps_the_typed_text_and_previews_it_sanitised(editor, lead, german):
    client = browser(editor)
    _page, form = _editor_form(client, german)
    services.factsheet_update(
        factsheet=german, answers={}, placeholders={"country": "Deutschland"}, base_version=1, user=lead
    )
    typed = '<p>Unsere Worte</p><img src=x onerror="alert(1)"><script>alert(2)</script>'
    form.fill("edit", **{"own-1": "on", "text-1": typed})
    response = form.submit(client, button_text="Save")
    assert response.status_code == 409
    page = BeautifulSoup(response.content.decode(), "html.parser")
    assert page.select_one('input[name="text-1"]')["value"] == typed  # kept, as text in the field
    preview = page.select_one("#preview")
    assert "Unsere Worte" in preview.get_text()
    assert not preview.select("script, img[onerror]")
    assert Factsheet.objects.get(pk=german.pk).answers.get("1", {}).get("text") != typed


def test_a_damaged_version_is_refused_with_the_form_kept(editor, german):
    client = browser(editor)
    _page, form = _editor_form(client, german)
    form.fill("edit", edit_version="²", **{"ph-country": "Kept text"})
    response = form.submit(client, button_text="Save")
    assert response.status_code == 400
    assert 'value="Kept text"' in response.content.decode()


def test_a_viewer_gets_no_editor_form_at_all(viewer, german):
    page = open_page(browser(viewer), reverse("factsheets:edit", args=[german.pk]))
    assert not page.soup.select("form[data-draft-key]")
    assert not page.soup.select("main input, main textarea, main select, main trix-editor")
