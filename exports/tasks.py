"""PDF renders as tasks of Django's task framework (the django-tasks backport), run by `manage.py run_worker`.

They run on the "pdf" queue, so a long render never holds the mail behind it, and each render is laid out in
a child process killed after PDF_RENDER_TIMEOUT seconds (exports/pdf.py): a render that fails raises, and the
task result says why (the progress page, and the admin's task results). Renders are never retried by
themselves: the same content fails the same way; the person's "Try again" queues it once more.
"""

from __future__ import annotations

from django_tasks import task

from exports import services
from reviews.models import Snapshot
from strategies.models import Strategy


@task(queue_name="pdf")
def render_pdf(*, key: str, kind: str, template: str, document: dict, title: str, alias: str = "") -> dict:
    """Render a document gathered by the request that asked for it (its fingerprint is `key`)."""
    rendered = services.render_document(
        key=key, kind=kind, template=template, document=document, title=title, alias=alias
    )
    return {"pdf": rendered.pk, "pages": rendered.pages}


@task(queue_name="pdf")
def render_snapshot_pdf(snapshot_id: int, approved: bool) -> dict | None:
    """A snapshot's PDF, in review or approved: made when the snapshot is made (exports/receivers.py), or
    when someone asks for it first. Nothing to do when it is in the cache already."""
    snapshot = Snapshot.objects.select_related("strategy__country").filter(pk=snapshot_id).first()
    if snapshot is None:  # withdrawn and deleted since: nothing to render
        return None
    rendered = services.render_snapshot(snapshot, approved=approved)
    return {"pdf": rendered.pk, "pages": rendered.pages}


@task(queue_name="pdf")
def render_working_copy_pdf(strategy_id: int) -> dict | None:
    """A working copy's PDF as it stands now (the schedule pre-renders drafts nobody changed for a while)."""
    strategy = Strategy.objects.select_related("country").filter(pk=strategy_id).first()
    if strategy is None:
        return None
    rendered = services.render_working_copy(strategy)
    return {"pdf": rendered.pk, "pages": rendered.pages}


@task()
def prerender_idle_working_copies() -> int:
    """The schedule's pre-render (jobs/schedule.py, every few minutes): queues the renders, on the "pdf"
    queue, of idle working copies changed since their last PDF."""
    return services.prerender_idle_working_copies()
