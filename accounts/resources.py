"""Bulk import/export of countries and of users with their memberships (django-import-export)."""

from django.core.exceptions import ValidationError
from import_export import fields, resources, widgets

from accounts.models import Country, Membership, User
from accounts.services import invitation_create, user_set_memberships
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
                raise ValueError(f"“{role}” is not a role (for {code.strip()}): use lead, editor or viewer.")
            if not Country.objects.filter(code=code.strip().upper()).exists():
                raise ValueError(
                    f"“{code.strip()}” is not the code of a 1+MG country; use two letters such as DE, FR or PT."
                )
            result.append((code.strip().upper(), role))
        return result

    def render(self, value, obj=None, **kwargs):
        # The preview's diff renders the field's value (the related manager) without the object: it knows it.
        obj = obj if obj is not None else getattr(value, "instance", None)
        if obj is None:
            return ""
        # During an import, what the row will write (the preview shows it); otherwise what is stored.
        imported = getattr(obj, "_imported_memberships", None)
        if imported is not None:
            return ", ".join(f"{code}:{role}" for code, role in imported)
        if obj.pk is None:
            return ""  # a new person, before the row is written
        return ", ".join(f"{m.country.code}:{m.role}" for m in obj.memberships.all())


class UserResource(TabularResourceMixin, resources.ModelResource):
    """Users by username with their memberships. Passwords are never exported or imported: a new person gets
    an invitation e-mail to choose their own (so a new row needs an e-mail address)."""

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
            if not (instance.email or "").strip():
                raise ValidationError({"email": "A new person needs an e-mail address: their invitation goes there."})
            # No password until the person chooses one through their invitation (after_import sends it).
            instance.set_unusable_password()
            instance._invite = True

    def after_save_instance(self, instance, row, **kwargs):
        wanted = getattr(instance, "_imported_memberships", None)
        if wanted is not None:
            user_set_memberships(user=instance, memberships=wanted)
        if getattr(instance, "_invite", False):
            self._to_invite = [*getattr(self, "_to_invite", []), instance]

    def after_import(self, dataset, result, **kwargs):
        """Everyone new gets an invitation, once the whole file is written (never on the preview)."""
        super().after_import(dataset, result, **kwargs)
        to_invite, self._to_invite = getattr(self, "_to_invite", []), []
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        for user in to_invite:
            invitation_create(by=None, email=user.email, user=user)
