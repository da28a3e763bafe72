from django.contrib import admin

from exports.models import PdfJob, RenderedPdf


@admin.register(RenderedPdf)
class RenderedPdfAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "pages", "render_seconds", "created_at")
    list_filter = ("kind",)
    search_fields = ("title",)
    exclude = ("content",)
    readonly_fields = ("key", "kind", "title", "pages", "render_seconds", "created_at")

    def has_add_permission(self, request):
        return False


@admin.register(PdfJob)
class PdfJobAdmin(admin.ModelAdmin):
    list_display = ("filename", "kind", "status", "created_at", "finished_at")
    list_filter = ("status", "kind")
    search_fields = ("filename",)
    exclude = ("document",)
    readonly_fields = (
        "key",
        "kind",
        "template",
        "filename",
        "status",
        "error",
        "created_at",
        "started_at",
        "finished_at",
    )

    def has_add_permission(self, request):
        return False
