"""Spreadsheet import/export of the structured parts that countries keep in tables (tasks, segments, KPIs, risks).
Imported rows are written through strategies/services.py, like the editor's saves.

Rows are tied to a strategy by its id, and users by username, so a sheet exported from one
installation can be read by a person and imported back.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from accounts import policy
from accounts.models import User
from core.tabular import TabularResourceMixin
from strategies import services
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
        if (
            isinstance(owner, User)
            and instance.strategy_id
            and not policy.can_be_assigned(owner, instance.strategy.country_id)
        ):
            errors.setdefault("owner", []).append(
                _("%(user)s is not a lead or editor of this strategy's country.") % {"user": owner.username}
            )
        super().validate_instance(instance, errors, validate_unique)

    def save_instance(self, instance, is_create, row, **kwargs):
        """An import is an edit like any other, written by the same services as the editor's: text sanitised,
        a revision in the row's history, the version bumped (a colleague's stale save is merged, not lost) and
        the strategy marked changed (its PDF is made again). Positions put the row in its place in the list."""
        if self._is_dry_run(kwargs) and not self._is_using_transactions(kwargs):
            return
        user = kwargs.get("user")
        imported = {field.attribute for field in self.get_import_fields()}
        editable = [f.name for f in services.editable_fields(instance) if f.name in imported]
        values = {name: getattr(instance, name) for name in editable}
        if is_create:
            part = services.part_create(model=type(instance), strategy=instance.strategy, user=user, **values)
            instance.pk, instance.edit_version = part.pk, part.edit_version
        else:
            result = services.part_update(part=instance, data=values, base_version=instance.edit_version, user=user)
            if not result.ok:
                raise ValidationError(
                    _("Row %(id)s was changed by someone at the same moment; import it again.") % {"id": instance.pk}
                )
            part = result.obj
        if "position" in imported and instance.position and instance.position != part.position:
            services.part_place(part=part, position=instance.position)


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
