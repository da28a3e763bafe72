"""Forms of the strategy editor. Every editing form carries the `edit_version` it was built on."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from django import forms
from django.db import models as db_models
from django.utils.translation import gettext_lazy as _

from accounts.models import Membership, User
from onemg_planner.limits import DATE_MAX, DATE_MIN, validate_planning_date
from strategies import models
from strategies.services import sanitize_html


class DateInput(forms.DateInput):
    """The browser's date picker, limited to the planning range (the server checks it again)."""

    def __init__(self, attrs=None):
        bounds = {"type": "date", "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d")


class RichTextWidget(forms.Widget):
    """A hidden input edited by the Trix editor; people never type raw HTML (the server sanitizes anyway)."""

    template_name = "includes/rich_text_widget.html"


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
        for field in self.fields.values():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            model = field.queryset.model
            if model is User:
                field.queryset = User.objects.filter(
                    memberships__country_id=strategy.country_id,
                    memberships__role__in=Membership.EDITING_ROLES,
                    is_active=True,
                ).order_by("first_name", "username")
            elif hasattr(model, "strategy"):
                queryset = model.objects.filter(strategy=strategy)
                if model is models.Task:
                    queryset = queryset.filter(parent__isnull=True)
                    if self.instance.pk:
                        queryset = queryset.exclude(pk=self.instance.pk)
                field.queryset = queryset
        for name in ("start", "due", "planned_date"):
            if name in self.fields:
                self.fields[name].widget = DateInput()
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 2)


#: Each kind of structured row: its model, the fields people edit, and its page title.
PART_KINDS: dict[str, tuple[type[models.StrategyPart], tuple[str, ...]]] = {
    "segments": (
        models.AudienceSegment,
        ("group", "name", "description", "needs", "preferences", "hard_to_reach"),
    ),
    "messages": (models.KeyMessage, ("segment", "message", "supporting_points", "evidence")),
    "channels": (models.Channel, ("name", "description")),
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


def part_form_class(kind: str) -> type[PartForm]:
    model, fields = PART_KINDS[kind]
    return forms.modelform_factory(model, form=PartForm, fields=fields)


COMMENT_PLACEHOLDER = _("Write a comment… use @username to mention a colleague")


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
        self.fields["assignee"].queryset = User.objects.filter(
            memberships__country_id=strategy.country_id, memberships__role__in=Membership.EDITING_ROLES
        ).order_by("first_name", "username")


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
