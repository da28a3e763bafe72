"""The admin of a country's work. Every save and delete goes through strategies/services.py, as the pages'
do: rich text sanitised, a revision in the history, the version bumped (so the next editor's stale save is
merged with the admin's change, never overwriting it), the strategy marked changed (so its PDF is made
again). Status and version move only along the workflow (reviews): they are read-only here.

Each change form carries the version it was built on (`base_version`): a save built on an older version than
the stored one is refused with the person's text kept in the form, never written over a colleague's."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import policy
from core.forms import VersionedAdminForm
from core.tabular import TabularImportExportAdmin
from strategies import models, services
from strategies.resources import AudienceSegmentResource, KPIResource, RiskResource, TaskResource


def _report(request, result) -> None:
    """A save that a colleague's change overtook between the check and the write (rare): say so."""
    if result.status == "conflict":
        messages.error(
            request,
            _("Not saved: someone changed %(fields)s at the same moment. Open the page again and redo the change.")
            % {"fields": ", ".join(result.conflicts)},
        )


# --- Strategies and their recommendation checklist --------------------------------------------------------


class AssessmentForm(VersionedAdminForm):
    class Meta:
        model = models.RecommendationAssessment
        fields = ("status", "evidence")


class AssessmentInline(admin.TabularInline):
    model = models.RecommendationAssessment
    form = AssessmentForm
    extra = 0
    can_delete = False
    fields = ("recommendation", "status", "evidence", "base_version")
    readonly_fields = ("recommendation",)

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(models.Strategy)
class StrategyAdmin(admin.ModelAdmin):
    form = VersionedAdminForm
    list_display = ("title", "country", "status", "version", "language", "period_start", "period_end", "updated_at")
    list_filter = ("status", "country", "language")
    search_fields = ("title", "country__name", "country__code")
    list_select_related = ("country",)
    date_hierarchy = "updated_at"
    inlines = [AssessmentInline]
    # The workflow moves status and version (reviews.services); a strategy stays in its country and language.
    readonly_fields = ("status", "version", "created_by", "created_at", "updated_at", "edit_version")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "country", "language") if obj is not None else fields

    def save_model(self, request, obj, form, change):
        details = {name: form.cleaned_data[name] for name in services.DETAIL_FIELDS if name in form.cleaned_data}
        if change:
            result = services.strategy_details_update(
                strategy=obj, data=details, base_version=form.cleaned_data["base_version"], user=request.user
            )
            _report(request, result)
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
        if any(details.get(name) for name in ("contact_name", "contact_email", "contact_address")):
            services.strategy_details_update(strategy=created, data=details, base_version=1, user=request.user)
        obj.pk = created.pk
        obj._state.adding = False

    def save_formset(self, request, form, formset, change):
        if formset.model is not models.RecommendationAssessment:
            return super().save_formset(request, form, formset, change)
        data = {
            row.instance.pk: {
                "status": row.cleaned_data["status"],
                "evidence": row.cleaned_data["evidence"],
                "edit_version": row.cleaned_data["base_version"],
            }
            for row in formset.forms
            if row.instance.pk and row.has_changed()
        }
        if data:
            for result in services.assessments_update(strategy=form.instance, data=data, user=request.user).values():
                _report(request, result)
        # What the admin's change message reads from a saved formset.
        formset.new_objects, formset.deleted_objects = [], []
        formset.changed_objects = [(row.instance, row.changed_data) for row in formset.forms if row.has_changed()]
        return None

    def get_deleted_objects(self, objs, request):
        deleted, counts, perms_needed, protected = super().get_deleted_objects(objs, request)
        # Its sections, checklist and history cannot be deleted on their own, but they go with their strategy.
        with_it = {
            str(model._meta.verbose_name)
            for model in (*models.SECTION_MODELS, models.RecommendationAssessment, models.Revision)
        }
        return deleted, counts, {name for name in perms_needed if str(name) not in with_it}, protected

    def delete_model(self, request, obj):
        services.strategy_delete(strategy=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for strategy in queryset.select_related("country"):
            services.strategy_delete(strategy=strategy, user=request.user)


@admin.register(models.RecommendationAssessment)
class RecommendationAssessmentAdmin(admin.ModelAdmin):
    form = AssessmentForm
    list_display = ("recommendation", "status", "strategy")
    list_filter = ("status", "recommendation", "strategy__country")
    search_fields = ("evidence",)
    list_select_related = ("recommendation", "strategy__country")
    readonly_fields = ("strategy", "recommendation", "edit_version", "updated_by", "updated_at")

    def has_add_permission(self, request):
        return False  # six per strategy, made with it

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        values = {
            "status": form.cleaned_data["status"],
            "evidence": form.cleaned_data["evidence"],
            "edit_version": form.cleaned_data["base_version"],
        }
        results = services.assessments_update(strategy=obj.strategy, data={obj.pk: values}, user=request.user)
        _report(request, results[obj.pk])


# --- Template sections ------------------------------------------------------------------------------------


def _section_admin(model):
    class SectionAdmin(admin.ModelAdmin):
        form = forms.modelform_factory(model, form=VersionedAdminForm, fields=model.prompt_fields)
        list_display = ("strategy", "completeness_display", "edit_version", "updated_by", "updated_at")
        list_filter = ("strategy__country", "strategy__status")
        search_fields = ("strategy__title", "strategy__country__name", *model.prompt_fields)
        list_select_related = ("strategy__country", "updated_by")
        readonly_fields = ("strategy", "edit_version", "updated_by", "updated_at")

        @admin.display(description=gettext_lazy("complete"))
        def completeness_display(self, obj):
            return f"{obj.completeness} %"

        def has_add_permission(self, request):
            return False  # sections come with their strategy

        def has_delete_permission(self, request, obj=None):
            return False  # ... and go with it

        def save_model(self, request, obj, form, change):
            data = {name: form.cleaned_data[name] for name in obj.prompt_fields if name in form.changed_data}
            result = services.section_update(
                strategy=obj.strategy,
                key=obj.key,
                data=data,
                base_version=form.cleaned_data["base_version"],
                user=request.user,
            )
            _report(request, result)

    return SectionAdmin


for _model in models.SECTION_MODELS:
    admin.site.register(_model, _section_admin(_model))


# --- Structured rows ------------------------------------------------------------------------------------------


class PartAdmin(admin.ModelAdmin):
    """Rows are added at the end of their list and reordered in the app (their position is read-only here)."""

    form = VersionedAdminForm
    list_filter = ("strategy__country",)
    list_select_related = ("strategy__country",)
    readonly_fields = ("position", "edit_version", "updated_by", "updated_at", "created_at")
    raw_id_fields = ("strategy",)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "strategy") if obj is not None else fields  # a row never moves to another strategy

    def save_model(self, request, obj, form, change):
        editable = {f.name for f in services.editable_fields(obj)}
        if change:
            data = {name: form.cleaned_data[name] for name in form.changed_data if name in editable}
            result = services.part_update(
                part=obj, data=data, base_version=form.cleaned_data["base_version"], user=request.user
            )
            _report(request, result)
            return
        values = {name: form.cleaned_data[name] for name in editable if name in form.cleaned_data}
        created = services.part_create(model=type(obj), strategy=obj.strategy, user=request.user, **values)
        obj.pk = created.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.part_delete(part=obj, base_version=obj.edit_version, user=request.user)

    def delete_queryset(self, request, queryset):
        for part in queryset:
            services.part_delete(part=part, base_version=part.edit_version, user=request.user)


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
    raw_id_fields = ("strategy", "parent", "owner")
    readonly_fields = (*PartAdmin.readonly_fields, "template_task")


# --- History, comments, presence, assignments ------------------------------------------------------------


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


class SectionAssignmentForm(forms.ModelForm):
    def clean(self):
        cleaned = super().clean()
        strategy = cleaned.get("strategy") or getattr(self.instance, "strategy", None)
        assignee = cleaned.get("assignee")
        if assignee is not None and strategy is not None and not policy.can_be_assigned(assignee, strategy.country_id):
            raise ValidationError(_("Sections can only be assigned to leads and editors of the country."))
        return cleaned


@admin.register(models.SectionAssignment)
class SectionAssignmentAdmin(admin.ModelAdmin):
    """Assignments through the service: only a lead or editor of the country can be given a section."""

    form = SectionAssignmentForm

    list_display = ("section_key", "assignee", "due", "assigned_by", "strategy")
    list_filter = ("section_key", "strategy__country")
    search_fields = ("assignee__username", "section_key")
    list_select_related = ("assignee", "assigned_by", "strategy__country")
    raw_id_fields = ("strategy", "assignee")
    readonly_fields = ("assigned_by",)

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        return (*fields, "strategy", "section_key") if obj is not None else fields

    def save_model(self, request, obj, form, change):
        assignment = services.section_assign(
            strategy=obj.strategy, key=obj.section_key, assignee=obj.assignee, due=obj.due, assigned_by=request.user
        )
        obj.pk = assignment.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        services.section_assign(
            strategy=obj.strategy, key=obj.section_key, assignee=None, due=None, assigned_by=request.user
        )

    def delete_queryset(self, request, queryset):
        for assignment in queryset.select_related("strategy"):
            self.delete_model(request, assignment)
