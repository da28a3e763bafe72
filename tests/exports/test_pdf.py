import http.server
import io
import threading

import pytest
from django.urls import reverse
from pypdf import PdfReader

from exports import services as export_services
from exports.models import RenderedPdf
from exports.pdf import BASE_URL, render_pdf
from reviews import services as review_services
from strategies import services
from strategies.models import Risk
from tests.conftest import written_once_for_many_tests
from tests.tasks import run_tasks


def download(client, url):
    """First request queues the render and shows progress; the worker renders; the next request serves it."""
    from tests.tasks import run_tasks

    response = client.get(url)
    if response.status_code == 202:
        assert b"Preparing your PDF" in response.content
        run_tasks()
        response = client.get(url)
    return response


def status_link(page: str) -> str:
    """The job-status link the pending page polls (signed for the user it was shown to)."""
    import html
    import re

    return html.unescape(re.search(r'hx-get="([^"]+)"', page.split('id="job-status"')[1])[1])


def pdf_text(content: bytes) -> tuple[str, int, PdfReader]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), len(reader.pages), reader


@pytest.fixture
def written(strategy, editor):
    services.section_update(
        strategy=strategy,
        key="conclusion",
        data={"summary": "<p>Genomics for every region.</p>"},
        base_version=1,
        user=editor,
    )
    services.part_create(model=Risk, strategy=strategy, description="Low trust in data sharing", likelihood=4, impact=5)
    return strategy


def test_strategy_pdf_content(client, editor, written):
    client.force_login(editor)
    response = download(client, reverse("exports:strategy_pdf", args=[written.pk]))
    assert response["Content-Type"] == "application/pdf"
    text, pages, reader = pdf_text(response.content)
    for heading in (
        "1. Executive Summary",
        "4. Target audience",
        "11. Risk management",
        "12. Conclusion",
        "Appendices",
    ):
        assert heading in text
    assert "Genomics for every region." in text
    assert "Low trust in data sharing" in text
    assert "Risk management plan" in text  # a task of the action plan
    assert "Germany · National strategy" in text  # running header
    assert "grant agreement number 101081813" in text.replace("\n", " ")
    assert "DRAFT" in text
    assert f"Page 1 of {pages}" in text and pages >= 8  # sections share pages since #9 (was >= 15)
    assert reader.metadata.title.startswith("National strategy")
    assert reader.outline  # bookmarks for the sections


def test_second_download_is_served_from_the_cache(client, editor, written, monkeypatch):
    client.force_login(editor)
    download(client, reverse("exports:strategy_pdf", args=[written.pk]))
    # Renders run in a child process: count what they leave behind rather than calls.
    monkeypatch.setattr(export_services, "render_pdf", lambda *a, **k: (b"%PDF-", 0))
    assert client.get(reverse("exports:strategy_pdf", args=[written.pk])).content.startswith(b"%PDF")
    assert RenderedPdf.objects.count() == 1
    services.section_update(
        strategy=written, key="conclusion", data={"summary": "<p>Changed</p>"}, base_version=2, user=editor
    )
    response = client.get(reverse("exports:strategy_pdf", args=[written.pk]))
    assert response.status_code == 202  # any change of content renders again, in the worker
    assert run_tasks() == 1
    assert RenderedPdf.objects.count() == 2


def test_approved_pdf_has_no_watermark_and_other_countries_read_it(client, outsider, lead, reviewer, written):
    client.force_login(outsider)
    assert client.get(reverse("exports:strategy_pdf", args=[written.pk])).status_code == 404  # a draft
    review_services.strategy_submit(strategy=written, user=lead)
    review_services.review_decide(review=review_services.open_review(written), user=reviewer, decision="approve")
    response = download(client, reverse("exports:strategy_pdf", args=[written.pk]))
    text, _pages, _reader = pdf_text(response.content)
    assert "Genomics for every region." in text and "DRAFT" not in text and "IN REVIEW" not in text


@pytest.mark.parametrize("persona", ["viewer", "reviewer"])
def test_viewer_downloads_and_reviewer_gets_the_snapshot_not_the_draft(client, personas, persona, lead, written):
    review_services.strategy_submit(strategy=written, user=lead)
    services.section_update(
        strategy=written, key="conclusion", data={"summary": "<p>Draft after submission</p>"}, base_version=2, user=lead
    )
    client.force_login(personas[persona])
    text, _pages, _reader = pdf_text(download(client, reverse("exports:strategy_pdf", args=[written.pk])).content)
    if persona == "viewer":
        assert "Draft after submission" in text and "IN REVIEW" in text  # the working copy, while in review
    else:
        assert "Draft after submission" not in text and "IN REVIEW" in text


class _Probe(http.server.BaseHTTPRequestHandler):
    hits: list = []

    def do_GET(self):  # noqa: N802 - http.server's naming
        _Probe.hits.append(self.path)
        self.send_response(302)
        self.send_header("Location", "http://169.254.169.254/latest/meta-data/")
        self.end_headers()

    def log_message(self, *args):
        pass


def test_the_fetcher_refuses_everything_but_our_static_files(tmp_path):
    marker = tmp_path / "secret.txt"
    marker.write_text("TOP-SECRET-MARKER")
    server = http.server.HTTPServer(("127.0.0.1", 0), _Probe)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    probe = f"http://127.0.0.1:{server.server_port}"
    try:
        html = f"""<html><head>
          <link rel="stylesheet" href="{probe}/style.css">
          <style>@import url("{probe}/import.css"); body {{ background: url("{probe}/bg.png"); }}</style>
          <link rel="stylesheet" href="file://{marker}">
          <link rel="stylesheet" href="/static/../../../../{marker}">
        </head><body>
          <p>Visible text</p>
          <img src="{probe}/img.png"><img src="http://169.254.169.254/latest/meta-data/">
          <img src="file://{marker}"><object data="file://{marker}"></object>
          <svg><image href="{probe}/svg.png"/></svg>
          <a rel="attachment" href="file://{marker}">attachment</a>
          <a rel="attachment" href="{probe}/attach.txt">attachment</a>
          <iframe src="file://{marker}"></iframe>
        </body></html>"""
        content, _pages = render_pdf(html, stylesheets=(f'@import url("{probe}/from-css-object.css");',))
    finally:
        server.shutdown()
    assert _Probe.hits == []
    assert b"TOP-SECRET-MARKER" not in content
    text, _pages, _reader = pdf_text(content)
    assert "Visible text" in text and "TOP-SECRET" not in text


def test_the_fetcher_serves_our_own_stylesheet():
    html = (
        f'<html><head><link rel="stylesheet" href="{BASE_URL}static/css/print.css"></head><body><p>x</p></body></html>'
    )
    content, pages = render_pdf(html)
    text, _pages, _reader = pdf_text(content)
    assert "Page 1 of 1" in text  # the @page footer comes from print.css


def test_job_status_page_follows_the_render(client, editor, written):
    from tests.tasks import queued

    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[written.pk])
    status_url = status_link(client.get(url).content.decode())
    task = queued("pdf").get()
    assert status_url.startswith(reverse("exports:job", args=[str(task.pk)]))
    status = client.get(status_url).content.decode()
    assert 'hx-trigger="every 2s"' in status and "Waiting for the renderer" in status
    run_tasks()
    status = client.get(status_url).content.decode()
    assert "Download the PDF" in status and url in status
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and task.task_path == "exports.tasks.render_pdf"


def test_asking_again_while_it_renders_queues_nothing_more(client, editor, viewer, written):
    from tests.tasks import queued

    url = reverse("exports:strategy_pdf", args=[written.pk])
    for person in (editor, viewer, editor):
        client.force_login(person)
        assert client.get(url).status_code == 202
    assert queued().count() == 1


def test_a_failing_render_is_reported_and_does_not_stop_the_worker(written, monkeypatch):
    from django_tasks_db.models import DBTaskResult

    monkeypatch.setattr(export_services, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    document = {"country": "X", "title": "Y"}
    state, job = export_services.pdf_request(
        kind="strategy", template="pdf/factsheet.html", document=document, filename="x", title="x"
    )
    other = {"country": "Z", "title": "Y"}
    export_services.pdf_request(kind="strategy", template="pdf/factsheet.html", document=other, filename="z", title="z")
    assert state == "pending" and job.status == "queued"
    assert run_tasks() == 2  # the first failure did not stop the second
    assert DBTaskResult.objects.filter(status="FAILED").count() == 2
    job = export_services.render_job(job.id)
    assert job.status == "failed" and "boom" in job.error and not job.timed_out


def test_cached_download_needs_few_queries(client, editor, written, django_assert_max_num_queries):
    url = reverse("exports:strategy_pdf", args=[written.pk])
    client.force_login(editor)
    download(client, url)
    # session, user, strategy, the user's roles, assessments' last change, the guide's content stamp (one query
    # for its printed tables), the cached PDF, the audit line.
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200


def test_a_title_change_is_not_served_stale(client, editor, written):
    url = reverse("exports:strategy_pdf", args=[written.pk])
    client.force_login(editor)
    download(client, url)
    written.title = "Renamed strategy"
    written.save()
    assert client.get(url).status_code == 202


def test_reviewer_zip_of_all_visible_countries(client, reviewer, lead, outsider, written):
    import zipfile

    client.force_login(outsider)
    assert client.get(reverse("exports:zip")).status_code == 404
    review_services.strategy_submit(strategy=written, user=lead)
    client.force_login(reviewer)
    pending = client.get(reverse("exports:zip"))
    assert pending.status_code == 202 and b"0 of 1 ready" in pending.content
    run_tasks()
    response = client.get(reverse("exports:zip"))
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == 1 and names[0].startswith("de-")


# --- The PDF a ministry would send out (issue #9) ----------------------------------------------------------


def _write_ministry(strategy, lead):
    """Germany's draft with a national contact set through the details form, and a row of every table."""
    from guide.models import Preset
    from strategies import models

    services.strategy_details_update(
        strategy=strategy,
        data={
            "contact_name": "genomDE communications office",
            "contact_email": "genomde@bfarm.example",
            "contact_address": "BfArM\nKurt-Georg-Kiesinger-Allee 3\n53175 Bonn",
        },
        base_version=1,
        user=lead,
    )
    segment = services.part_create(
        model=models.AudienceSegment,
        strategy=strategy,
        group="professionals",
        name="Family doctors",
        preset=Preset.objects.get(name="Doctors"),
        description="GPs in every region",
        needs="Short clinical facts",
    )
    services.part_create(model=models.KeyMessage, strategy=strategy, segment=segment, message="Genomics helps you")
    services.part_create(model=models.Stakeholder, strategy=strategy, name="Patient alliance ACHSE")
    services.part_create(model=models.KPI, strategy=strategy, metric="Website visits per month", target="10000")
    for item, amount, currency in (
        ("Videos", "12500", "EUR"),
        ("Events", "3000.5", "EUR"),
        ("Swiss panel", "1000", "CHF"),
    ):
        services.part_create(model=models.BudgetLine, strategy=strategy, item=item, amount=amount, currency=currency)
    services.part_create(model=Risk, strategy=strategy, description="Low trust in data sharing", likelihood=4, impact=5)
    services.part_create(model=Risk, strategy=strategy, description="Misinformation online", likelihood=4, impact=5)
    return strategy


@pytest.fixture
def ministry(strategy, lead, editor):
    return _write_ministry(strategy, lead)


@pytest.fixture(scope="class")
def ministry_pdf_once(django_db_setup, django_db_blocker):
    """The ministry's PDF, downloaded once for the class (a render takes seconds) as its editor would, by the
    same personas as the function fixtures': (text, [text of each page])."""
    from django.test import Client

    from accounts.models import Membership
    from tests.factories import MembershipFactory, make_strategy

    with written_once_for_many_tests(django_db_blocker):
        lead = MembershipFactory(user__username="lead", role=Membership.Role.LEAD).user
        editor = MembershipFactory(user__username="editor", role=Membership.Role.EDITOR).user
        yield _ministry_pdf(Client(), editor, _write_ministry(make_strategy("DE"), lead))


@pytest.fixture
def ministry_pdf(ministry_pdf_once, db):
    """`ministry_pdf_once`, for a test that runs in its own savepoint on each database."""
    return ministry_pdf_once


def _document(strategy):
    return export_services.working_copy_document(strategy)


def _ministry_pdf(client, editor, strategy):
    client.force_login(editor)
    text, pages, reader = pdf_text(download(client, reverse("exports:strategy_pdf", args=[strategy.pk])).content)
    return text, [page.extract_text() for page in reader.pages]


@pytest.mark.xdist_group("ministry-pdf")  # rendered once for the class: its tests stay on one test worker
class TestTheMinistryPdf:
    """What the ministry's PDF prints, read from one download of it (`ministry_pdf_once`)."""

    def test_contact_page_is_the_countrys_not_the_guides(self, ministry_pdf):
        text, pages = ministry_pdf
        contact = pages[-1]
        assert "Contact" in contact and "genomDE communications office" in contact
        assert "Kurt-Georg-Kiesinger-Allee 3" in contact and "genomde@bfarm.example" in contact
        assert "ELIXIR Hub" not in text  # the guide's own contact is not the country's

    def test_funding_statement_appears_once_on_the_cover(self, ministry_pdf):
        _text, pages = ministry_pdf
        assert pages[0].replace("\n", " ").count("grant agreement number 101081813") == 1
        assert all("101081813" in page.replace("\n", " ") for page in pages[1:])  # still in every footer

    def test_structured_tables_print_inside_their_sections(self, ministry_pdf):
        _text, pages = ministry_pdf
        body = "\n".join(pages[2:])  # after the cover and the contents

        def between(first, second, needle):
            start, end = body.index(first), body.index(second)
            return start < body.index(needle, start) < end

        assert between("4. Target audience", "5. Key messages", "Family doctors")
        assert between("5. Key messages", "6. Channels and tactics", "Genomics helps you")
        assert between("8. Stakeholder engagement", "9. Implementation plan", "Patient alliance ACHSE")
        assert between("9. Implementation plan", "10. Monitoring and evaluation", "Swiss panel")
        assert between("9. Implementation plan", "10. Monitoring and evaluation", "Action plan")
        assert between("10. Monitoring and evaluation", "11. Risk management", "Website visits per month")
        assert between("11. Risk management", "12. Conclusion", "Risk matrix")
        assert "Structured plan" not in body  # no more tables gathered far from their sections

    def test_short_sections_share_pages(self, ministry_pdf):
        _text, pages = ministry_pdf
        assert any("1. Executive Summary" in page and "2. Introduction" in page for page in pages)

    def test_budget_totals_print_once(self, ministry_pdf):
        text, _pages = ministry_pdf
        assert "Total in EUR" in text and "15,500.50" in text and "Total in CHF" in text
        assert text.count("Total in EUR") == 1


def test_budget_has_thousands_separators_and_a_total_per_currency(ministry):
    section = next(s for s in _document(ministry)["sections"] if s["key"] == "implementation_plan")
    budget = next(t for t in section["tables"] if t["kind"] == "budget")
    assert [row["cells"][1]["text"] for row in budget["rows"]] == ["12,500.00", "3,000.50", "1,000.00"]
    assert section["budget_totals"] == [
        {"currency": "CHF", "amount": "1,000.00"},
        {"currency": "EUR", "amount": "15,500.50"},
    ]


def test_risk_matrix_numbers_the_risks_in_its_cells_and_keys_them_below(ministry):
    section = next(s for s in _document(ministry)["sections"] if s["key"] == "risk_management")
    grid = {(row["impact"], i + 1): cell for row in section["matrix"]["grid"] for i, cell in enumerate(row["cells"])}
    assert grid[(5, 4)]["numbers"] == [1, 2] and grid[(5, 4)]["band"] == "high"
    assert [k["description"] for k in section["matrix"]["key"]] == [
        "Low trust in data sharing",
        "Misinformation online",
    ]
    risks = next(t for t in section["tables"] if t["kind"] == "risks")
    assert risks["headers"][0] == "#" and "Score" in risks["headers"]
    assert [row["cells"][0]["text"] for row in risks["rows"]] == ["1", "2"]


def test_action_plan_chart_keeps_sub_tasks_under_their_parents_with_a_legend_and_whole_labels(client, editor, ministry):
    import datetime

    tasks = list(ministry.tasks.all())
    for index, task in enumerate(tasks):
        task.start = datetime.date(2025, 1, 1) + datetime.timedelta(days=37 * index)
        task.due = task.start + datetime.timedelta(days=60)
        task.save()
    parent = ministry.tasks.filter(subtasks__isnull=False).first()
    parent.title = "A deliberately long task title that the old chart cut off after fifty-five characters"
    parent.save()
    ministry.save()
    section = next(s for s in _document(ministry)["sections"] if s["key"] == "implementation_plan")
    titles = [r.get("title") or f"# {r['phase']}" for r in section["timeline"]["rows"]]
    children = [t.title for t in parent.subtasks.order_by("position", "id")]
    start = titles.index(parent.title)
    assert titles[start + 1 : start + 1 + len(children)] == children
    assert titles[0] == "# Initiate"
    labels = [t["label"] for t in section["timeline"]["ticks"]]
    assert "2026" in labels and labels[0] == "Jan 2025"
    assert all(t["anchor"] == "end" for t in section["timeline"]["ticks"] if t["left"] > 92)
    text, _pages = _ministry_pdf(client, editor, ministry)
    flat = " ".join(text.split())
    assert "after fifty-five characters" in flat
    assert "To do" in flat and "In progress" in flat and "Blocked" in flat and "Done" in flat


def test_the_layout_fingerprint_follows_the_templates(tmp_path, settings):
    import shutil

    from django.conf import settings as django_settings

    base = tmp_path / "app"
    shutil.copytree(django_settings.BASE_DIR / "templates" / "pdf", base / "templates" / "pdf")
    (base / "static" / "css").mkdir(parents=True)
    shutil.copy(django_settings.BASE_DIR / "static" / "css" / "print.css", base / "static" / "css")
    settings.BASE_DIR = base
    before = export_services._layout_fingerprint()
    assert before == export_services._layout_fingerprint()
    with open(base / "static" / "css" / "print.css", "a") as css:
        css.write("\n/* a change */\n")
    assert export_services._layout_fingerprint() != before


def test_old_snapshots_without_a_contact_print_the_strategys_contact(client, reviewer, lead, ministry):
    from reviews.models import Snapshot

    review_services.strategy_submit(strategy=ministry, user=lead)
    data = Snapshot.objects.get().data
    del data["contact"]
    Snapshot.objects.update(data=data)
    client.force_login(reviewer)
    text, _pages, _reader = pdf_text(download(client, reverse("exports:strategy_pdf", args=[ministry.pk])).content)
    assert "genomDE communications office" in text
