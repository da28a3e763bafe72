"""A country's communications and engagement strategy: the twelve template sections and the structured parts.

Every section and every structured row carries an `edit_version` counter and who last changed it, so that
saves built on a stale version can be detected and merged instead of silently overwriting a colleague.
Writes go through strategies/services.py; the models hold single-object rules only.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import Country
from core.limits import validate_no_nul, validate_planning_date

ACTION_PAST = {
    "submit": _("submitted"),
    "withdraw": _("withdrawn"),
    "request_changes": _("sent back for changes"),
    "approve": _("approved"),
    "reopen": _("reopened"),
}


class StrategyQuerySet(models.QuerySet):
    def for_user(self, user) -> StrategyQuerySet:
        """The strategies `user` may see at all (the rules: accounts/policy.py)."""
        return policy.visible_strategies(user, self)


class Strategy(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="strategies", verbose_name=_("country"))
    title = models.CharField(_("title"), max_length=200)
    period_start = models.DateField(_("period starts"), null=True, blank=True, validators=[validate_planning_date])
    period_end = models.DateField(_("period ends"), null=True, blank=True, validators=[validate_planning_date])
    language = models.CharField(_("language"), max_length=8, default="en", help_text=_("ISO 639-1 code."))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(_("version"), default=1)
    # The country's contact for this strategy: the contact page of its PDF (not the guide's authors).
    contact_name = models.CharField(
        _("national contact"),
        max_length=200,
        blank=True,
        help_text=_("A person, office or team."),
        validators=[validate_no_nul],
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True, validators=[validate_no_nul])
    contact_address = models.TextField(
        _("contact address"),
        max_length=1000,
        blank=True,
        help_text=_("Organisation and postal address."),
        validators=[validate_no_nul],
    )
    #: Counts saves of the details above (title, period, contact), for conflict detection and history.
    edit_version = models.PositiveIntegerField(_("edit version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = StrategyQuerySet.as_manager()

    class Meta:
        ordering = ["country__name", "-created_at"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return f"{self.title} ({self.country.code}, v{self.version})"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})
        self.language = (self.language or "").strip().lower()
        if self.country_id and self.language:
            allowed = self.country.allowed_languages
            if self.language not in allowed:
                raise ValidationError(
                    {
                        "language": _("%(lang)s is not a language of %(country)s (allowed: %(allowed)s).")
                        % {"lang": self.language, "country": self.country, "allowed": ", ".join(sorted(allowed))}
                    }
                )

    # The review workflow: action -> (states it may start from, state it leads to, who may take it).
    # "country" = the country's lead (or an admin); "reviewer" = a Special Group reviewer (or an admin).
    TRANSITIONS = {
        "submit": ((Status.DRAFT, Status.CHANGES_REQUESTED), Status.SUBMITTED, "country"),
        "withdraw": ((Status.SUBMITTED,), Status.DRAFT, "country"),
        "request_changes": ((Status.SUBMITTED,), Status.CHANGES_REQUESTED, "reviewer"),
        "approve": ((Status.SUBMITTED,), Status.APPROVED, "reviewer"),
        "reopen": ((Status.APPROVED,), Status.DRAFT, "country"),
    }

    def check_transition(self, action: str) -> str:
        """The state `action` leads to from the current one; ValidationError with a message if it cannot."""
        if action not in self.TRANSITIONS:
            raise ValidationError(_("Unknown action."))
        sources, target, _who = self.TRANSITIONS[action]
        if self.status not in sources:
            raise ValidationError(
                _("A strategy that is “%(status)s” cannot be %(action)s.")
                % {"status": self.get_status_display(), "action": ACTION_PAST.get(action, action)}
            )
        return target

    def available_actions(self) -> list[str]:
        return [action for action, (sources, _t, _w) in self.TRANSITIONS.items() if self.status in sources]

    @property
    def period_label(self) -> str:
        if self.period_start and self.period_end:
            return f"{self.period_start:%b %Y} – {self.period_end:%b %Y}"
        return ""

    def sections(self) -> list:
        """The twelve sections and the appendices, in template order (one query each unless prefetched)."""
        from strategies.models.sections import SECTION_MODELS

        return [getattr(self, model.related_name()) for model in SECTION_MODELS]

    def template_sections(self) -> list:
        """The twelve template sections only (what completeness is measured on)."""
        from strategies.models.sections import TEMPLATE_SECTIONS

        return [getattr(self, model.related_name()) for model in TEMPLATE_SECTIONS]
