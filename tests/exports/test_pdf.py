import http.server
import io
import threading

import pytest
from django.urls import reverse
from pypdf import PdfReader

from exports import services as export_services
from exports.models import RenderedPdf
from exports.pdf import BASE_URL, render_pdf
from exports.services import run_pending_jobs
from reviews import services as review_services
from strategies import services
from strategies.models import Risk


def download(client, url):
    """First request queues the render and shows progress; the worker renders; the next request serves it."""
    from exports.services import run_pending_jobs

    response = client.get(url)
    if response.status_code == 202:
        assert b"Preparing your PDF" in response.content
        run_pending_jobs()
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
    assert f"Page 1 of {pages}" in text and pages >= 15
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
    assert run_pending_jobs() == 1
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
    from exports.models import PdfJob

    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[written.pk])
    status_url = status_link(client.get(url).content.decode())
    assert status_url.startswith(reverse("exports:job", args=[PdfJob.objects.get().pk]))
    status = client.get(status_url).content.decode()
    assert 'hx-trigger="every 2s"' in status
    run_pending_jobs()
    status = client.get(status_url).content.decode()
    assert "Download the PDF" in status and url in status
    assert PdfJob.objects.get().status == "done"


def test_a_failing_render_is_reported_and_does_not_stop_the_worker(written, monkeypatch):
    from exports.models import PdfJob

    monkeypatch.setattr(export_services, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("boom")))
    document = {"country": "X", "title": "Y"}
    export_services.pdf_request(
        kind="strategy", template="pdf/factsheet.html", document=document, filename="x", title="x"
    )
    assert run_pending_jobs() == 1
    job = PdfJob.objects.get()
    assert job.status == "failed" and "boom" in job.error


def test_cached_download_needs_few_queries(client, editor, written, django_assert_max_num_queries):
    url = reverse("exports:strategy_pdf", args=[written.pk])
    client.force_login(editor)
    download(client, url)
    with django_assert_max_num_queries(7):
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
    run_pending_jobs()
    response = client.get(reverse("exports:zip"))
    assert response["Content-Type"] == "application/zip"
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert len(names) == 1 and names[0].startswith("de-")
