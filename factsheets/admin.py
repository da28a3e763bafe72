from django.contrib import admin

from factsheets.models import FactsheetTemplate, KeyQuestion


@admin.register(KeyQuestion)
class KeyQuestionAdmin(admin.ModelAdmin):
    list_display = ("number", "question")
    search_fields = ("question", "answer")


@admin.register(FactsheetTemplate)
class FactsheetTemplateAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "question_numbers")
    list_filter = ("audience",)
