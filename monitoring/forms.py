"""Forms of the monitoring pages, rendered with crispy (no form tag: the templates hold it)."""

from __future__ import annotations

from crispy_forms.bootstrap import StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.forms import COMPACT_FIELD, fields_only
from core.limits import COMMENT_MAX_CHARS, ROW_TEXT_MAX_CHARS, validate_planning_date
from monitoring.models import KPIReading, RiskReview, SuccessStory
from monitoring.services import CLEAR_CHOICES, PANEL_DAYS_DEFAULT, PANEL_DAYS_MAX
from strategies.forms import DateInput
from strategies.models import SECTION_CHOICES, Task


class _Crispy:
    def _helper(self):
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class ReadingForm(_Crispy, forms.ModelForm):
    class Meta:
        model = KPIReading
        fields = ("date", "period", "value", "note", "evidence_url")
        widgets = {"date": DateInput(), "note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class RiskReviewForm(_Crispy, forms.ModelForm):
    class Meta:
        model = RiskReview
        fields = ("date", "likelihood", "impact", "occurred", "action_taken", "note")
        widgets = {
            "date": DateInput(),
            "likelihood": forms.Select(choices=[(n, n) for n in range(1, 6)]),
            "impact": forms.Select(choices=[(n, n) for n in range(1, 6)]),
            "action_taken": forms.Textarea(attrs={"rows": 2}),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class StoryForm(_Crispy, forms.ModelForm):
    class Meta:
        model = SuccessStory
        fields = ("title", "what_happened", "for_whom", "source", "date", "published_at", "consent_to_share")
        widgets = {"date": DateInput(), "what_happened": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class ReportNewForm(_Crispy, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    period_start = forms.DateField(label=_("Period starts"), widget=DateInput(), validators=[validate_planning_date])
    period_end = forms.DateField(label=_("Period ends"), widget=DateInput(), validators=[validate_planning_date])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()

    def clean(self):
        data = super().clean()
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            self.add_error("period_end", _("The period cannot end before it starts."))
        return data


class ReportEditForm(_Crispy, forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    findings = forms.CharField(
        label=_("Findings"),
        required=False,
        max_length=ROW_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the monitoring data says, in your words: what worked, what did not, and why."),
    )
    lessons = forms.CharField(
        label=_("Lessons learnt"),
        required=False,
        max_length=ROW_TEXT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One lesson per line. Once the report is approved, the strategy's next version lists them."),
    )
    refresh = forms.BooleanField(
        label=_("Draft the monitoring data again from today's readings"), required=False, initial=False
    )
    edit_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class LessonLinkForm(forms.Form):
    section = forms.ChoiceField(
        label=_("Changed section"),
        choices=[("", _("Not linked yet")), *SECTION_CHOICES],
        required=False,
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
    )


class ReportTransitionForm(forms.Form):
    """A progress report's workflow step (posted to the reviews app, which runs the workflow). Submitting is
    asked on the report page, then confirmed on a page of its own that carries the `confirmed` flag."""

    action = forms.ChoiceField(choices=[("submit", "submit"), ("withdraw", "withdraw")], widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Note for the reviewers (optional)"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, report=None, action: str = "submit", confirm: bool = False, **kwargs):
        kwargs.setdefault("auto_id", f"report-{action}{'-confirm' if confirm else ''}-%s")
        kwargs.setdefault("initial", {})
        kwargs["initial"].update({"action": action, **({"confirmed": "1"} if confirm else {})})
        super().__init__(*args, **kwargs)
        if report is None:
            return
        self.helper = FormHelper()
        self.helper.form_action = reverse("reviews:report_transition", args=[report.pk])
        if confirm:
            back = reverse("monitoring:report", args=[report.pk])
            buttons = Div(
                StrictButton(_("Yes, submit it"), type="submit", css_class="btn-primary"),
                HTML(f'<a class="btn btn-outline-secondary" href="{back}">{_("Not yet")}</a>'),
                css_class="d-flex flex-wrap gap-2",
            )
            self.helper.form_class = "card card-body"
            self.helper.layout = Layout("action", "confirmed", "note", buttons)
        elif action == "submit":
            self.helper.form_class = "mb-2"
            submit = StrictButton(_("Submit for review"), type="submit", css_class="btn-primary btn-sm")
            self.helper.layout = Layout("action", Field("note", css_class="form-control-sm"), submit)
        else:
            self.helper.form_class = "mb-2"
            withdraw = StrictButton(_("Withdraw the submission"), type="submit", css_class="btn-outline-danger btn-sm")
            self.helper.layout = Layout("action", withdraw)


class PanelLinkForm(_Crispy, forms.Form):
    section = forms.ChoiceField(label=_("Section to review"), choices=SECTION_CHOICES)
    panel = forms.CharField(
        label=_("Panel"), max_length=200, help_text=_("Who reviews it: a patients' group, a professional society…")
    )
    days = forms.IntegerField(
        label=_("Open for (days)"), min_value=1, max_value=PANEL_DAYS_MAX, initial=PANEL_DAYS_DEFAULT
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class PanelAnswerForm(_Crispy, forms.Form):
    clear = forms.ChoiceField(label=_("Is it clear?"), choices=CLEAR_CHOICES, widget=forms.RadioSelect)
    missing = forms.CharField(
        label=_("What is missing?"),
        required=False,
        max_length=COMMENT_MAX_CHARS // 2,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=COMMENT_MAX_CHARS // 2, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._helper()


class TaskStatusForm(forms.Form):
    """An overdue task's status, changed from the monitoring overview (one drop-down per task)."""

    status = forms.ChoiceField(choices=Task.Status.choices)

    def __init__(self, *args, task: Task | None = None, **kwargs):
        if task is not None:
            kwargs.setdefault("auto_id", f"ts-{task.pk}-%s")
            kwargs.setdefault("initial", {"status": task.status})
        super().__init__(*args, **kwargs)
        if task is not None:
            self.fields["status"].label = _("Status of %(task)s") % {"task": task.title}
        self.helper = fields_only(Field("status", template=COMPACT_FIELD, css_class="form-select form-select-sm"))


class RiskPickForm(forms.Form):
    """Which risk a review form on the risks page is for (one form per risk, each with its own prefix)."""

    risk = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)
        self.helper = fields_only("risk")


class DeleteForm(forms.Form):
    """The delete button of a page whose main form saves (the flag tells the two posts apart)."""

    delete = forms.BooleanField(required=False, widget=forms.HiddenInput, initial="1")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", False)
        super().__init__(*args, **kwargs)
        self.helper = fields_only("delete")
