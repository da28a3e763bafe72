"""Spreadsheet import/export of the structured parts that countries keep in tables (tasks, segments, KPIs, risks).

Rows are tied to a strategy by its id, and users by username, so a sheet exported from one
installation can be read by a person and imported back.
"""

from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from accounts.models import Membership, User
from core.tabular import TabularResourceMixin
from strategies.models import KPI, AudienceSegment, Risk, Strategy, Task


class _StrategyPartResource(TabularResourceMixin, resources.ModelResource):
    strategy = fields.Field(
        attribute="strategy", column_name="strategy", widget=widgets.ForeignKeyWidget(Strategy, "pk")
    )

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    def get_queryset(self):
        return super().get_queryset().select_related("strategy")

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        # Spreadsheets give None for an empty cell; our text columns store "" for "nothing written".
        for field in instance._meta.concrete_fields:
            text = field.get_internal_type() in {"CharField", "TextField"} and not field.null
            if text and getattr(instance, field.attname) is None:
                setattr(instance, field.attname, "")

    def after_init_instance(self, instance, new, row, **kwargs):
        super().after_init_instance(instance, new, row, **kwargs)
        instance._strategy_before_import = None if new else instance.strategy_id

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """A row stays in its strategy (and country); people named on it belong to that country."""
        errors = dict(import_validation_errors or {})
        before = getattr(instance, "_strategy_before_import", None)
        if before is not None and instance.strategy_id != before:
            errors.setdefault("strategy", []).append(
                _(
                    "Row %(id)s belongs to strategy %(before)s of another country or plan; an import cannot "
                    "move rows between strategies."
                )
                % {"id": instance.pk, "before": before}
            )
        owner = getattr(instance, "owner", None)
        if isinstance(owner, User) and instance.strategy_id:
            editors = Membership.objects.filter(user=owner, country__strategies=instance.strategy_id).editors()
            if not editors.exists():
                errors.setdefault("owner", []).append(
                    _("%(user)s is not a lead or editor of this strategy's country.") % {"user": owner.username}
                )
        super().validate_instance(instance, errors, validate_unique)

    def before_save_instance(self, instance, row, **kwargs):
        # An import is an edit like any other: later saves must see that this row moved on.
        if instance.pk:
            instance.edit_version += 1


class TaskResource(_StrategyPartResource):
    parent = fields.Field(attribute="parent", column_name="parent", widget=widgets.ForeignKeyWidget(Task, "pk"))
    owner = fields.Field(attribute="owner", column_name="owner", widget=widgets.ForeignKeyWidget(User, "username"))

    class Meta(_StrategyPartResource.Meta):
        model = Task
        fields = (
            "id",
            "strategy",
            "phase",
            "parent",
            "title",
            "description",
            "owner",
            "start",
            "due",
            "status",
            "section",
            "position",
        )
        export_order = fields

    def get_queryset(self):
        return super().get_queryset().select_related("owner", "parent")


class AudienceSegmentResource(_StrategyPartResource):
    class Meta(_StrategyPartResource.Meta):
        model = AudienceSegment
        fields = (
            "id",
            "strategy",
            "group",
            "name",
            "description",
            "needs",
            "preferences",
            "hard_to_reach",
            "position",
        )
        export_order = fields


class KPIResource(_StrategyPartResource):
    class Meta(_StrategyPartResource.Meta):
        model = KPI
        fields = ("id", "strategy", "metric", "baseline", "target", "method", "frequency", "position")
        export_order = fields


class RiskResource(_StrategyPartResource):
    class Meta(_StrategyPartResource.Meta):
        model = Risk
        fields = (
            "id",
            "strategy",
            "description",
            "likelihood",
            "impact",
            "mitigation",
            "contingency",
            "owner",
            "position",
        )
        export_order = fields
