"""The strategy and the factsheets as editable Word (DOCX) and OpenDocument (ODT) files: read back with
python-docx and odfpy, every section, structured table, the action plan, the recommendations, the appendices
and the contact page are there under the word processors' own heading styles, with a table of contents and
the funding statement; the same permission policy as the PDF decides which version anyone gets; LibreOffice
opens both (where it is installed: scripts/system-deps.sh installs it for `make test`)."""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile

import docx
import pytest
from django.core.management import call_command
from django.urls import reverse
from odf import opendocument
from odf import table as odf_table
from odf import text as odf_text
from odf.element import Element

from accounts.models import User
from audit.models import AuditEvent
from exports import services
from factsheets.models import Factsheet, FactsheetTemplate
from factsheets.services import factsheet_get_or_create
from reviews import services as review_services
from strategies import services as strategy_services
from strategies.models import Strategy
from tests.conftest import rolled_back_at_the_end

# Data written once for the module: its tests stay on one test worker (make test's --dist loadgroup).
pytestmark = pytest.mark.xdist_group("word-demo")

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
FUNDING = "Digital Europe Programme"


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """`seed_demo` once for the module (seconds each time), rolled back after its last test."""
    with rolled_back_at_the_end(django_db_blocker):
        call_command("seed_demo", force=True, stdout=io.StringIO())
        yield


@pytest.fixture
def demo(seeded, db):
    """The demo: Germany's strategy has every section and structured part filled in (read afresh for each test:
    what a test changed is rolled back with its savepoint)."""
    return Strategy.objects.get(country__code="DE")


def _signed_in(client, username: str):
    client.force_login(User.objects.get(username=username))
    return client


def _expected(strategy: Strategy, document: dict | None = None) -> dict:
    """What the PDF shows, from the same document data: the heading of every section, of every table."""
    document = document or services.working_copy_document(strategy)
    sections = [s for s in document["sections"] if not s["appendix"]]
    appendices = [s for s in document["sections"] if s["appendix"]]
    level_1 = [s["title"] for s in sections] + ["B1MG recommendations"] + [s["title"] for s in appendices] + ["Contact"]
    tables = [t["title"] for s in document["sections"] for t in s["tables"]]
    return {"level_1": level_1, "tables": tables, "document": document}


def _docx_headings(document) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading "):
            found.setdefault(int(paragraph.style.name.split()[1]), []).append(paragraph.text)
    return found


def test_lead_downloads_germanys_strategy_as_word_with_every_section_and_table(client, demo):
    response = _signed_in(client, "lead-de").get(reverse("exports:strategy_word", args=[demo.pk, "docx"]))
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    assert (
        response["Content-Disposition"].startswith('attachment; filename="de-')
        and ".docx" in response["Content-Disposition"]
    )
    expected = _expected(demo)
    document = docx.Document(io.BytesIO(response.content))
    headings = _docx_headings(document)
    # Real Heading 1/2 styles, in the PDF's order: the navigation pane and the table of contents use them.
    assert headings[1] == expected["level_1"]
    for title in [*expected["tables"], "Action plan", "Risk matrix", "Additional resources", "Glossary"]:
        assert title in headings[2], title
    assert {"Initiate", "Execute", "Evaluate and report"} <= set(headings[3])
    # Every prompt of every section is a heading of its own, with the answer under it.
    for section in expected["document"]["sections"]:
        for prompt in section["prompts"]:
            assert prompt["prompt"] in headings[2]
    # Tables: the cover's details, each structured part, each phase of the action plan, the risk matrix, the
    # recommendations (and the palette band on the cover).
    phases = [p for s in expected["document"]["sections"] for p in s.get("phases", []) if p["tasks"]]
    readings = [r for s in expected["document"]["sections"] for r in s.get("readings", [])]
    assert readings  # the demo's KPI readings (section 10), as in the PDF: one table of them
    assert len(document.tables) == 2 + len(expected["tables"]) + 1 + len(phases) + 1 + 1
    assert "KPI readings against target" in headings[2]
    kpis = next(t for t in document.tables if t.rows[0].cells[0].text == "KPI" and len(t.columns) == 3)
    assert readings[0]["metric"] in kpis.rows[1].cells[0].text
    date, value, _status = readings[0]["readings"][-1]
    assert f"{date}: {value}" in kpis.rows[1].cells[1].text
    assert readings[0]["status_label"] in kpis.rows[1].cells[2].text
    segments = next(t for t in document.tables if t.rows[0].cells[0].text == "Group")
    first_segment = demo.segments.order_by("position", "pk").first()
    assert first_segment.name in {cell.text for cell in segments.rows[1].cells}
    recommendations = next(t for t in document.tables if t.rows[0].cells[0].text == "Recommendation")
    assert len(recommendations.rows) == 1 + 6
    tasks = [t for t in document.tables if t.rows[0].cells[0].text == "Task"]
    assert sum(len(t.rows) - 1 for t in tasks) == demo.tasks.count()
    # A table-of-contents field over Heading 1-2, updated when Word opens the file.
    body = document.element.xml
    assert 'TOC \\o "1-2"' in body
    assert "w:updateFields" in document.settings.element.xml
    # The funding statement on every page (footer), the page number, the draft status in the header.
    footer = document.sections[0].footer
    assert FUNDING in footer.paragraphs[0].text and "PAGE" in footer._element.xml
    assert "DRAFT" in document.sections[0].header.paragraphs[0].text
    # The glossary and the national contact page.
    text = "\n".join(p.text for p in document.paragraphs)
    assert "genomDE communications office" in text or demo.contact_name in text
    assert "Consent" in text
    assert AuditEvent.objects.filter(action="export", target=f"docx:strategy:{demo.pk}").exists()


def _odt_headings(document) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for heading in document.getElementsByType(odf_text.H):
        found.setdefault(int(heading.getAttribute("outlinelevel")), []).append(_odt_text(heading))
    return found


def _odt_text(element) -> str:
    out = []
    for node in element.childNodes:
        if node.nodeType == Element.TEXT_NODE:
            out.append(str(node.data))
        elif node.nodeType == Element.ELEMENT_NODE:
            out.append(_odt_text(node))
    return "".join(out)


def test_lead_downloads_germanys_strategy_as_odt_with_every_section_and_table(client, demo):
    response = _signed_in(client, "lead-de").get(reverse("exports:strategy_word", args=[demo.pk, "odt"]))
    assert response.status_code == 200 and response["Content-Type"] == ODT
    document = opendocument.load(io.BytesIO(response.content))
    expected = _expected(demo)
    headings = _odt_headings(document)
    assert headings[1] == expected["level_1"]
    more = ["KPI readings against target", "Action plan", "Risk matrix", "Additional resources", "Glossary"]
    for title in [*expected["tables"], *more]:
        assert title in headings[2], title
    phases = [p for s in expected["document"]["sections"] for p in s.get("phases", []) if p["tasks"]]
    readings_table = 1  # the demo's KPI readings (section 10)
    tables = 2 + len(expected["tables"]) + readings_table + len(phases) + 1 + 1
    assert len(document.getElementsByType(odf_table.Table)) == tables
    assert document.getElementsByType(odf_text.TableOfContent)
    styles = {s.getAttribute("name") for s in document.styles.childNodes if s.qname[1] == "style"}
    assert {"Heading_20_1", "Heading_20_2"} <= styles
    assert FUNDING in _odt_text(document.masterstyles)
    assert zipfile.ZipFile(io.BytesIO(response.content)).read("mimetype") == ODT.encode()


def test_word_of_another_countrys_draft_is_a_404_and_its_approved_version_is_shared(client, demo):
    french = _signed_in(client, "lead-fr")
    url = reverse("exports:strategy_word", args=[demo.pk, "docx"])
    assert french.get(url).status_code == 404  # Germany's draft is Germany's
    lead = User.objects.get(username="lead-de")
    review_services.strategy_submit(strategy=demo, user=lead)
    review_services.review_decide(
        review=review_services.open_review(demo), user=User.objects.get(username="reviewer"), decision="approve"
    )
    demo.refresh_from_db()
    response = french.get(url)
    assert response.status_code == 200
    document = docx.Document(io.BytesIO(response.content))
    assert "DRAFT" not in document.sections[0].header.paragraphs[0].text
    assert AuditEvent.objects.filter(action="export", target__startswith="docx:snapshot:").exists()


def test_reviewer_gets_the_submitted_snapshot_not_the_draft_written_since(client, demo):
    lead = User.objects.get(username="lead-de")
    snapshot = review_services.strategy_submit(strategy=demo, user=lead)
    section = demo.conclusion_section
    section.refresh_from_db()
    strategy_services.section_update(
        strategy=demo,
        key="conclusion",
        data={"summary": "<p>WRITTEN-AFTER-SUBMITTING</p>"},
        base_version=section.edit_version,
        user=lead,
    )
    reviewer = _signed_in(client, "reviewer")
    for url in (
        reverse("exports:strategy_word", args=[demo.pk, "docx"]),
        reverse("exports:snapshot_word", args=[snapshot.pk, "docx"]),
    ):
        response = reviewer.get(url)
        assert response.status_code == 200
        text = "\n".join(p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs)
        assert "WRITTEN-AFTER-SUBMITTING" not in text
        assert "IN REVIEW" in docx.Document(io.BytesIO(response.content)).sections[0].header.paragraphs[0].text
    members = _signed_in(client, "viewer-de")
    text = "\n".join(
        p.text
        for p in docx.Document(
            io.BytesIO(members.get(reverse("exports:strategy_word", args=[demo.pk, "docx"])).content)
        ).paragraphs
    )
    assert "WRITTEN-AFTER-SUBMITTING" in text  # members read the working copy


@pytest.mark.parametrize("fmt", ["docx", "odt"])
def test_member_downloads_a_factsheet_and_other_countries_cannot(client, demo, fmt):
    factsheet = Factsheet.objects.filter(country__code="DE").select_related("template").first()
    url = reverse("exports:factsheet_word", args=[factsheet.pk, fmt])
    response = _signed_in(client, "viewer-de").get(url)
    assert response.status_code == 200
    if fmt == "docx":
        document = docx.Document(io.BytesIO(response.content))
        questions = _docx_headings(document)[2]
        assert FUNDING in document.sections[0].footer.paragraphs[0].text
    else:
        questions = _odt_headings(opendocument.load(io.BytesIO(response.content)))[2]
    assert len(questions) == len(factsheet.template.question_numbers)
    assert _signed_in(client, "lead-fr").get(url).status_code == 404
    assert _signed_in(client, "reviewer").get(url).status_code == 404


def test_final_factsheet_with_empty_placeholders_is_refused_with_the_reason(client, db):
    from tests.factories import MembershipFactory, country

    lead = MembershipFactory(user__username="lead", role="lead", country=country("AT")).user
    factsheet = factsheet_get_or_create(
        country=country("AT"), template=FactsheetTemplate.objects.get(audience="citizens"), language="en"
    )
    factsheet.placeholders = {}
    factsheet.save()
    client.force_login(lead)
    response = client.get(reverse("exports:factsheet_word", args=[factsheet.pk, "docx"]) + "?final=1", follow=True)
    assert response.redirect_chain[-1][0] == reverse("factsheets:edit", args=[factsheet.pk])
    assert "Fill in every placeholder" in response.content.decode()
    draft = client.get(reverse("exports:factsheet_word", args=[factsheet.pk, "docx"]))
    assert draft.status_code == 200


def test_rich_text_keeps_its_headings_lists_emphasis_and_links():
    from exports.word import Run, html_blocks

    blocks = html_blocks(
        '<p>Plain <strong>bold</strong> and <em>italic</em> <a href="https://example.org">link</a></p>'
        "<ul><li>one</li><li>two <b>2</b></li></ul><ol><li>first</li></ol><h2>Inside</h2><blockquote>Said</blockquote>"
    )
    assert [b.kind for b in blocks] == ["para", "list", "list", "heading", "para"]
    assert Run("bold", bold=True) in blocks[0].runs and Run("italic", italic=True) in blocks[0].runs
    assert Run("link", href="https://example.org") in blocks[0].runs
    assert [len(blocks[1].items), blocks[1].ordered, blocks[2].ordered] == [2, False, True]
    assert blocks[3].level == 4 and blocks[4].style == "quote"


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice is not installed (scripts/system-deps.sh)")
def test_libreoffice_opens_the_docx_and_the_odt(client, demo, tmp_path):
    lead = _signed_in(client, "lead-de")
    for fmt in ("docx", "odt"):
        path = tmp_path / f"germany.{fmt}"
        path.write_bytes(lead.get(reverse("exports:strategy_word", args=[demo.pk, fmt])).content)
        profile = tmp_path / "profile"
        subprocess.run(  # noqa: S603 - our own arguments, no shell
            [
                shutil.which("soffice"),
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(tmp_path / fmt),
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        from pypdf import PdfReader

        reader = PdfReader(tmp_path / fmt / "germany.pdf")
        text = "".join(page.extract_text() for page in reader.pages[:6])
        assert len(reader.pages) > 15
        assert "Executive Summary" in text or "Executive summary" in text
