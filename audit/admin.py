from django.contrib import admin

from accounts import policy
from audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """The audit trail, for admins: read-only, filterable by what, when and on what; searchable by who."""

    list_display = ("created_at", "action", "username", "ip_address", "target", "summary")
    list_filter = ("action", "created_at")
    date_hierarchy = "created_at"
    search_fields = ("username", "ip_address", "target", "summary", "path")
    readonly_fields = ("created_at", "action", "user", "username", "ip_address", "target", "summary", "details", "path")
    list_select_related = ("user",)
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        return policy.can_read_audit_trail(request.user)
