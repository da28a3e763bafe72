"""Forms of the strategy editor. Every editing form carries the `edit_version` it was built on."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Layout, Row
from django import forms
from django.db import models as db_models
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import User
from core.html import sanitize_html
from core.limits import DATE_MAX, DATE_MIN, validate_planning_date
from strategies import models


class DateInput(forms.DateInput):
    """The browser's date picker, limited to the planning range (the server checks it again)."""

    def __init__(self, attrs=None):
        bounds = {"type": "date", "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d")


class RichTextWidget(forms.Widget):
    """A hidden input edited by the Trix editor; people never type raw HTML (the server sanitizes anyway)."""

    template_name = "includes/_rich_text_widget.html"


class VersionedForm(forms.ModelForm):
    edit_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["edit_version"] = self.instance.edit_version
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def section_form_class(model: type[models.Section]) -> type[VersionedForm]:
    return forms.modelform_factory(
        model,
        form=VersionedForm,
        fields=model.prompt_fields,
        widgets=dict.fromkeys(model.prompt_fields, RichTextWidget),
    )


def section_form(section: models.Section, prompts: dict, data=None) -> VersionedForm:
    """The section's editor form, labelled with the guide's prompts."""
    form = section_form_class(type(section))(data=data, instance=section)
    for name, prompt in prompts.items():
        if name in form.fields:
            form.fields[name].label = prompt.prompt
            form.fields[name].help_text = prompt.guidance
    return form


class ParentTaskSelect(forms.Select):
    """The "part of" drop-down of a task: each option says its phase, and options of another phase than the
    form's are hidden (static/js/app.js shows the right ones again when the person changes the phase)."""

    phase: str | None = None

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-phase"] = instance.phase
            if self.phase and instance.phase != self.phase and not selected:
                option["attrs"].update({"hidden": True, "disabled": True})
        return option


class PartForm(VersionedForm):
    """Structured rows: relations offered are those of the same strategy (and people of the same country)."""

    def clean(self):
        # Validate what will be stored: text with markup is sanitised on save (strategies.services), and a
        # required field holding only markup that the sanitiser drops must be refused here, not fail there.
        cleaned = super().clean()
        text_fields = {f.name for f in self._meta.model._meta.concrete_fields if isinstance(f, db_models.TextField)}
        for name in text_fields & set(cleaned):
            value = cleaned[name]
            if isinstance(value, str) and "<" in value:
                cleaned[name] = sanitize_html(value)
        return cleaned

    def __init__(self, *args, strategy: models.Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            self.fields["edit_version"].required = False
            # The model's own rules (links stay inside one strategy) need to know the strategy while the
            # form validates, before the service saves the row.
            self.instance.strategy = strategy
        for field in self.fields.values():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = field.queryset.model
            if model is User:
                field.queryset = policy.editing_members(User.objects.all(), strategy.country_id).order_by(
                    "first_name", "username"
                )
            elif hasattr(model, "strategy"):
                queryset = model.objects.filter(strategy=strategy)
                if model is models.Task:
                    queryset = queryset.filter(parent__isnull=True)
                    if self.instance.pk:
                        queryset = queryset.exclude(pk=self.instance.pk)
                field.queryset = queryset
        if "parent" in self.fields and "phase" in self.fields:
            widget = ParentTaskSelect(attrs={"data-filter-by": "phase"})
            widget.choices = self.fields["parent"].choices
            widget.phase = self._current("phase")
            self.fields["parent"].widget = widget
            self.fields["parent"].help_text = _("Only tasks of the chosen phase can hold a sub-task.")
            if self.instance.pk and self.instance.subtasks.exists():
                # Sub-tasks are one level deep: a task that has sub-tasks stays a task of its own.
                self.fields["parent"].disabled = True
                self.fields["parent"].help_text = _("This task has sub-tasks, so it cannot be part of another task.")
        if "preset" in self.fields:
            self._offer_guide_categories(self.fields["preset"])
        for name in ("start", "due", "planned_date"):
            if name in self.fields:
                self.fields[name].widget = DateInput()
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                # Django's default is ten rows: an inline form of three text boxes would not fit a screen.
                field.widget.attrs["rows"] = 2
        self.helper.layout = Layout(Row(*(Column(name, css_class=self._column(name)) for name in self._meta.fields)))

    def _current(self, name: str) -> str | None:
        """The value the form shows for `name`: posted, else the initial value, else the row's."""
        if self.is_bound:
            return self.data.get(self.add_prefix(name)) or None
        return self.initial.get(name) or getattr(self.instance, name, None) or None

    def _column(self, name: str) -> str:
        widget = self.fields[name].widget
        if isinstance(widget, forms.Textarea):
            return "col-12"
        if isinstance(widget, forms.CheckboxInput):
            return "col-md-6 col-lg-4 align-self-end"
        return "col-md-6 col-lg-4"

    @staticmethod
    def _offer_guide_categories(field: forms.ModelChoiceField) -> None:
        """The guide's example groups (citizens, then professionals) or channels, grouped as the guide
        lists them; the empty choice is "other"."""
        field.empty_label = _("Other (not in the guide's list)")
        presets = list(field.queryset.order_by("kind", "position"))
        kinds = {p.kind for p in presets}
        if len(kinds) > 1:
            grouped: dict[str, list] = {}
            for preset in presets:
                grouped.setdefault(str(preset.get_kind_display()), []).append((preset.pk, preset.name))
            field.choices = [("", field.empty_label), *grouped.items()]


#: Each kind of structured row: its model, the fields people edit, and its page title.
PART_KINDS: dict[str, tuple[type[models.StrategyPart], tuple[str, ...]]] = {
    "segments": (
        models.AudienceSegment,
        ("group", "name", "preset", "description", "needs", "preferences", "hard_to_reach"),
    ),
    "messages": (models.KeyMessage, ("segment", "message", "supporting_points", "evidence")),
    "channels": (models.Channel, ("name", "preset", "description")),
    "tactics": (models.Tactic, ("channel", "segment", "description")),
    "content": (
        models.ContentItem,
        ("title", "content_type", "channel", "segment", "planned_date", "status", "owner"),
    ),
    "stakeholders": (models.Stakeholder, ("name", "role", "engagement_activity", "feedback_mechanism")),
    "objectives": (models.Objective, ("title", "description", "alignment")),
    "kpis": (models.KPI, ("objective", "metric", "baseline", "target", "method", "frequency")),
    "risks": (models.Risk, ("description", "likelihood", "impact", "mitigation", "contingency", "owner")),
    "roles": (models.ImplementationRole, ("role", "holder", "responsibilities")),
    "budget": (models.BudgetLine, ("item", "amount", "currency", "funding_source", "notes")),
    "tasks": (
        models.Task,
        ("phase", "parent", "title", "description", "owner", "start", "due", "status", "section"),
    ),
}


#: The kinds of row another country may copy from an approved strategy into its own draft (good practice
#: travels: comparisons.services.part_copy_from_snapshot; offered on the snapshot page).
REUSABLE_KINDS = ("segments", "messages", "channels", "kpis", "risks")


def part_form_class(kind: str) -> type[PartForm]:
    model, fields = PART_KINDS[kind]
    return forms.modelform_factory(model, form=PartForm, fields=fields)


class StrategyDetailsForm(VersionedForm):
    """Title, period and the national contact printed on the strategy's contact page."""

    class Meta:
        model = models.Strategy
        fields = ("title", "period_start", "period_end", "contact_name", "contact_email", "contact_address")
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "period_end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "contact_address": forms.Textarea(attrs={"rows": 3}),
        }


COMMENT_PLACEHOLDER = _("Write a comment… type @ to mention a colleague")


class CommentForm(forms.ModelForm):
    class Meta:
        model = models.Comment
        fields = ("body",)
        labels = {"body": _("Comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 2, "placeholder": COMMENT_PLACEHOLDER})}


class AssignmentForm(forms.Form):
    assignee = forms.ModelChoiceField(queryset=User.objects.none(), required=False, label=_("Assignee"))
    due = forms.DateField(required=False, label=_("Due"), widget=DateInput(), validators=[validate_planning_date])

    def __init__(self, *args, strategy: models.Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = policy.editing_members(User.objects.all(), strategy.country_id).order_by(
            "first_name", "username"
        )


class TaskFilterForm(forms.Form):
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Owner"),
        empty_label=_("Anyone"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    status = forms.ChoiceField(
        choices=[("", _("Any status")), *models.Task.Status.choices],
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )
    overdue = forms.BooleanField(
        required=False, label=_("Overdue only"), widget=forms.CheckboxInput(attrs={"class": "form-check-input"})
    )

    def __init__(self, *args, strategy: models.Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(memberships__country_id=strategy.country_id).order_by(
            "first_name", "username"
        )
