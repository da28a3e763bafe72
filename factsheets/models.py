"""The two factsheet templates of appendix IV and each country's adaptations of them. The key-information
questions they are built from (section 4) are guide content: guide.models.KeyQuestion."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import validate_no_nul


class FactsheetTemplate(models.Model):
    """A factsheet of appendix IV: which key questions (guide.KeyQuestion numbers) it uses, in which order, for
    which audience."""

    class Audience(models.TextChoices):
        CITIZENS = "citizens", _("Citizens")
        PROFESSIONALS = "professionals", _("Healthcare professionals")

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices, unique=True)
    question_numbers = models.JSONField(_("questions, in order"), default=list)
    voice = models.TextField(_("in whose words"), blank=True, help_text=_("How to write for this audience."))

    class Meta:
        ordering = ["key"]
        verbose_name = _("factsheet template")
        verbose_name_plural = _("factsheet templates")

    def __str__(self) -> str:
        return self.title


class Factsheet(models.Model):
    """A country's adaptation of one factsheet template in one of its languages."""

    country = models.ForeignKey(
        "accounts.Country", on_delete=models.CASCADE, related_name="factsheets", verbose_name=_("country")
    )
    template = models.ForeignKey(
        FactsheetTemplate, on_delete=models.PROTECT, related_name="factsheets", verbose_name=_("factsheet")
    )
    language = models.CharField(_("language"), max_length=8, default="en")
    #: {"<question number>": {"own": bool, "text": "<html>"}}; questions absent or not "own" use the guide's text.
    answers = models.JSONField(_("answers"), default=dict, blank=True, validators=[validate_no_nul])
    #: {"country": "...", "national_website": "...", "national_timescales": "..."}
    placeholders = models.JSONField(_("placeholder values"), default=dict, blank=True, validators=[validate_no_nul])
    edit_version = models.PositiveIntegerField(_("edit version"), default=1)
    updated_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["country__name", "template__key", "language"]
        constraints = [
            models.UniqueConstraint(fields=["country", "template", "language"], name="one_factsheet_per_language")
        ]
        verbose_name = _("country factsheet")
        verbose_name_plural = _("country factsheets")

    def __str__(self) -> str:
        return f"{self.template.title} – {self.country} ({self.language})"

    def clean(self) -> None:
        # Checked when a version is started; one the country no longer lists stays editable.
        if self._state.adding and self.country_id and self.language not in self.country.allowed_languages:
            raise ValidationError(
                {
                    "language": _("%(lang)s is not a language of %(country)s.")
                    % {"lang": self.language, "country": self.country}
                }
            )
