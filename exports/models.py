from django.db import models
from django.utils.translation import gettext_lazy as _


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
