"""Exports listens to what the layers below announce (see reviews/signals.py)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.dispatch import receiver

from exports import services
from reviews.signals import snapshot_made

logger = logging.getLogger(__name__)


@receiver(snapshot_made, dispatch_uid="exports.prerender_snapshot")
def prerender_snapshot(sender, *, snapshot, approved: bool, **kwargs) -> None:
    """A PDF ready before anyone asks: the snapshot's render task is queued once the step is committed
    (reviewers' downloads and the all-countries ZIP then come from the cache, and a download asked for
    meanwhile follows this same task instead of queueing another)."""
    if not settings.PDF_PRERENDER:
        return

    def queue():
        try:
            services.snapshot_pdf_request(snapshot, approved=approved)
        except Exception:  # noqa: BLE001 - the step is committed; the PDF is then made when first asked for
            logger.exception("Could not queue the PDF of snapshot %s", snapshot.pk)

    transaction.on_commit(queue, robust=True)
