"""No document can hold the PDF worker: renders run in a child process with a time limit, a failure is not
queued again by a visit (the same content fails the same way), the page says why and what to do, and its
"Try again" button queues it once more. The job-status link works only for the user the download page
showed it to."""

import io
import time
import zipfile

import pytest
from django.urls import reverse

from exports import services as export_services
from reviews import services as review_services
from strategies.models import Conclusion
from tests.exports.test_pdf import download, pdf_text, status_link
from tests.tasks import queued, run_tasks

NESTED = "<div>" * 20_000 + "deep words" + "</div>" * 20_000


def _slow(*args, **kwargs):
    time.sleep(60)


def _recursing(*args, **kwargs):
    def down(n):
        return down(n + 1)

    return down(0)


def _job(client, url):
    """The render job the download page at `url` shows: from the status link it polls, or the reference
    a failure quotes."""
    import re

    page = client.get(url).content.decode()
    found = re.search(r"PDF-([0-9a-f-]{36})", page) or re.search(r"/jobs/([0-9a-f-]{36})/", status_link(page))
    return export_services.render_job(found[1])


def test_a_render_over_the_time_limit_is_stopped_and_not_queued_again(client, editor, strategy, settings, monkeypatch):
    settings.PDF_RENDER_TIMEOUT = 1
    monkeypatch.setattr(export_services, "render_pdf", _slow)
    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    assert client.get(url).status_code == 202
    started = time.perf_counter()
    assert run_tasks() == 1
    assert time.perf_counter() - started < 20  # killed at the limit, not after the minute it wanted
    job = _job(client, url)
    assert job.status == "failed" and job.timed_out

    again = client.get(url)
    assert again.status_code == 422
    page = again.content.decode()
    assert "could not be made" in page and "longer than the limit of 1 seconds" in page
    assert "Shorten or simplify it" in page  # what to do
    assert "Try again" in page and 'method="post"' in page  # and a button to try again
    assert not queued().exists()  # a visit does not queue it again
    assert run_tasks() == 0


def test_a_render_error_is_said_once_and_not_queued_again(client, editor, strategy, monkeypatch):
    monkeypatch.setattr(export_services, "render_pdf", _recursing)
    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    client.get(url)
    run_tasks()
    job = _job(client, url)
    assert job.status == "failed" and "RecursionError" in job.error and not job.timed_out
    for _ in range(3):  # every visit used to queue it again, holding the only worker each time
        response = client.get(url)
        assert response.status_code == 422 and b"The renderer could not lay it out" in response.content
    assert run_tasks() == 0


def test_try_again_queues_a_failed_render_once_more_and_it_can_succeed(client, editor, strategy, monkeypatch):
    monkeypatch.setattr(export_services, "render_pdf", _recursing)
    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    client.get(url)
    run_tasks()
    failed = _job(client, url)
    assert failed.status == "failed"
    monkeypatch.undo()  # whatever it was (a busy machine) has passed
    response = client.post(url, {"retry": "1"})
    assert response.status_code == 202 and b"Preparing your PDF" in response.content
    assert client.post(url, {"retry": "1"}).status_code == 202  # pressed twice: still one render
    assert queued("pdf").count() == 1
    assert _job(client, url).id != failed.id
    assert run_tasks() == 1
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_changed_content_gets_a_new_render_after_a_failure(client, editor, strategy, monkeypatch):
    monkeypatch.setattr(export_services, "render_pdf", _recursing)
    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    client.get(url)
    run_tasks()
    monkeypatch.undo()
    from strategies import services

    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Fixed</p>"}, base_version=1, user=editor
    )
    assert client.get(url).status_code == 202
    run_tasks()
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_deep_nesting_stored_before_the_limits_still_renders(client, editor, strategy):
    Conclusion.objects.filter(strategy=strategy).update(summary=NESTED)
    client.force_login(editor)
    started = time.perf_counter()
    response = download(client, reverse("exports:strategy_pdf", args=[strategy.pk]))
    assert time.perf_counter() - started < 60
    assert response["Content-Type"] == "application/pdf"
    text, _pages, _reader = pdf_text(response.content)
    assert "deep words" in text


def test_the_job_status_is_only_for_whom_the_download_page_showed_it(client, editor, outsider, reviewer, strategy):
    client.force_login(editor)
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    link = status_link(client.get(url).content.decode())
    job = queued().get()
    assert client.get(link).status_code == 200
    bare = reverse("exports:job", args=[job.pk])
    assert client.get(bare).status_code == 404
    assert client.get(bare, {"next": url}).status_code == 404
    assert client.get(link.replace("t=", "t=x")).status_code == 404
    for other in (outsider, reviewer):
        client.force_login(other)
        assert client.get(link).status_code == 404  # a link copied from someone else does not work
        assert client.get(bare).status_code == 404


def test_the_zip_leaves_out_a_country_whose_pdf_failed_and_says_so(client, lead, reviewer, strategy, monkeypatch):
    review_services.strategy_submit(strategy=strategy, user=lead)
    client.force_login(reviewer)
    monkeypatch.setattr(export_services, "render_pdf", _recursing)
    assert client.get(reverse("exports:zip")).status_code == 202
    run_tasks()
    response = client.get(reverse("exports:zip"))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert archive.namelist() == ["NOT-INCLUDED.txt"]
    assert "Germany" in archive.read("NOT-INCLUDED.txt").decode()


@pytest.mark.parametrize("seconds", [0.5])
def test_run_with_time_limit_returns_results_and_reports_errors(seconds):
    from exports.pdf import RenderFailed, RenderTimedOut, run_with_time_limit

    assert run_with_time_limit(lambda a, b: (a * 2, b), b"%PDF", 3, seconds=5) == (b"%PDF%PDF", 3)
    with pytest.raises(RenderFailed, match="ValueError: nope"):
        run_with_time_limit(lambda: (_ for _ in ()).throw(ValueError("nope")), seconds=5)
    with pytest.raises(RenderTimedOut):
        run_with_time_limit(time.sleep, 30, seconds=seconds)
