"""Forms of the review workflow, each rendered by crispy with its own helper (action, layout, buttons).

Several forms of one kind share a page (a claim per inbox row, a verdict per section): each gets its own
`auto_id` so ids and labels stay unique. The field names are the ones the browser has always sent."""

from __future__ import annotations

from crispy_forms.bootstrap import InlineRadios, StrictButton
from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Field, Layout
from django import forms
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.forms import COMPACT_FIELD
from core.limits import COMMENT_MAX_CHARS, validate_planning_date
from monitoring.models import ReportSubmission, ReportVerdict
from reviews.models import Review, SectionReview
from strategies.forms import DateInput, named
from strategies.models import SECTIONS_BY_KEY

# The hidden flags are sent as "1", the value forms have always carried (BooleanField reads it as True).
_FLAG = {"required": False, "widget": forms.HiddenInput, "initial": "1"}


def helper(action: str, *fields, css_class: str = "", label_class: str = "") -> FormHelper:
    """A helper posting to `action` with the given layout."""
    result = FormHelper()
    result.form_action = action
    result.form_class = css_class
    result.label_class = label_class
    result.layout = Layout(*fields)
    return result


def button(text, css_class: str = "btn-sm btn-primary") -> StrictButton:
    return StrictButton(text, type="submit", css_class=css_class)


class ClaimForm(forms.Form):
    due = forms.DateField(required=False, widget=DateInput(), label=_("Due"), validators=[validate_planning_date])
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, review: Review, next_url: str = "", **kwargs):
        kwargs.setdefault("auto_id", f"claim-{review.pk}-%s")
        kwargs.setdefault("initial", {"due": review.due, "next": next_url})
        super().__init__(*args, **kwargs)
        self.helper = helper(
            reverse("reviews:claim", args=[review.pk]),
            "next",
            Field("due", template=COMPACT_FIELD, css_class="form-control form-control-sm"),
            button(named(_("Claim"), review.snapshot.strategy.country.name)),
            css_class="d-flex gap-1 align-items-center",
        )


class ReleaseForm(forms.Form):
    release = forms.BooleanField(**_FLAG)

    def __init__(self, *args, review: Review, **kwargs):
        kwargs.setdefault("auto_id", f"release-{review.pk}-%s")
        super().__init__(*args, **kwargs)
        self.helper = helper(
            reverse("reviews:claim", args=[review.pk]),
            "release",
            button(named(_("Release"), review.snapshot.strategy.country.name), "btn-sm btn-outline-secondary"),
        )


class _VerdictBase(forms.Form):
    """A verdict on one part of a submission: accepted or needs changes, and a comment for the country."""

    status = forms.ChoiceField(label=_("Verdict"), widget=forms.RadioSelect)
    comment = forms.CharField(
        label=_("Comment for the country"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 2, "placeholder": _("Comment for the country (optional)")}),
    )

    def _layout(self, action: str, key: str, label: str = "") -> None:
        text = named(_("Save verdict"), f"({label})") if label else _("Save verdict")
        self.helper = helper(
            action,
            InlineRadios("status"),
            Field("comment", css_class="form-control-sm"),
            StrictButton(text, type="submit", css_class="btn-sm btn-outline-primary"),
            css_class="border-top pt-3 mt-2",
            label_class="visually-hidden",
        )


class VerdictForm(_VerdictBase):
    def __init__(self, *args, review: Review | None = None, key: str = "", verdict=None, **kwargs):
        self.key = key
        kwargs.setdefault("auto_id", f"verdict-{key}-%s")
        if verdict is not None:
            kwargs.setdefault("initial", {"status": verdict.status})
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = SectionReview.Status.choices
        if review is not None:
            section = str(SECTIONS_BY_KEY[key]._meta.verbose_name)
            self._layout(reverse("reviews:verdict", args=[review.pk, key]), key, section)


class ReportVerdictForm(_VerdictBase):
    comment = forms.CharField(
        label=_("Comment for the country"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.TextInput(attrs={"placeholder": _("Comment for the country (optional)")}),
    )

    def __init__(self, *args, submission: ReportSubmission | None = None, part=("", ""), verdict=None, **kwargs):
        key, label = part
        self.key = key
        kwargs.setdefault("auto_id", f"verdict-{key}-%s")
        if verdict is not None:
            kwargs.setdefault("initial", {"status": verdict.status, "comment": verdict.comment})
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ReportVerdict.Status.choices
        if submission is not None:
            self._layout(reverse("reviews:report_verdict", args=[submission.pk, key]), key, label)


class _DecisionBase(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason (required to request changes)"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def _layout(self, action: str) -> None:
        # The page writes its note under the button, inside the same card.
        self.helper = helper(
            action, "decision", Field("reason", css_class="form-control-sm"), button(_("Send decision"), "btn-primary")
        )


class DecisionForm(_DecisionBase):
    # Approving is asked twice: once from the review page, once on the confirmation page that lists the
    # sections without a verdict. Only the second carries this flag.
    confirmed = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, review: Review | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = Review.Decision.choices
        if review is not None:
            self._layout(reverse("reviews:decide", args=[review.pk]))


class ConfirmApprovalForm(forms.Form):
    """The second step of approving: the decision is fixed, only the note can still change."""

    decision = forms.CharField(widget=forms.HiddenInput, initial=Review.Decision.APPROVE)
    confirmed = forms.BooleanField(**_FLAG)
    reason = forms.CharField(
        label=_("Note for the country (optional)"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, review: Review, anyway: bool, **kwargs):
        super().__init__(*args, **kwargs)
        back = reverse("reviews:review", args=[review.pk])
        self.helper = helper(
            reverse("reviews:decide", args=[review.pk]),
            "decision",
            "confirmed",
            "reason",
            Div(
                button(_("Approve anyway") if anyway else _("Approve"), "btn-primary"),
                HTML(f'<a class="btn btn-outline-secondary" href="{back}">{_("Back to the review")}</a>'),
                css_class="d-flex flex-wrap gap-2",
            ),
            css_class="card card-body",
        )


class ReportDecisionForm(_DecisionBase):
    def __init__(self, *args, submission: ReportSubmission | None = None, **kwargs):
        kwargs.setdefault("auto_id", "report-decision-%s")
        super().__init__(*args, **kwargs)
        self.fields["decision"].choices = ReportSubmission.Decision.choices
        if submission is not None:
            self._layout(reverse("reviews:report_decide", args=[submission.pk]))


class TransitionForm(forms.Form):
    """A workflow step on a strategy; the strategy page renders its own buttons for it."""

    action = forms.ChoiceField(choices=[("submit", "submit"), ("withdraw", "withdraw"), ("reopen", "reopen")])
    reason = forms.CharField(required=False, max_length=COMMENT_MAX_CHARS)
    confirmed = forms.BooleanField(required=False)  # submitting is confirmed on a page of its own


class ConfirmSubmitForm(forms.Form):
    """The confirmation page of submitting: the action is fixed, the note for the reviewers can change."""

    action = forms.CharField(widget=forms.HiddenInput, initial="submit")
    confirmed = forms.BooleanField(**_FLAG)
    reason = forms.CharField(
        label=_("Note for the reviewers (optional)"),
        required=False,
        max_length=COMMENT_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        back = reverse("strategies:detail", args=[strategy.pk])
        self.helper = helper(
            reverse("reviews:transition", args=[strategy.pk]),
            "action",
            "confirmed",
            "reason",
            Div(
                button(_("Yes, submit it"), "btn-primary"),
                HTML(f'<a class="btn btn-outline-secondary" href="{back}">{_("Not yet")}</a>'),
                css_class="d-flex flex-wrap gap-2",
            ),
            css_class="card card-body",
        )


class PreferencesForm(forms.Form):
    email_mode = forms.ChoiceField(label=_("E-mail notifications"), widget=forms.RadioSelect)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email_mode"].choices = get_user_model().EmailMode.choices
        self.fields["email_mode"].initial = user.email_mode
        self.helper = helper(
            reverse("reviews:notifications"),
            HTML(f'<h2 class="h6">{_("E-mail")}</h2>'),
            "email_mode",
            button(_("Save"), "btn-sm btn-primary mt-2"),
            css_class="card card-body",
        )


class MarkReadForm(forms.Form):
    mark_read = forms.BooleanField(**_FLAG)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = helper(
            reverse("reviews:notifications"), "mark_read", button(_("Mark all as read"), "btn-sm btn-outline-secondary")
        )
