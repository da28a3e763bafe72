import io

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.urls import reverse
from pypdf import PdfReader

from exports import services as export_services
from factsheets import services
from factsheets.models import Factsheet, FactsheetTemplate
from tests.factories import country


@pytest.fixture
def citizens(db):
    return services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="de"
    )


def test_new_factsheet_starts_from_the_guide_with_country_details(citizens):
    assert citizens.placeholders["country"] == "Germany"
    content = services.resolved(citizens)
    assert [i["question"].number for i in content["items"]] == citizens.template.question_numbers
    assert not any(i["own"] for i in content["items"])
    assert set(content["missing"]) >= {"national_timescales"}
    assert "[Add Information on national timescales]" in "".join(i["html"] for i in content["items"])


def test_language_must_be_one_of_the_country(db):
    with pytest.raises(ValidationError):
        services.factsheet_get_or_create(
            country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="pt"
        )


def test_own_text_and_placeholders_fill_the_factsheet(citizens, editor):
    services.factsheet_update(
        factsheet=citizens,
        answers={"1": {"own": True, "text": "<p>Our <script>x</script>words for [country].</p>"}},
        placeholders={"country": "Deutschland", "national_website": "https://genom.de", "national_timescales": "2026"},
        base_version=1,
        user=editor,
    )
    citizens.refresh_from_db()
    content = services.resolved(citizens)
    first = content["items"][0]
    assert first["own"] and first["html"] == "<p>Our words for Deutschland.</p>"
    assert content["missing"] == []


def test_a_stale_save_is_refused_and_changes_nothing(citizens, editor, lead):
    services.factsheet_update(factsheet=citizens, answers={}, placeholders={"country": "A"}, base_version=1, user=lead)
    with pytest.raises(ValidationError):
        services.factsheet_update(
            factsheet=citizens, answers={}, placeholders={"country": "B"}, base_version=1, user=editor
        )
    citizens.refresh_from_db()
    assert citizens.placeholders["country"] == "A"


def test_readability_indicator():
    easy = services.readability("You choose. We keep your data safe. Ask us anything.")
    hard = services.readability(
        "Interoperability of federated genomic infrastructures necessitates comprehensive harmonisation "
        "of heterogeneous phenotypic metadata representations across jurisdictions."
    )
    assert easy["ease"] > 60 > hard["ease"] and easy["sentence_length"] < hard["sentence_length"]


def test_final_pdf_needs_every_placeholder_and_pdf_text(citizens, editor):
    with pytest.raises(ValidationError):
        export_services.factsheet_pdf(citizens, final=True)
    draft = export_services.factsheet_pdf(citizens, final=False)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(draft.content))).pages)
    flat = " ".join(text.split())
    assert "DRAFT" in text and "What is the 1+ Million Genomes initiative?" in flat and draft.pages <= 2
    services.factsheet_update(
        factsheet=citizens,
        # A German version: since #9 the final PDF also needs each English answer kept on purpose.
        answers={str(n): {"keep_english": True} for n in citizens.template.question_numbers},
        placeholders={"country": "Germany", "national_website": "https://genom.de", "national_timescales": "From 2026"},
        base_version=1,
        user=editor,
    )
    citizens.refresh_from_db()
    final = export_services.factsheet_pdf(citizens, final=True)
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(final.content))).pages)
    assert "DRAFT" not in text and "From 2026" in text and "[country" not in text
    assert "grant agreement number 101081813" in text.replace("\n", " ")


def test_views_editor_preview_and_permissions(client, editor, viewer, outsider, citizens):
    url = reverse("factsheets:edit", args=[citizens.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert client.get(reverse("factsheets:list", args=["DE"])).status_code == 404
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, {"edit_version": 1}).status_code == 403
    client.force_login(editor)
    preview = client.post(
        reverse("factsheets:preview", args=[citizens.pk]),
        {"own-1": "on", "text-1": "<p>Short words. Easy read.</p>", "ph-national_timescales": "Soon"},
        HTTP_HX_REQUEST="true",
    )
    assert b"Short words. Easy read." in preview.content and b"reading ease" in preview.content
    citizens.refresh_from_db()
    assert citizens.edit_version == 1  # the preview writes nothing
    response = client.post(url, {"edit_version": 1, "own-1": "on", "text-1": "<p>Ours</p>", "ph-country": "Germany"})
    assert response.status_code == 302
    assert Factsheet.objects.get().answers["1"] == {"own": True, "text": "<p>Ours</p>", "keep_english": False}
    stale = client.post(url, {"edit_version": 1, "ph-country": "X"})
    assert stale.status_code == 409 and b"Your text is kept below" in stale.content


def test_start_a_factsheet_from_the_list(client, lead):
    client.force_login(lead)
    page = client.get(reverse("factsheets:list", args=["DE"])).content.decode()
    assert "Factsheet 2: The 1+ Million Genomes initiative for healthcare providers" in page
    response = client.post(reverse("factsheets:start", args=["DE", "professionals", "en"]))
    assert response.status_code == 302 and Factsheet.objects.filter(template__audience="professionals").exists()


# --- Which language a factsheet is in (issue #9) -----------------------------------------------------------


def _post(client, factsheet, **fields):
    """The editor's form as a browser sends it: every placeholder, and per question its text and boxes."""
    data = {"edit_version": factsheet.edit_version}
    data.update({f"ph-{key}": value for key, value in factsheet.placeholders.items()})
    data["ph-national_timescales"] = "Ab 2026"
    data["ph-national_website"] = "https://genom.de"
    for number in factsheet.template.question_numbers:
        data[f"text-{number}"] = f"<p>Question {number}</p>"
    data.update(fields)
    return client.post(reverse("factsheets:edit", args=[factsheet.pk]), data)


def test_a_language_version_marks_every_answer_still_in_english(client, editor, citizens):
    client.force_login(editor)
    page = client.get(reverse("factsheets:edit", args=[citizens.pk])).content.decode()
    assert "Deutsch (DE)" in page
    assert page.count(">Still in English</span>") == len(citizens.template.question_numbers)
    assert "answers of this Deutsch version are still the guide's English text" in page
    assert 'name="keep-1"' in page
    content = services.resolved(citizens)
    assert all(item["english"] and item["lang"] == "en" for item in content["items"])


def test_english_version_has_nothing_to_translate(client, editor, db):
    english = services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="en"
    )
    client.force_login(editor)
    page = client.get(reverse("factsheets:edit", args=[english.pk])).content.decode()
    assert "Still in English" not in page and 'name="keep-1"' not in page
    assert services.resolved(english)["untranslated"] == []


def test_final_pdf_is_blocked_until_each_answer_is_translated_or_kept_in_english(client, editor, citizens):
    client.force_login(editor)
    numbers = citizens.template.question_numbers
    own_german = {f"own-{n}": "on" for n in numbers[:2]} | {f"text-{n}": f"<p>Antwort {n}</p>" for n in numbers[:2]}
    assert _post(client, citizens, **own_german).status_code == 302
    citizens.refresh_from_db()
    response = client.get(reverse("factsheets:pdf", args=[citizens.pk]), {"final": "1"}, follow=True)
    text = response.content.decode()
    assert "still show the guide&#x27;s English text in this Deutsch version" in text
    assert ", ".join(str(n) for n in numbers[2:]) in text
    keep = {f"keep-{n}": "on" for n in numbers[2:]}
    assert _post(client, citizens, **own_german, **keep).status_code == 302
    citizens.refresh_from_db()
    assert all(citizens.answers[str(n)]["keep_english"] for n in numbers[2:])
    assert services.resolved(citizens)["untranslated"] == []
    document = services.factsheet_document(citizens, final=True)
    assert [i["lang"] for i in document["items"]][:3] == ["de", "de", "en"]
    assert document["language_name"] == "Deutsch"


def test_draft_pdf_says_its_language_and_marks_untranslated_answers(citizens):
    draft = export_services.factsheet_pdf(citizens, final=False)
    flat = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(bytes(draft.content))).pages).split())
    assert "Germany · Deutsch" in flat
    assert flat.count("Not yet translated") == len(citizens.template.question_numbers)


def test_preview_follows_the_keep_english_choice(client, editor, citizens):
    client.force_login(editor)
    numbers = citizens.template.question_numbers
    data = {f"keep-{n}": "on" for n in numbers[1:]}
    preview = client.post(reverse("factsheets:preview", args=[citizens.pk]), data, HTTP_HX_REQUEST="true")
    assert "Still in English:</" not in preview.content.decode().replace("Still in English: question 1.", "")
    assert "Still in English: question 1." in " ".join(preview.content.decode().split())


# --- Who sees the editor --------------------------------------------------------------------------------------


def _main(response) -> BeautifulSoup:
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").find("main")


def test_a_viewer_reads_the_factsheet_with_nothing_that_looks_editable(client, viewer, editor, citizens):
    services.factsheet_update(
        factsheet=citizens,
        answers={"1": {"own": True, "text": "<p>Our words for [country].</p>"}},
        placeholders={"country": "Deutschland", "national_website": "https://genom.de", "national_timescales": ""},
        base_version=1,
        user=editor,
    )
    client.force_login(viewer)
    main = _main(client.get(reverse("factsheets:edit", args=[citizens.pk])))
    # No field, no editor, no Save: the factsheet as it reads, and its national details.
    assert main.find_all(["input", "textarea", "select", "trix-editor", "form"]) == []
    assert main.find(attrs={"contenteditable": True}) is None
    assert not [b for b in main.find_all("button") if "Save" in b.get_text()]
    text = main.get_text(" ", strip=True)
    assert "Our words for Deutschland." in text and "https://genom.de" in text and "not filled in yet" in text
    assert "You can read and download this factsheet" in text
    assert main.find("a", string="Final PDF")  # reading includes downloading


@pytest.mark.parametrize("persona", ["editor", "lead", "admin"])
def test_leads_editors_and_admins_keep_the_editor(client, personas, persona, citizens):
    client.force_login(personas[persona])
    main = _main(client.get(reverse("factsheets:edit", args=[citizens.pk])))
    assert main.find("input", attrs={"name": "ph-country", "value": "Germany"})
    assert main.find("input", attrs={"name": "text-1"}) and main.find("input", attrs={"name": "own-1"})
    assert main.find("button", string="Save")


def test_a_save_by_a_viewer_is_refused_and_changes_nothing(client, viewer, citizens):
    client.force_login(viewer)
    before = Factsheet.objects.filter(pk=citizens.pk).values().get()
    response = _post(client, citizens, **{"own-1": "on", "text-1": "<p>Not mine to write</p>"})
    assert response.status_code == 403
    assert Factsheet.objects.filter(pk=citizens.pk).values().get() == before


def test_the_editor_still_saves(client, editor, citizens):
    client.force_login(editor)
    response = _post(client, citizens, **{"own-1": "on", "text-1": "<p>Unsere Worte</p>"})
    assert response.status_code == 302
    citizens.refresh_from_db()
    assert citizens.answers["1"]["text"] == "<p>Unsere Worte</p>" and citizens.edit_version == 2
