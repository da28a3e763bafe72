"""Spreadsheet import/export of the structured parts that countries keep in tables (tasks, segments, KPIs, risks).

Rows are tied to a strategy by its id, and users by username, so a sheet exported from one
installation can be read by a person and imported back.
"""

from import_export import fields, resources, widgets

from accounts.models import User
from onemg_planner.tabular import TabularResourceMixin
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
