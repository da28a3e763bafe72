"""A strategy PDF ready before anyone asks (issue #13): a snapshot's PDF is rendered by the worker as soon as
the snapshot is made (submit, approve), idle working copies' PDFs by the schedule, and the all-countries
ZIP is built from those PDFs instead of rendering in the request."""

import io
import zipfile

import pytest
from django.urls import reverse

from exports import services as export_services
from exports.models import RenderedPdf
from reviews import services as review_services
from tests.tasks import queued, run_tasks


@pytest.fixture
def prerender(settings):
    settings.PDF_PRERENDER = True


def test_submitting_queues_the_snapshots_pdf_once_committed(
    prerender, lead, strategy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    (task,) = queued("pdf")
    assert task.task_path == "exports.tasks.render_snapshot_pdf" and task.args_kwargs["args"] == [snapshot.pk, False]


def test_nothing_is_queued_when_the_step_is_rolled_back(prerender, lead, strategy, django_capture_on_commit_callbacks):
    from django.db import transaction

    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        review_services.strategy_submit(strategy=strategy, user=lead)
        transaction.set_rollback(True)
    assert not queued().exists()


def test_the_reviewer_downloads_the_prerendered_pdf_at_once(
    prerender, client, lead, reviewer, strategy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review_services.strategy_submit(strategy=strategy, user=lead)
    assert run_tasks() == 1
    client.force_login(reviewer)
    response = client.get(reverse("exports:strategy_pdf", args=[strategy.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not queued().exists()  # served from the cache, nothing rendered for the request


def test_approving_queues_the_approved_pdf_without_watermark(
    prerender, client, lead, reviewer, outsider, strategy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    with django_capture_on_commit_callbacks(execute=True):
        review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    assert [t.args_kwargs["args"] for t in queued("pdf").order_by("enqueued_at")] == [
        [snapshot.pk, False],
        [snapshot.pk, True],
    ]
    assert run_tasks() == 2
    approved = RenderedPdf.objects.get(alias=export_services.snapshot_alias(snapshot.pk, True))
    client.force_login(outsider)  # another country reads the approved strategy
    assert client.get(reverse("exports:strategy_pdf", args=[strategy.pk])).content == bytes(approved.content)


def test_asking_while_the_prerender_waits_follows_the_same_task(
    prerender, client, lead, reviewer, strategy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        review_services.strategy_submit(strategy=strategy, user=lead)
    client.force_login(reviewer)
    assert client.get(reverse("exports:strategy_pdf", args=[strategy.pk])).status_code == 202
    assert client.get(reverse("exports:zip")).status_code == 202
    assert queued("pdf").count() == 1  # the download and the ZIP wait for the render already queued


def test_the_zip_is_built_from_prerendered_pdfs(
    prerender, client, lead, reviewer, strategy, django_capture_on_commit_callbacks, monkeypatch
):
    with django_capture_on_commit_callbacks(execute=True):
        review_services.strategy_submit(strategy=strategy, user=lead)
    run_tasks()

    def no_render_in_the_request(*args, **kwargs):
        raise AssertionError("the ZIP rendered in the request")

    monkeypatch.setattr(export_services, "render_document", no_render_in_the_request)
    monkeypatch.setattr(export_services, "strategy_document", no_render_in_the_request)
    client.force_login(reviewer)
    response = client.get(reverse("exports:zip"))
    assert response["Content-Type"] == "application/zip"
    (name,) = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert name.startswith("de-")


def test_missing_pdfs_of_the_zip_are_rendered_as_tasks_with_progress(client, lead, reviewer, strategy):
    review_services.strategy_submit(strategy=strategy, user=lead)  # pre-rendering off: nothing made yet
    client.force_login(reviewer)
    pending = client.get(reverse("exports:zip"))
    assert pending.status_code == 202 and b"0 of 1 ready" in pending.content and b"Germany" in pending.content
    (task,) = queued("pdf")
    assert task.task_path == "exports.tasks.render_snapshot_pdf"
    client.get(reverse("exports:zip"))
    assert queued("pdf").count() == 1  # polling queues nothing more
    run_tasks()
    assert client.get(reverse("exports:zip"))["Content-Type"] == "application/zip"


def test_a_render_done_whose_pdf_is_gone_is_queued_again_not_followed_forever(client, lead, reviewer, strategy):
    review_services.strategy_submit(strategy=strategy, user=lead)
    client.force_login(reviewer)
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    assert client.get(url).status_code == 202
    run_tasks()
    RenderedPdf.objects.all().delete()  # e.g. an admin cleared the cache
    assert client.get(url).status_code == 202  # queued anew, not "ready" forever
    run_tasks()
    assert client.get(url)["Content-Type"] == "application/pdf"


def test_a_snapshot_and_its_identical_working_copy_keep_their_own_pdfs(prerender, lead, strategy, settings):
    """Just after a submission the working copy reads exactly like its snapshot: each keeps its own cached
    PDF, so the schedule's pre-render of the draft never takes the snapshot's away (and back, every 5 min)."""
    import datetime

    from django.utils import timezone

    from strategies.models import Strategy

    snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    export_services.snapshot_pdf_request(snapshot, approved=False)
    Strategy.objects.filter(pk=strategy.pk).update(updated_at=timezone.now() - datetime.timedelta(hours=1))
    export_services.prerender_idle_working_copies()
    run_tasks()
    snapshot_alias = export_services.snapshot_alias(snapshot.pk, False)
    assert export_services.cached_by_alias(snapshot_alias) is not None
    assert export_services.prerender_idle_working_copies() == 0  # the draft's PDF is there too
    assert export_services.cached_by_alias(snapshot_alias) is not None
    assert RenderedPdf.objects.count() == 2
