"""Forms of the strategy editor. Every editing form carries the `edit_version` it was built on."""

from __future__ import annotations

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Column, Field, Layout, Row
from django import forms
from django.db import models as db_models
from django.urls import reverse
from django.utils.html import conditional_escape
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from accounts import policy
from accounts.models import User
from core import params
from core.html import sanitize_html
from core.limits import DATE_MAX, DATE_MIN, validate_planning_date
from strategies import models
from strategies.richtext import html_as_text


def named(label, name, *, joiner: str = " ") -> str:
    """A button's text that names its row for screen readers: `label` as seen, then the row's name hidden
    (WCAG 2.5.3, label in name: the accessible name starts with the visible text), so ten "Edit" buttons of a
    list read as ten different ones. Crispy renders a button's text as a template: the row's own words are
    escaped, braces included, so they stay text."""
    words = conditional_escape(Truncator(str(name)).chars(80)).replace("{", "&#123;").replace("}", "&#125;")
    return f'{conditional_escape(label)}<span class="visually-hidden">{joiner}{words}</span>'


def submit_button(label, css_class: str = "btn-sm btn-primary", **attrs) -> StrictButton:
    """A `<button type="submit">` rendered by crispy (its text is what people and screen readers read); crispy
    adds the `btn` class itself."""
    return StrictButton(label, type="submit", css_class=css_class, **attrs)


def post_helper(action: str, *layout, form_class: str = "", label_class: str = "", attrs=None) -> FormHelper:
    """A crispy helper for a small form of its own that posts to `action`."""
    helper = FormHelper()
    helper.form_method = "post"
    helper.form_action = action
    helper.form_class = form_class
    helper.label_class = label_class
    helper.attrs = attrs or {}
    helper.layout = Layout(*layout)
    return helper


class DateInput(forms.DateInput):
    """The browser's date picker, limited to the planning range (the server checks it again)."""

    def __init__(self, attrs=None):
        bounds = {"type": "date", "min": DATE_MIN.isoformat(), "max": DATE_MAX.isoformat()}
        super().__init__(attrs={**bounds, **(attrs or {})}, format="%Y-%m-%d")


class RichTextWidget(forms.Widget):
    """A hidden input edited by the Trix editor; people never type raw HTML (the server sanitizes anyway).

    The editor is named by the page's label (`<id>-label`), or by `label` when the page has none of its own
    (a question shown as a fieldset's legend). Not a HiddenInput: forms list it among their visible fields."""

    template_name = "includes/_rich_text_widget.html"

    def __init__(self, attrs=None, *, label=None):
        super().__init__(attrs={"data-rich-text": True, **(attrs or {})})
        self.label = label

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update({"type": "hidden", "label": self.label})
        return context


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
    # Each prompt: its label, the guide's guidance above the editor (as people read the guide), the editor.
    form.helper.layout = Layout(
        *(Field(name, template="strategies/includes/prompt_field.html") for name in section.prompt_fields)
    )
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
    """A new thread on a section, or (with `thread`) a reply to one. The comments panel is an htmx partial:
    each form posts to the panel's URL and swaps the panel."""

    parent = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = models.Comment
        fields = ("body",)
        labels = {"body": _("Comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 2, "placeholder": COMMENT_PLACEHOLDER})}

    def __init__(self, *args, strategy: models.Strategy | None = None, key: str = "", thread=None, **kwargs):
        if thread is not None:
            kwargs.setdefault("auto_id", f"reply-{thread.pk}-%s")
            kwargs.setdefault("initial", {"parent": thread.pk})
        super().__init__(*args, **kwargs)
        self.thread = thread
        body = self.fields["body"]
        if thread is not None:
            body.label = _("Reply")
            body.widget = forms.TextInput(attrs={"placeholder": _("Reply…"), "autocomplete": "off"})
        body.widget.attrs.update({"maxlength": models.Comment._meta.get_field("body").max_length or 5000})
        if strategy is not None:
            self._layout(strategy, key)

    def _layout(self, strategy: models.Strategy, key: str) -> None:
        url = reverse("strategies:section_comments", args=[strategy.pk, key])
        self.fields["body"].widget.attrs.update(
            {
                "data-mentions": reverse("strategies:mention_candidates", args=[strategy.pk]),
                "aria-describedby": "mention-help",
            }
        )
        panel = {"hx-post": url, "hx-target": "#comments-panel", "hx-swap": "outerHTML"}
        if self.thread is None:
            fields = (Field("body", css_class="form-control-sm", wrapper_class="mb-2"),)
            button = submit_button(_("Comment"))
            form_class = "mb-3 mention-box"
        else:
            fields = ("parent", Field("body", css_class="form-control-sm", wrapper_class="mb-0 flex-grow-1"))
            button = submit_button(
                named(_("Reply"), _thread_name(self.thread), joiner=_(" to ")),
                "btn-sm btn-outline-secondary align-self-start",
            )
            form_class = "d-flex gap-1 mt-1 mention-box"
        self.helper = post_helper(
            url, *fields, button, form_class=form_class, label_class="visually-hidden", attrs=panel
        )

    def clean_parent(self) -> int | None:
        return params.optional_whole_number(self.cleaned_data.get("parent"), name="parent")


def _thread_name(thread) -> str:
    """A thread as a screen reader names it on its buttons: who started it and how it begins."""
    return f"{thread.author or _('someone')}: {Truncator(thread.body).chars(40)}"


class CommentToggleForm(forms.Form):
    """Resolve or reopen a thread: no field, the step is in the URL (leads and editors only)."""

    LABELS = {"resolve": _("Resolve"), "reopen": _("Reopen")}

    def __init__(self, *args, strategy: models.Strategy, thread, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        url = reverse("strategies:comment_toggle", args=[strategy.pk, thread.pk, action])
        panel = {"hx-post": url, "hx-target": "#comments-panel", "hx-swap": "outerHTML"}
        label = named(self.LABELS[action], _thread_name(thread), joiner=_(" the thread of "))
        self.helper = post_helper(url, submit_button(label, "btn-link btn-sm p-0"), attrs=panel)


class TaskDeleteForm(forms.Form):
    """Delete a task from the action plan, through the rows' delete view and its service: the version the row
    showed (a colleague's change meanwhile stops the delete) and the page to come back to. The confirmation
    names the task and says that its sub-tasks go with it, as the service deletes them."""

    edit_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, task: models.Task, subtasks: int, next_url: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"%s-delete-{task.pk}")
        kwargs.setdefault("initial", {"edit_version": task.edit_version, "next": next_url})
        super().__init__(*args, **kwargs)
        if subtasks:
            question = ngettext(
                "Delete “%(title)s” and its sub-task? The sub-task is deleted with it.",
                "Delete “%(title)s” and its %(n)s sub-tasks? They are deleted with it.",
                subtasks,
            ) % {"title": task.title, "n": subtasks}
        else:
            question = _("Delete “%(title)s”?") % {"title": task.title}
        self.helper = post_helper(
            reverse("strategies:part_delete", args=[task.strategy_id, "tasks", task.pk]),
            "edit_version",
            "next",
            submit_button(named(_("Delete"), f"“{task.title}”"), "btn-sm btn-outline-danger", data_confirm=question),
            form_class="m-0",
        )


class AssignmentForm(forms.Form):
    """Who writes a section, and by when; the overview shows one per section (ids end with its key)."""

    assignee = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label=_("Assignee"), empty_label=_("Nobody")
    )
    due = forms.DateField(required=False, label=_("Due"), widget=DateInput(), validators=[validate_planning_date])

    def __init__(self, *args, strategy: models.Strategy, key: str | None = None, members=None, **kwargs):
        if key:
            kwargs.setdefault("auto_id", f"%s-{key}")
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = policy.editing_members(User.objects.all(), strategy.country_id).order_by(
            "first_name", "username"
        )
        if members is not None:
            # The overview holds a form per section: the people are read once for all of them.
            field.choices = [("", field.empty_label), *((user.pk, str(user)) for user in members)]
        if key:
            self.helper = post_helper(
                reverse("strategies:section_assign", args=[strategy.pk, key]),
                Field("assignee", css_class="form-select-sm", wrapper_class="mb-1"),
                Field("due", css_class="form-control-sm", wrapper_class="mb-1"),
                submit_button(named(_("Save"), models.SECTIONS_BY_KEY[key]._meta.verbose_name)),
                form_class="mt-1",
                label_class="visually-hidden",
            )


class WorkflowForm(forms.Form):
    """One step of the review workflow the country takes from the overview (submit, withdraw, reopen); the
    steps and who may take them are the state machine's (`Strategy.TRANSITIONS`, `policy.can_transition`)."""

    action = forms.ChoiceField(choices=[(a, a) for a in models.Strategy.TRANSITIONS], widget=forms.HiddenInput)
    reason = forms.CharField(required=False, max_length=5000)

    BUTTONS = {
        "submit": (_("Submit for review"), "btn-primary btn-sm"),
        "withdraw": (_("Withdraw the submission"), "btn-outline-danger btn-sm"),
        "reopen": (_("Start a new version"), "btn-outline-primary btn-sm"),
    }

    def __init__(self, *args, strategy: models.Strategy, action: str, **kwargs):
        kwargs.setdefault("auto_id", f"%s-{action}")
        kwargs.setdefault("initial", {"action": action})
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        if action == "submit":
            reason.label = _("Note for the reviewers (optional)")
            reason.widget = forms.Textarea(attrs={"rows": 2, "maxlength": 5000})
        elif action == "reopen":
            reason.label = _("Why a new version? (optional)")
        else:
            reason.widget = forms.HiddenInput()
        label, css_class = self.BUTTONS.get(action, (action, "btn-outline-primary btn-sm"))
        self.helper = post_helper(
            reverse("reviews:transition", args=[strategy.pk]),
            "action",
            Field("reason", css_class="form-control-sm", wrapper_class="mb-2"),
            submit_button(label, css_class),
            form_class="mb-2",
            label_class="small",
        )


class TaskFilterForm(forms.Form):
    """The action plan's filters (a GET form: the address can be bookmarked and shared)."""

    VIEWS = (("table", _("Table")), ("timeline", _("Timeline")))

    view = forms.ChoiceField(choices=VIEWS, required=False, widget=forms.HiddenInput)
    owner = forms.ModelChoiceField(
        queryset=User.objects.none(), required=False, label=_("Owner"), empty_label=_("Anyone")
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *models.Task.Status.choices], required=False
    )
    overdue = forms.BooleanField(required=False, label=_("Overdue only"))

    def __init__(self, *args, strategy: models.Strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(memberships__country_id=strategy.country_id).order_by(
            "first_name", "username"
        )
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "row g-2 align-items-end mb-3 card-body bg-light rounded mx-0 filter-bar"
        self.helper.attrs = {"aria-label": _("Filter tasks")}
        self.helper.label_class = "small mb-1"
        self.helper.layout = Layout(
            "view",
            Column(Field("owner", css_class="form-select-sm", wrapper_class="mb-0"), css_class="col-sm-3"),
            Column(Field("status", css_class="form-select-sm", wrapper_class="mb-0"), css_class="col-sm-3"),
            Column(Field("overdue", wrapper_class="mb-2"), css_class="col-sm-2"),
            Column(
                submit_button(_("Filter"), "btn-outline-primary"),
                # The page's context says whether a filter is on (and which view to keep).
                HTML(
                    '{% load i18n %}{% if filtered %} <a class="btn btn-link" href="?view={{ view }}">'
                    '{% trans "Clear" %}</a>{% endif %}'
                ),
                css_class="col-sm-auto",
            ),
        )

    def criteria(self) -> dict:
        """The filters that are on, as strategies.selectors.plan_tasks takes them (none if the form is invalid)."""
        if not self.is_valid():
            return {}
        wanted = {name: self.cleaned_data[name] for name in ("owner", "status", "overdue")}
        return {name: value for name, value in wanted.items() if value}

    def chosen_view(self) -> str:
        """Table or timeline: what the person chose, the table otherwise."""
        if self.is_valid() and self.cleaned_data.get("view"):
            return self.cleaned_data["view"]
        return "table"


class CompareVersionsForm(forms.Form):
    """The two versions of a section the history page compares (a GET form: `?a=<older>&b=<newer>`)."""

    a = forms.TypedChoiceField(label=_("Compare"), coerce=int, required=False)
    b = forms.TypedChoiceField(label=_("with"), coerce=int, required=False)

    def __init__(self, data=None, *, versions: list[int]):
        super().__init__(data, auto_id="%s")
        self.versions = versions
        choices = [(v, f"v{v}") for v in versions]
        self.fields["a"].choices = self.fields["b"].choices = choices
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_class = "card card-body mb-3"
        self.helper.label_class = "small"
        self.helper.layout = Layout(
            Row(
                Column(Field("a", css_class="form-select-sm", wrapper_class="mb-0")),
                Column(Field("b", css_class="form-select-sm", wrapper_class="mb-0")),
                Column(submit_button(_("Show")), css_class="col-auto"),
                css_class="g-2 align-items-end",
            )
        )

    def clean(self):
        # Without a choice: the newest version against the one before it.
        cleaned = super().clean()
        newest = self.versions[0] if self.versions else 1
        if cleaned.get("b") in (None, ""):
            cleaned["b"] = newest
        if cleaned.get("a") in (None, ""):
            cleaned["a"] = max(cleaned["b"] - 1, 1)
        if cleaned["a"] not in self.versions or cleaned["b"] not in self.versions:
            raise forms.ValidationError(_("There is no such version."))
        return cleaned

    def shown(self) -> CompareVersionsForm:
        """The form as the page shows it: the versions compared selected, the defaults included."""
        return CompareVersionsForm({"a": self.cleaned_data["a"], "b": self.cleaned_data["b"]}, versions=self.versions)


class CalendarLinkForm(forms.Form):
    """One action on the personal calendar link: make a new one (the old stops working) or revoke it."""

    ACTIONS = (("renew", _("Make a new link")), ("revoke", _("Revoke the link")))

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)

    def __init__(self, *args, action: str = "renew", label=None, css_class: str = "btn-outline-primary", **kwargs):
        kwargs.setdefault("initial", {"action": action})
        kwargs.setdefault("auto_id", f"%s-{action}")
        super().__init__(*args, **kwargs)
        self.helper = post_helper(
            "", "action", submit_button(label or dict(self.ACTIONS)[action], css_class), form_class="d-inline"
        )


class ReadOnlyLinkForm(forms.Form):
    """A link or secret shown in a read-only box to be copied; it sits outside any `<form>`, so it is never
    sent."""

    link = forms.CharField(required=False)

    def __init__(self, value: str, *, label, field_id: str, css_class: str = ""):
        super().__init__(initial={"link": value})
        field = self.fields["link"]
        field.label = label
        field.widget.attrs.update({"id": field_id, "readonly": True, "class": css_class})
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class AssessmentForm(forms.Form):
    """One B1MG recommendation of the checklist. The page holds one per recommendation inside one `<form>`;
    their fields are named after the assessment (`status-<id>`, `evidence-<id>`, `version-<id>`), as the
    page has always sent them."""

    status = forms.ChoiceField(label=_("Status"), choices=models.RecommendationAssessment.Status.choices)
    evidence = forms.CharField(
        label=_("How the strategy addresses it"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, assessment: models.RecommendationAssessment, editable: bool, mine: bool = False, **kw):
        self.assessment = assessment
        kw.setdefault("auto_id", "%s")
        super().__init__(*args, **kw)
        if self.is_bound and self.add_prefix("status") not in self.data:
            # A post without a row's status (a script sending only what changed) keeps the row's status.
            self.data = self.data.copy()
            self.data[self.add_prefix("status")] = assessment.status
        if mine:
            self.fields["evidence"].label = _("How the strategy addresses it (your version)")
        for field in self.fields.values():
            field.disabled = not editable
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.label_class = "small"
        self.helper.layout = Layout(
            "version",
            Row(
                Column(Field("status", css_class="form-select-sm"), css_class="col-md-3"),
                Column(Field("evidence", css_class="form-control-sm"), css_class="col-md-9"),
                css_class="g-2",
            ),
        )

    def add_prefix(self, field_name: str) -> str:
        return f"{field_name}-{self.assessment.pk}"

    def clean_version(self) -> int:
        # A damaged version (the page only sends digits) is a 400 that says so: nothing is written.
        return params.edit_version(self.data.get(self.add_prefix("version")))

    @classmethod
    def initial_for(cls, assessment: models.RecommendationAssessment) -> dict:
        """What the page shows for a saved row: its status, its evidence as plain text, its version."""
        return {
            "status": assessment.status,
            "evidence": html_as_text(assessment.evidence),
            "version": assessment.edit_version,
        }


class ReuseForm(forms.Form):
    """Copy a row of an approved strategy into one's own draft (on the snapshot and review pages): into which
    strategy, and where to come back to. One per row; the drop-down only when there is a choice."""

    strategy = forms.TypedChoiceField(label=_("Into"), coerce=int)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, targets, snapshot_id: int, kind: str, row_id, next_url: str = "", name: str = ""):
        super().__init__(data, auto_id=f"%s-{kind}-{row_id}", initial={"next": next_url})
        field = self.fields["strategy"]
        field.choices = [(t.pk, f"{t.country.code} – {Truncator(t.title).chars(30)}") for t in targets]
        if len(field.choices) == 1:
            field.widget = forms.HiddenInput()
            field.initial = field.choices[0][0]
        self.helper = post_helper(
            reverse("comparisons:reuse", args=[snapshot_id, kind, row_id]),
            "next",
            Field("strategy", css_class="form-select-sm", wrapper_class="mb-0"),
            submit_button(
                named(_("Copy to my draft"), name) if name else _("Copy to my draft"), "btn-sm btn-outline-primary"
            ),
            form_class="d-flex gap-1",
            label_class="visually-hidden",
        )
