"""The comparison pages' filters: GET forms rendered field by field with crispy inside the pages' own layout.

A filter never refuses a page: a country code nobody offered simply matches no country (as a hand-edited
address did before), and an unknown audience or status falls back to "all"."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from comparisons import services
from strategies.models import Strategy


class CountryCodesField(forms.MultipleChoiceField):
    """?country= codes, offered as check boxes; cleaned to the set of codes asked for, offered or not."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value) -> list[str]:
        return sorted(services.country_codes([str(v) for v in super().to_python(value)]))

    def validate(self, value) -> None:
        pass  # a code not offered (no version the user may see) matches nothing, as it always did


class LenientChoiceField(forms.ChoiceField):
    """A drop-down of a GET filter: an unknown value means no filter."""

    def clean(self, value):
        try:
            return super().clean(value)
        except ValidationError:
            return ""


class ScopeForm(forms.Form):
    """Which countries a comparison page shows (and, on the key messages, which audience)."""

    audience = LenientChoiceField(label=_("Audience"), required=False)
    country = CountryCodesField(label=_("Countries to compare"), required=False)

    def __init__(self, data, *, visible, audiences=None, approved_badge: bool = False, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["country"].choices = [
            (v.country.code, _label(v) if approved_badge else v.country.name) for v in visible
        ]
        if audiences:
            self.fields["audience"].choices = _grouped(audiences)
        else:
            del self.fields["audience"]

    def codes(self) -> set[str]:
        return set(self.cleaned_data["country"]) if self.is_valid() else set()

    def chosen_audience(self) -> str:
        return self.cleaned_data.get("audience", "") if self.is_valid() else ""


def _label(view):
    if view.approved:
        return format_html('{} <span class="badge status-approved">{}</span>', view.country.name, _("approved"))
    return view.country.name


def _grouped(choices):
    """services.audience_choices() as Django's choices: ungrouped options first, then one group each."""
    flat = []
    for group, options in choices:
        if group:
            flat.append((group, list(options)))
        else:
            flat.extend(options)
    return flat


class SectionPickForm(forms.Form):
    """The landing page: two to four countries, then a section (the button's formaction picks it)."""

    country = CountryCodesField(label=_("Two to four countries"), required=False)

    def __init__(self, *args, visible, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [(v.country.code, _label(v)) for v in visible]


DASHBOARD_SORTS = ("country", "total", "status", "changed")


class DashboardFilterForm(forms.Form):
    status = LenientChoiceField(
        label=_("Status"), required=False, widget=forms.Select(attrs={"class": "form-select-sm"})
    )
    signatory = forms.BooleanField(label=_("Signatories only"), required=False)
    operational = forms.BooleanField(label=_("Technically operational only"), required=False)
    country = CountryCodesField(label=_("Countries to show"), required=False)
    sort = LenientChoiceField(required=False, choices=[(s, s) for s in DASHBOARD_SORTS], widget=forms.HiddenInput)
    view = LenientChoiceField(required=False, choices=[("", ""), ("running", "running")], widget=forms.HiddenInput)

    def __init__(self, data, *, countries, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["status"].choices = [
            ("", _("Any")),
            *Strategy.Status.choices,
            ("none", _("No strategy yet")),
        ]
        self.fields["country"].choices = [(c.code, c.name) for c in countries]

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "status": data.get("status", ""),
            "signatory": data.get("signatory", False),
            "operational": data.get("operational", False),
            "codes": data.get("country", []),
            "sort": data.get("sort") or "country",
            "view": data.get("view", ""),
        }
