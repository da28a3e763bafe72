"""The factsheet editor's form: the national placeholders, and per key question whether the country uses its
own text, keeps the guide's English on purpose (in a version in another language), and the text itself.
Field names are those the page has always sent: `ph-<key>`, `own-<n>`, `keep-<n>`, `text-<n>`."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import GUIDE_LANGUAGE
from core import params
from core.limits import PLACEHOLDER_MAX_CHARS
from factsheets import services
from factsheets.models import Factsheet
from strategies.forms import RichTextWidget


class FactsheetForm(forms.Form):
    edit_version = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, factsheet: Factsheet):
        super().__init__(data, auto_id="%s", initial={"edit_version": factsheet.edit_version})
        self.questions = services.questions_of(factsheet)
        self.translated = factsheet.language != GUIDE_LANGUAGE
        language = services.language_name(factsheet.language)
        for key, label in services.PLACEHOLDERS.items():
            # The length is checked by the service, which names the field; the box stops people typing more.
            self.fields[f"ph-{key}"] = forms.CharField(
                label=label,
                required=False,
                initial=factsheet.placeholders.get(key, ""),
                widget=forms.TextInput(attrs={"maxlength": PLACEHOLDER_MAX_CHARS, "class": "form-control-sm"}),
            )
        for question in self.questions:
            answer = factsheet.answers.get(str(question.number), {})
            own_label = (
                _("Use our own text in %(language)s (otherwise the guide's shared English text is used)")
                % {"language": language}
                if self.translated
                else _("Use our own text (otherwise the guide's shared text is used)")
            )
            self.fields[f"own-{question.number}"] = forms.BooleanField(
                label=own_label, required=False, initial=answer.get("own", False)
            )
            if self.translated:
                self.fields[f"keep-{question.number}"] = forms.BooleanField(
                    label=_("Keep the guide's English text in the %(language)s version (when not using our own text)")
                    % {"language": language},
                    required=False,
                    initial=answer.get("keep_english", False),
                )
            self.fields[f"text-{question.number}"] = forms.CharField(
                label="",  # the question is the fieldset's legend, and names the editor
                required=False,
                strip=False,
                initial=answer.get("text", "") or question.answer,
                widget=RichTextWidget(label=question.question),
            )

    def clean_edit_version(self) -> int:
        try:
            return params.edit_version(self.cleaned_data.get("edit_version"))
        except params.InvalidInput as error:
            raise ValidationError(str(error), code="damaged") from None

    @property
    def damaged_version(self) -> bool:
        return "edit_version" in self.errors

    def placeholder_fields(self) -> list:
        return [self[f"ph-{key}"] for key in services.PLACEHOLDERS]

    def question_fields(self) -> list[dict]:
        """Per question: the question and its bound fields (`keep` only in a version in another language)."""
        return [
            {
                "question": q,
                "own": self[f"own-{q.number}"],
                "keep": self[f"keep-{q.number}"] if self.translated else None,
                "text": self[f"text-{q.number}"],
            }
            for q in self.questions
        ]

    def posted(self) -> tuple[dict, dict]:
        """(answers, placeholders) as the services take them: the valid values, and for a refused field what
        was typed (so it stays on screen; the page sanitises rich text before showing it)."""

        def value(name):
            if name in getattr(self, "cleaned_data", {}):
                return self.cleaned_data[name]
            return self[name].value() if name in self.fields else None

        answers = {
            str(q.number): {
                "own": bool(value(f"own-{q.number}")),
                "text": value(f"text-{q.number}") or "",
                "keep_english": bool(value(f"keep-{q.number}")),
            }
            for q in self.questions
        }
        placeholders = {key: value(f"ph-{key}") or "" for key in services.PLACEHOLDERS}
        return answers, placeholders
