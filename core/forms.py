"""Forms shared by the apps' admins."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class VersionedAdminForm(forms.ModelForm):
    """An admin change form that remembers the `edit_version` it showed and refuses a save built on an older
    one (the text typed stays in the form): the admin's side of the optimistic saving every editor uses."""

    base_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["base_version"].required = True
            self.fields["base_version"].initial = self.instance.edit_version

    def clean(self):
        cleaned = super().clean()
        base = cleaned.get("base_version")
        if self.instance.pk and base is not None and base != self.instance.edit_version:
            raise ValidationError(
                _(
                    "%(who)s saved this meanwhile (version %(now)s; this form showed version %(base)s). Nothing "
                    "was saved and your text is still below: open this page again in another tab to see their "
                    "change, then save yours on top of it."
                )
                % {
                    "who": getattr(self.instance, "updated_by", None) or _("Someone"),
                    "now": self.instance.edit_version,
                    "base": base,
                },
                code="stale",
            )
        return cleaned
