from django.contrib import admin

from reviews.models import Event, Notification, Review, SectionReview, Snapshot


class ReadOnlyAdmin(admin.ModelAdmin):
    """Workflow records are evidence: readable in the admin, written only by reviews/services.py."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Snapshot)
class SnapshotAdmin(ReadOnlyAdmin):
    list_display = ("strategy", "number", "version", "created_by", "created_at")
    list_filter = ("strategy__country",)
    search_fields = ("strategy__title", "strategy__country__name")
    list_select_related = ("strategy__country", "created_by")
    exclude = ("data",)


class SectionReviewInline(admin.TabularInline):
    model = SectionReview
    extra = 0
    can_delete = False
    readonly_fields = ("section_key", "status", "carried_over", "reviewer")


@admin.register(Review)
class ReviewAdmin(ReadOnlyAdmin):
    list_display = ("snapshot", "reviewer", "due", "decision", "completed_at")
    list_filter = ("decision", "snapshot__strategy__country")
    search_fields = ("snapshot__strategy__title", "reviewer__username", "reason")
    list_select_related = ("snapshot__strategy__country", "reviewer")
    inlines = [SectionReviewInline]


@admin.register(SectionReview)
class SectionReviewAdmin(ReadOnlyAdmin):
    list_display = ("review", "section_key", "status", "carried_over", "reviewer")
    list_filter = ("status", "carried_over")
    search_fields = ("section_key",)
    list_select_related = ("review__snapshot__strategy__country", "reviewer")


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    list_display = ("strategy", "action", "from_status", "to_status", "user", "created_at")
    list_filter = ("action", "strategy__country")
    search_fields = ("strategy__title", "reason", "user__username")
    list_select_related = ("strategy__country", "user")


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ("subject", "user", "created_at", "read_at", "emailed_at", "email_attempts", "email_error")
    list_filter = ("read_at", "emailed_at")
    search_fields = ("subject", "user__username")
    list_select_related = ("user",)
