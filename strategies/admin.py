from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from core.tabular import TabularImportExportAdmin
from strategies import models, services
from strategies.resources import AudienceSegmentResource, KPIResource, RiskResource, TaskResource


class AssessmentInline(admin.TabularInline):
    model = models.RecommendationAssessment
    extra = 0
    can_delete = False
    fields = ("recommendation", "status", "evidence")
    readonly_fields = ("recommendation",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Strategy)
class StrategyAdmin(admin.ModelAdmin):
    list_display = ("title", "country", "status", "version", "language", "period_start", "period_end", "updated_at")
    list_filter = ("status", "country", "language")
    search_fields = ("title", "country__name", "country__code")
    list_select_related = ("country",)
    date_hierarchy = "updated_at"
    inlines = [AssessmentInline]
    readonly_fields = ("created_by", "created_at", "updated_at", "edit_version")

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        # A new strategy must come with its sections, template tasks and assessments.
        created = services.strategy_create(
            country=obj.country,
            title=obj.title,
            language=obj.language,
            period_start=obj.period_start,
            period_end=obj.period_end,
            created_by=request.user,
        )
        obj.pk = created.pk
        obj._state.adding = False


def _section_admin(model):
    class SectionAdmin(admin.ModelAdmin):
        list_display = ("strategy", "completeness_display", "edit_version", "updated_by", "updated_at")
        list_filter = ("strategy__country", "strategy__status")
        search_fields = ("strategy__title", "strategy__country__name", *model.prompt_fields)
        list_select_related = ("strategy__country", "updated_by")
        readonly_fields = ("strategy", "edit_version", "updated_by", "updated_at")

        @admin.display(description=_("complete"))
        def completeness_display(self, obj):
            return f"{obj.completeness} %"

        def has_add_permission(self, request):
            return False  # sections come with their strategy

        def save_model(self, request, obj, form, change):
            # Through the service like every other save: sanitised, versioned, in the history.
            data = {name: form.cleaned_data[name] for name in obj.prompt_fields if name in form.changed_data}
            services.section_update(
                strategy=obj.strategy, key=obj.key, data=data, base_version=obj.edit_version, user=request.user
            )

    return SectionAdmin


for _model in models.SECTION_MODELS:
    admin.site.register(_model, _section_admin(_model))


class PartAdmin(admin.ModelAdmin):
    list_filter = ("strategy__country",)
    list_select_related = ("strategy__country",)
    readonly_fields = ("edit_version", "updated_by", "updated_at", "created_at")
    raw_id_fields = ("strategy",)


@admin.register(models.AudienceSegment)
class AudienceSegmentAdmin(TabularImportExportAdmin, PartAdmin):
    resource_classes = [AudienceSegmentResource]
    list_display = ("name", "group", "hard_to_reach", "strategy")
    list_filter = ("group", "hard_to_reach", "strategy__country")
    search_fields = ("name", "description", "needs", "preferences")


@admin.register(models.KeyMessage)
class KeyMessageAdmin(PartAdmin):
    list_display = ("__str__", "segment", "strategy")
    search_fields = ("message", "supporting_points", "evidence")
    list_select_related = ("strategy__country", "segment")
    raw_id_fields = ("strategy", "segment")


@admin.register(models.Channel)
class ChannelAdmin(PartAdmin):
    list_display = ("name", "strategy")
    search_fields = ("name", "description")


@admin.register(models.Tactic)
class TacticAdmin(PartAdmin):
    list_display = ("__str__", "channel", "segment", "strategy")
    search_fields = ("description",)
    list_select_related = ("strategy__country", "channel", "segment")
    raw_id_fields = ("strategy", "channel", "segment")


@admin.register(models.ContentItem)
class ContentItemAdmin(PartAdmin):
    list_display = ("title", "content_type", "planned_date", "status", "channel", "strategy")
    list_filter = ("content_type", "status", "strategy__country")
    search_fields = ("title", "owner")
    list_select_related = ("strategy__country", "channel")
    raw_id_fields = ("strategy", "channel", "segment")


@admin.register(models.Stakeholder)
class StakeholderAdmin(PartAdmin):
    list_display = ("name", "strategy")
    search_fields = ("name", "role", "engagement_activity")


@admin.register(models.Objective)
class ObjectiveAdmin(PartAdmin):
    list_display = ("title", "strategy")
    search_fields = ("title", "description")


@admin.register(models.KPI)
class KPIAdmin(TabularImportExportAdmin, PartAdmin):
    resource_classes = [KPIResource]
    list_display = ("metric", "baseline", "target", "frequency", "strategy")
    list_filter = ("frequency", "strategy__country")
    search_fields = ("metric", "method")
    raw_id_fields = ("strategy", "objective")


@admin.register(models.Risk)
class RiskAdmin(TabularImportExportAdmin, PartAdmin):
    resource_classes = [RiskResource]
    list_display = ("__str__", "likelihood", "impact", "score", "owner", "strategy")
    list_filter = ("likelihood", "impact", "strategy__country")
    search_fields = ("description", "mitigation", "owner")


@admin.register(models.ImplementationRole)
class ImplementationRoleAdmin(PartAdmin):
    list_display = ("role", "holder", "strategy")
    search_fields = ("role", "holder")


@admin.register(models.BudgetLine)
class BudgetLineAdmin(PartAdmin):
    list_display = ("item", "amount", "currency", "funding_source", "strategy")
    search_fields = ("item", "funding_source")


@admin.register(models.Task)
class TaskAdmin(TabularImportExportAdmin, PartAdmin):
    resource_classes = [TaskResource]
    list_display = ("title", "phase", "parent", "owner", "start", "due", "status", "strategy")
    list_filter = ("phase", "status", "strategy__country")
    search_fields = ("title", "description")
    list_select_related = ("strategy__country", "parent", "owner")
    raw_id_fields = ("strategy", "parent", "owner", "template_task")


@admin.register(models.RecommendationAssessment)
class RecommendationAssessmentAdmin(admin.ModelAdmin):
    list_display = ("recommendation", "status", "strategy")
    list_filter = ("status", "recommendation", "strategy__country")
    search_fields = ("evidence",)
    list_select_related = ("recommendation", "strategy__country")
    raw_id_fields = ("strategy",)


@admin.register(models.Revision)
class RevisionAdmin(admin.ModelAdmin):
    """History is append-only: readable here, never edited."""

    list_display = ("target", "version", "action", "user", "created_at", "strategy")
    list_filter = ("action", "strategy__country")
    search_fields = ("target", "user__username")
    list_select_related = ("user", "strategy__country")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(models.Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("__str__", "section_key", "author", "created_at", "resolved_at", "strategy")
    list_filter = ("section_key", "strategy__country")
    search_fields = ("body", "author__username")
    list_select_related = ("author", "strategy__country")
    raw_id_fields = ("strategy", "parent", "author", "resolved_by", "mentions")


@admin.register(models.Presence)
class PresenceAdmin(admin.ModelAdmin):
    list_display = ("user", "section_key", "last_seen", "strategy")
    search_fields = ("user__username", "section_key")
    list_select_related = ("user", "strategy__country")


@admin.register(models.SectionAssignment)
class SectionAssignmentAdmin(admin.ModelAdmin):
    list_display = ("section_key", "assignee", "due", "assigned_by", "strategy")
    list_filter = ("section_key", "strategy__country")
    search_fields = ("assignee__username", "section_key")
    list_select_related = ("assignee", "assigned_by", "strategy__country")
    raw_id_fields = ("strategy", "assignee", "assigned_by")
