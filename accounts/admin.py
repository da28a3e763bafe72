from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts import services
from accounts.models import CalendarToken, Country, Membership, User
from accounts.resources import CountryResource, UserResource
from core.tabular import TabularImportExportAdmin

# Roles come from memberships (country) and two flags (reviewer, admin); Django's groups are not used.
admin.site.unregister(Group)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ("country",)


@admin.register(User)
class UserAdmin(TabularImportExportAdmin, DjangoUserAdmin):
    resource_classes = [UserResource]
    inlines = [MembershipInline]
    list_display = ("username", "get_full_name", "email", "is_reviewer", "is_superuser", "is_active", "countries")
    list_filter = ("is_reviewer", "is_superuser", "is_active", "memberships__country", "memberships__role")
    search_fields = ("username", "first_name", "last_name", "email")
    fieldsets = (
        *DjangoUserAdmin.fieldsets[:2],
        (_("Global roles"), {"fields": ("is_active", "is_reviewer", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("memberships__country")

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        # The memberships the inline shows after this save, written by the same service as the imports.
        wanted = [
            (row.cleaned_data["country"].code, row.cleaned_data["role"])
            for row in formset.forms
            if row.cleaned_data.get("country") and not row.cleaned_data.get("DELETE")
        ]
        services.user_set_memberships(user=form.instance, memberships=wanted)
        # What the admin's change message reads from a saved formset.
        formset.new_objects = [row.instance for row in formset.forms if not row.instance.pk and row.has_changed()]
        formset.deleted_objects = [row.instance for row in formset.forms if row.cleaned_data.get("DELETE")]
        formset.changed_objects = [
            (row.instance, row.changed_data) for row in formset.forms if row.instance.pk and row.has_changed()
        ]
        return None

    @admin.display(description=_("countries"))
    def countries(self, user):
        return ", ".join(f"{m.country.code} ({m.get_role_display()})" for m in user.memberships.all())


@admin.register(Country)
class CountryAdmin(TabularImportExportAdmin):
    resource_classes = [CountryResource]
    list_display = ("name", "code", "is_signatory", "signed_on", "is_operational", "website", "member_count")
    list_filter = ("is_signatory", "is_operational")
    search_fields = ("name", "code")
    list_editable = ("is_signatory", "is_operational")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("memberships"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, country):
        return country.member_count


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    """Memberships through accounts.services (the audit trail records each role change)."""

    list_display = ("user", "country", "role", "created_at")
    list_filter = ("role", "country")
    search_fields = ("user__username", "user__email", "country__name", "country__code")
    autocomplete_fields = ("user", "country")
    list_select_related = ("user", "country")

    def get_readonly_fields(self, request, obj=None):
        return ("user", "country") if obj is not None else ()  # another person or country: a new membership

    def save_model(self, request, obj, form, change):
        membership = services.membership_set(user=obj.user, country=obj.country, role=obj.role)
        obj.pk = membership.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.membership_remove(membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.membership_remove(membership=membership)


@admin.register(CalendarToken)
class CalendarTokenAdmin(admin.ModelAdmin):
    list_display = ("user", "created_at")
    search_fields = ("user__username",)
    readonly_fields = ("user", "token", "created_at")

    def has_add_permission(self, request):
        return False  # people make their own link in the app
