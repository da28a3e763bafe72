from django.db import models
from django.utils.translation import gettext_lazy as _

from exports.pdf import TIMEOUT_PREFIX


class RenderedPdf(models.Model):
    """A rendered PDF, kept under a fingerprint of everything it shows. Stored in the database so every
    app machine shares it; any change of content gives a new key, so a stale PDF is never served."""

    key = models.CharField(max_length=64, unique=True)
    # A cheap second key (ids and version counters) so a download needs no content gathering at all.
    alias = models.CharField(max_length=200, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=30)
    title = models.CharField(_("title"), max_length=300)
    content = models.BinaryField()
    pages = models.PositiveIntegerField(default=0)
    render_seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("rendered PDF")
        verbose_name_plural = _("rendered PDFs")

    def __str__(self) -> str:
        return self.title


class PdfJob(models.Model):
    """A PDF waiting to be rendered by a worker (manage.py run_pdf_worker), so no web request waits on
    WeasyPrint. The job carries the document data gathered in the request; rendering needs no queries."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Rendering")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    key = models.CharField(max_length=64, unique=True)
    alias = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=30)
    template = models.CharField(max_length=100)
    document = models.JSONField()
    filename = models.CharField(max_length=200)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("PDF job")
        verbose_name_plural = _("PDF jobs")

    def __str__(self) -> str:
        return f"{self.filename} ({self.status})"

    @property
    def timed_out(self) -> bool:
        return self.status == self.Status.FAILED and self.error.startswith(TIMEOUT_PREFIX)
