"""Bulk import/export of countries and of users with their memberships (django-import-export)."""

from import_export import fields, resources, widgets

from accounts.models import Country, Membership, User
from accounts.services import user_set_memberships
from core.tabular import TabularResourceMixin


class LanguagesWidget(widgets.Widget):
    """Languages as "de, fr" in a spreadsheet cell, a list in the database."""

    def clean(self, value, row=None, **kwargs):
        return [code.strip().lower() for code in str(value or "").replace(";", ",").split(",") if code.strip()]

    def render(self, value, obj=None, **kwargs):
        return ", ".join(value or [])


class CountryResource(TabularResourceMixin, resources.ModelResource):
    languages = fields.Field(attribute="languages", column_name="languages", widget=LanguagesWidget())

    class Meta:
        model = Country
        import_id_fields = ("code",)
        fields = ("code", "name", "languages", "is_signatory", "signed_on", "is_operational", "website")
        export_order = fields
        skip_unchanged = True
        report_skipped = False
        clean_model_instances = True


class MembershipsWidget(widgets.Widget):
    """Memberships as "DE:lead, FR:viewer" in one cell."""

    def clean(self, value, row=None, **kwargs):
        result = []
        for part in str(value or "").replace(";", ",").split(","):
            if not part.strip():
                continue
            code, _, role = part.strip().partition(":")
            role = (role or "editor").strip().lower()
            if role not in Membership.Role.values:
                raise ValueError(f"Unknown role {role!r} for {code.strip()} (use lead, editor or viewer).")
            if not Country.objects.filter(code=code.strip().upper()).exists():
                raise ValueError(f"Unknown country code {code.strip()!r}.")
            result.append((code.strip().upper(), role))
        return result

    def render(self, value, obj=None, **kwargs):
        if obj is None:
            return ""
        return ", ".join(f"{m.country.code}:{m.role}" for m in obj.memberships.all())


class UserResource(TabularResourceMixin, resources.ModelResource):
    """Users by username with their memberships. Passwords are never exported or imported."""

    memberships = fields.Field(attribute="memberships", column_name="memberships", widget=MembershipsWidget())

    class Meta:
        model = User
        import_id_fields = ("username",)
        fields = ("username", "first_name", "last_name", "email", "is_active", "is_reviewer", "memberships")
        export_order = fields
        clean_model_instances = True

    def get_queryset(self):
        return User.objects.prefetch_related("memberships__country")

    def dehydrate_memberships(self, user):
        return self.fields["memberships"].widget.render(None, obj=user)

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name == "memberships":
            if field.column_name not in row:
                return
            # Kept aside and written in after_save_instance, once the user row exists.
            instance._imported_memberships = field.clean(row, **kwargs)
            return
        super().import_field(field, instance, row, is_m2m=is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        if not instance.password:
            # New accounts cannot sign in until they set a password through the reset e-mail.
            instance.set_unusable_password()

    def after_save_instance(self, instance, row, **kwargs):
        wanted = getattr(instance, "_imported_memberships", None)
        if wanted is not None:
            user_set_memberships(user=instance, memberships=wanted)
