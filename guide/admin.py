"""The guide's reference content in the admin: every save and delete goes through guide/services.py."""

from django.contrib import admin

from guide import services
from guide.models import (
    BrandColour,
    GlossaryTerm,
    GuideText,
    KeyQuestion,
    Preset,
    Recommendation,
    Resource,
    SectionPrompt,
    SectionTemplate,
    TemplateTask,
)


class GuideAdmin(admin.ModelAdmin):
    def save_model(self, request, obj, form, change):
        services.guide_item_save(obj=obj, user=request.user)

    def delete_model(self, request, obj):
        services.guide_item_delete(obj=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.guide_item_delete(obj=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        for obj in formset.save(commit=False):
            services.guide_item_save(obj=obj, user=request.user)
        for obj in formset.deleted_objects:
            services.guide_item_delete(obj=obj, user=request.user)
        formset.save_m2m()


class SectionPromptInline(admin.TabularInline):
    model = SectionPrompt
    extra = 0


@admin.register(SectionTemplate)
class SectionTemplateAdmin(GuideAdmin):
    list_display = ("number", "title", "key")
    search_fields = ("title", "guidance", "prompts__prompt")
    inlines = [SectionPromptInline]


@admin.register(SectionPrompt)
class SectionPromptAdmin(GuideAdmin):
    list_display = ("prompt", "section", "field", "position")
    list_filter = ("section",)
    search_fields = ("prompt", "guidance")
    list_select_related = ("section",)


@admin.register(TemplateTask)
class TemplateTaskAdmin(GuideAdmin):
    list_display = ("title", "phase", "parent", "section_key", "position")
    list_filter = ("phase", "section_key")
    search_fields = ("title",)
    list_select_related = ("parent",)


@admin.register(Preset)
class PresetAdmin(GuideAdmin):
    list_display = ("name", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Recommendation)
class RecommendationAdmin(GuideAdmin):
    list_display = ("number", "title")
    search_fields = ("title", "takeaway", "action")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(GuideAdmin):
    list_display = ("term", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("term", "definition")


@admin.register(Resource)
class ResourceAdmin(GuideAdmin):
    list_display = ("title", "group", "url")
    list_filter = ("group",)
    search_fields = ("title", "description")


@admin.register(BrandColour)
class BrandColourAdmin(GuideAdmin):
    list_display = ("hex", "name", "position")


@admin.register(KeyQuestion)
class KeyQuestionAdmin(GuideAdmin):
    list_display = ("number", "question")
    search_fields = ("question", "answer")


@admin.register(GuideText)
class GuideTextAdmin(GuideAdmin):
    list_display = ("title", "key")
    search_fields = ("title", "text")
