"""A person in a browser asks for a PDF: the progress page follows the render and opens the file itself."""

import pytest

pytestmark = pytest.mark.usefixtures("reference_data")


def test_progress_page_opens_the_pdf_when_it_is_ready_without_another_click(sign_in, live_server, editor, strategy):
    from exports.services import run_pending_jobs

    page = sign_in("editor")
    url = f"{live_server.url}/exports/strategies/{strategy.pk}/strategy.pdf"
    page.goto(url)
    page.wait_for_selector("text=Preparing your PDF")
    with page.expect_response(
        lambda r: r.url == url and r.headers.get("content-type") == "application/pdf", timeout=20_000
    ) as pdf:
        run_pending_jobs()
    assert pdf.value.status == 200
