"""The strategy import's forms: where it comes from, then which of one's own answers and rows it overwrites."""

from __future__ import annotations

from crispy_forms.helper import FormHelper
from crispy_forms.layout import HTML, Div, Layout
from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from exports import exchange
from reviews.models import Snapshot
from strategies.forms import submit_button


class ImportSourceForm(forms.Form):
    """Where the import comes from: another country's approved strategy here, or a file."""

    snapshot = forms.ModelChoiceField(
        queryset=Snapshot.objects.none(),
        required=False,
        label=gettext_lazy("An approved strategy of another country"),
        empty_label=gettext_lazy("— choose —"),
    )
    file = forms.FileField(
        required=False,
        label=gettext_lazy("Or a strategy file (JSON) exported from this or another planner"),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def __init__(self, *args, snapshots, strategy, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["snapshot"].queryset = snapshots
        self.fields["snapshot"].label_from_instance = lambda s: exchange.origin_label(
            country=s.strategy.country, title=s.data.get("title", ""), version=s.version, state="approved"
        )
        self.helper = FormHelper()
        self.helper.form_method = "post"
        self.helper.form_class = "card card-body"
        self.helper.attrs = {"enctype": "multipart/form-data"}
        cancel = reverse("strategies:detail", args=[strategy.pk])
        self.helper.layout = Layout(
            "snapshot",
            "file",
            Div(
                submit_button(_("Show what would be imported"), "btn-primary"),
                HTML(f'<a class="btn btn-link" href="{cancel}">{_("Cancel")}</a>'),
            ),
        )

    def clean(self):
        data = super().clean()
        if bool(data.get("snapshot")) == bool(data.get("file")):
            raise ValidationError(_("Choose an approved strategy or a file (one of the two)."))
        return data


class ImportConfirmForm(forms.Form):
    """The preview's form: the file (sent back as it was read), and a tick per answer or row it would
    overwrite. Only the offered ticks are accepted."""

    payload = forms.CharField(widget=forms.HiddenInput, strip=False)
    confirm = forms.CharField(required=False, widget=forms.HiddenInput, initial="1")
    overwrite = forms.MultipleChoiceField(
        required=False, widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})
    )

    def __init__(self, *args, plan: exchange.ImportPlan, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["overwrite"].choices = [(c.key, c.what) for c in plan.overwrites]

    @property
    def confirmed(self) -> bool:
        return self.cleaned_data.get("confirm") == "1"

    def boxes(self) -> dict:
        """Each overwrite tick by its change's key, to place it in that change's row of the preview."""
        return {box.data["value"]: box for box in self["overwrite"]}
