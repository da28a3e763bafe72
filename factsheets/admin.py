"""The factsheets' admin: a country's adaptation is saved through factsheets/services.py like the editor's
(answers sanitised, placeholders checked, the version bumped; a save built on an older version is refused
with the admin's input kept)."""

from __future__ import annotations

from django.contrib import admin

from core.forms import VersionedAdminForm
from factsheets import services
from factsheets.models import Factsheet, FactsheetTemplate


@admin.register(FactsheetTemplate)
class FactsheetTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "question_numbers")
    list_filter = ("audience",)


class FactsheetForm(VersionedAdminForm):
    def clean(self):
        cleaned = super().clean()
        if "answers" in cleaned and "placeholders" in cleaned:
            services.check_adaptation(cleaned["answers"] or {}, cleaned["placeholders"] or {})
        return cleaned


@admin.register(Factsheet)
class FactsheetAdmin(admin.ModelAdmin):
    form = FactsheetForm
    list_display = ("template", "country", "language", "edit_version", "updated_by", "updated_at")
    list_filter = ("template", "country", "language")
    search_fields = ("country__name",)
    list_select_related = ("template", "country", "updated_by")
    readonly_fields = ("edit_version", "updated_by", "updated_at")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "country", "template", "language") if obj is not None else fields

    def save_model(self, request, obj, form, change):
        if change:
            factsheet, base_version = obj, form.cleaned_data["base_version"]
        else:
            factsheet = services.factsheet_get_or_create(
                country=obj.country, template=obj.template, language=obj.language
            )
            base_version = factsheet.edit_version
        saved = services.factsheet_update(
            factsheet=factsheet,
            answers=form.cleaned_data["answers"] or {},
            placeholders=form.cleaned_data["placeholders"] or factsheet.placeholders,
            base_version=base_version,
            user=request.user,
        )
        obj.pk = saved.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.factsheet_delete(factsheet=obj)

    def delete_queryset(self, request, queryset):
        for factsheet in queryset:
            services.factsheet_delete(factsheet=factsheet)
