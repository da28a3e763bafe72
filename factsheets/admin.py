from django.contrib import admin

from factsheets.models import Factsheet, FactsheetTemplate


@admin.register(FactsheetTemplate)
class FactsheetTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "question_numbers")
    list_filter = ("audience",)


@admin.register(Factsheet)
class FactsheetAdmin(admin.ModelAdmin):
    list_display = ("template", "country", "language", "edit_version", "updated_by", "updated_at")
    list_filter = ("template", "country", "language")
    search_fields = ("country__name",)
    list_select_related = ("template", "country", "updated_by")
    readonly_fields = ("edit_version", "updated_by", "updated_at")
