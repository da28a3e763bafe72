from django.contrib import admin

from exports.models import RenderedPdf


@admin.register(RenderedPdf)
class RenderedPdfAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "pages", "render_seconds", "created_at")
    list_filter = ("kind",)
    search_fields = ("title",)
    exclude = ("content",)
    readonly_fields = ("key", "kind", "title", "pages", "render_seconds", "created_at")

    def has_add_permission(self, request):
        return False
