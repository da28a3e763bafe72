"""A person in a browser asks for a PDF: the progress page follows the render and opens the file itself."""

import pytest

# Both databases: the page polls the render task while the worker claims and runs it (locked rows).
pytestmark = pytest.mark.usefixtures("reference_data")


def test_progress_page_opens_the_pdf_when_it_is_ready_without_another_click(sign_in, live_server, editor, strategy):
    from tests.tasks import run_tasks

    page = sign_in("editor")
    url = f"{live_server.url}/exports/strategies/{strategy.pk}/strategy.pdf"
    page.goto(url)
    page.wait_for_selector("text=Preparing your PDF")
    opened = []

    def open_pdf(route):
        # The real answer is checked, then a plain page is shown instead: Chromium's PDF viewer is not under
        # test, and closing a browser context that shows it can hang.
        response = route.fetch()
        opened.append((response.status, response.headers.get("content-type")))
        route.fulfill(status=200, content_type="text/html", body="<title>PDF</title><p>The PDF opened.</p>")

    page.route(url, open_pdf)
    run_tasks()
    page.wait_for_selector("text=The PDF opened.", timeout=20_000)
    assert opened[0] == (200, "application/pdf")


def test_a_failed_render_says_so_and_try_again_makes_the_pdf(sign_in, live_server, editor, strategy, monkeypatch):
    from exports import services as export_services
    from tests.tasks import run_tasks

    page = sign_in("editor")
    url = f"{live_server.url}/exports/strategies/{strategy.pk}/strategy.pdf"
    page.goto(url)
    page.wait_for_selector("text=Preparing your PDF")
    monkeypatch.setattr(export_services, "render_pdf", lambda *a, **k: (_ for _ in ()).throw(RecursionError("deep")))
    run_tasks()
    # The page follows the task: it stops waiting and says what happened and what to do.
    page.wait_for_selector("text=The PDF could not be made.", timeout=20_000)
    assert page.locator("[data-error-message]").is_visible()
    monkeypatch.undo()
    page.get_by_role("button", name="Try again").click()
    page.wait_for_selector("text=Preparing your PDF")
    opened = []

    def open_pdf(route):
        response = route.fetch()
        opened.append((response.status, response.headers.get("content-type")))
        route.fulfill(status=200, content_type="text/html", body="<title>PDF</title><p>The PDF opened.</p>")

    page.route(url, open_pdf)
    run_tasks()
    page.wait_for_selector("text=The PDF opened.", timeout=20_000)
    assert opened[0] == (200, "application/pdf")
