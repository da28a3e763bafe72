from django.contrib import admin

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


class SectionPromptInline(admin.TabularInline):
    model = SectionPrompt
    extra = 0


@admin.register(SectionTemplate)
class SectionTemplateAdmin(admin.ModelAdmin):
    list_display = ("number", "title", "key")
    search_fields = ("title", "guidance", "prompts__prompt")
    inlines = [SectionPromptInline]


@admin.register(SectionPrompt)
class SectionPromptAdmin(admin.ModelAdmin):
    list_display = ("prompt", "section", "field", "position")
    list_filter = ("section",)
    search_fields = ("prompt", "guidance")
    list_select_related = ("section",)


@admin.register(TemplateTask)
class TemplateTaskAdmin(admin.ModelAdmin):
    list_display = ("title", "phase", "parent", "section_key", "position")
    list_filter = ("phase", "section_key")
    search_fields = ("title",)
    list_select_related = ("parent",)


@admin.register(Preset)
class PresetAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("number", "title")
    search_fields = ("title", "takeaway", "action")


@admin.register(GlossaryTerm)
class GlossaryTermAdmin(admin.ModelAdmin):
    list_display = ("term", "kind", "position")
    list_filter = ("kind",)
    search_fields = ("term", "definition")


@admin.register(Resource)
class ResourceAdmin(admin.ModelAdmin):
    list_display = ("title", "group", "url")
    list_filter = ("group",)
    search_fields = ("title", "description")


@admin.register(BrandColour)
class BrandColourAdmin(admin.ModelAdmin):
    list_display = ("hex", "name", "position")


@admin.register(KeyQuestion)
class KeyQuestionAdmin(admin.ModelAdmin):
    list_display = ("number", "question")
    search_fields = ("question", "answer")


@admin.register(GuideText)
class GuideTextAdmin(admin.ModelAdmin):
    list_display = ("title", "key")
    search_fields = ("title", "text")
