from django import forms
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm
from django.contrib.auth.models import Group
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from accounts import policy, services
from accounts.models import Country, Invitation, Membership, User
from accounts.resources import CountryResource, UserResource
from audit.models import AuditEvent
from core.tabular import TabularImportExportAdmin

# Roles come from memberships (country) and two flags (reviewer, admin); Django's groups are not used.
admin.site.unregister(Group)


class MembershipInlineForm(forms.ModelForm):
    """A new row starts with neither country nor role, so a row where only one of them was picked is an error
    to fix, never silently dropped as "unchanged" (the role used to start at Editor)."""

    class Meta:
        model = Membership
        fields = ("country", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", "---------"), *Membership.Role.choices]
        if self.instance.pk is None:
            self.initial["role"] = ""
            self.fields["role"].initial = ""

    def clean(self):
        data = super().clean()
        if not data.get("country") and "country" not in self.errors:
            self.add_error("country", _("Choose the country for this role, or empty the row."))
        return data


class MembershipInline(admin.TabularInline):
    model = Membership
    form = MembershipInlineForm
    extra = 0
    autocomplete_fields = ("country",)


class UserCreationForm(AdminUserCreationForm):
    """The admin's add-user form: name and e-mail too. Leaving password-based sign-in off sends an invitation
    instead, so the person chooses their own password."""

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "first_name", "last_name", "email")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].required = True
        if "usable_password" in self.fields:
            self.fields["usable_password"].label = _("Password")
            self.fields["usable_password"].choices = [
                ("false", _("Send an invitation: they choose their own password")),
                ("true", _("Set a password now")),
            ]
            self.fields["usable_password"].initial = "false"


@admin.register(User)
class UserAdmin(TabularImportExportAdmin, DjangoUserAdmin):
    resource_classes = [UserResource]
    add_form = UserCreationForm
    add_fieldsets = (
        (None, {"classes": ("wide",), "fields": ("username", "first_name", "last_name", "email")}),
        (_("Signing in"), {"classes": ("wide",), "fields": ("usable_password", "password1", "password2")}),
    )
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

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance
        if not change and not user.has_usable_password():
            services.invitation_create(by=request.user, email=user.email, user=user)
            messages.info(request, _("An invitation was sent to %(email)s.") % {"email": user.email})


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
        services.membership_remove(by=request.user, membership=obj)

    def delete_queryset(self, request, queryset):
        for membership in queryset:
            services.membership_remove(by=request.user, membership=membership)


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    """Read-only here: invitations are sent, resent and withdrawn on the team pages (with their e-mails)."""

    list_display = ("email", "country", "role", "is_reviewer", "invited_by", "created_at", "expires_at", "status")
    list_filter = ("country", "role", "is_reviewer")
    search_fields = ("email",)
    list_select_related = ("country", "invited_by")
    exclude = ("token_hash",)

    @admin.display(description=_("status"))
    def status(self, invitation):
        return invitation.get_status_display()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


# The audit trail's page in the admin lives here: the audit app sits under accounts and asks no policy.
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
