"""The twelve template sections of appendix V and the appendices, one model each."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.html import plain_text
from core.limits import rich_text_validators
from strategies.models.strategy import Strategy


class Section(models.Model):
    """Shared base of the template sections: one row per strategy and section, one field per prompt bullet."""

    key: str = ""
    number: int = 0
    prompt_fields: tuple[str, ...] = ()

    strategy = models.OneToOneField(Strategy, on_delete=models.CASCADE, related_name="%(class)s_section")
    edit_version = models.PositiveIntegerField(_("edit version"), default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    updated_at = models.DateTimeField(_("last changed at"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} – {self.strategy}"

    @property
    def title(self) -> str:
        return str(self._meta.verbose_name)

    @classmethod
    def related_name(cls) -> str:
        return f"{cls._meta.model_name}_section"

    def filled_fields(self) -> list[str]:
        return [name for name in self.prompt_fields if plain_text(getattr(self, name))]

    @property
    def completeness(self) -> int:
        """Percentage of prompts answered. A prompt counts once it has any visible text."""
        if not self.prompt_fields:
            return 100
        return round(100 * len(self.filled_fields()) / len(self.prompt_fields))

    @property
    def is_complete(self) -> bool:
        return self.completeness == 100

    def word_count(self) -> int:
        return sum(len(plain_text(getattr(self, name)).split()) for name in self.prompt_fields)


def _text(label):
    return models.TextField(label, blank=True, validators=rich_text_validators())


class ExecutiveSummary(Section):
    key, number = "executive_summary", 1
    prompt_fields = ("overview", "objectives_and_outcomes")
    overview = _text(_("Brief overview of the strategy"))
    objectives_and_outcomes = _text(_("Key objectives and anticipated outcomes"))

    class Meta:
        verbose_name = _("Executive summary")
        verbose_name_plural = _("Executive summary sections")


class Introduction(Section):
    key, number = "introduction", 2
    prompt_fields = ("background", "purpose", "scope_and_context")
    background = _text(_("Background information"))
    purpose = _text(_("Purpose of the strategy"))
    scope_and_context = _text(_("Scope and context"))

    class Meta:
        verbose_name = _("Introduction")
        verbose_name_plural = _("Introduction sections")


class ObjectivesSection(Section):
    key, number = "objectives", 3
    prompt_fields = ("communication_goals", "alignment")
    communication_goals = _text(_("Clear and specific communication goals"))
    alignment = _text(_("Alignment with 1+MG objectives and national genomic plan"))

    class Meta:
        verbose_name = _("Objectives")
        verbose_name_plural = _("Objectives sections")


class TargetAudienceSection(Section):
    key, number = "target_audience", 4
    prompt_fields = ("audience_segments", "needs_and_preferences")
    audience_segments = _text(_("Identification of key audience segments"))
    needs_and_preferences = _text(_("Audience needs and preferences"))

    class Meta:
        verbose_name = _("Target audience")
        verbose_name_plural = _("Target audience sections")


class KeyMessagesSection(Section):
    key, number = "key_messages", 5
    prompt_fields = ("key_messages", "tailored_messages", "supporting_points")
    key_messages = _text(_("Key messages"))
    tailored_messages = _text(_("Tailored messages for different audiences"))
    supporting_points = _text(_("Supporting points and evidence"))

    class Meta:
        verbose_name = _("Key messages")
        verbose_name_plural = _("Key messages sections")


class ChannelsSection(Section):
    key, number = "channels", 6
    prompt_fields = ("channels", "tactics", "integration")
    channels = _text(_("Communication channels"))
    tactics = _text(_("Specific tactics for each channel"))
    integration = _text(_("Integration and coordination of channels"))

    class Meta:
        verbose_name = _("Channels and tactics")
        verbose_name_plural = _("Channels and tactics sections")


class ContentStrategySection(Section):
    key, number = "content_strategy", 7
    prompt_fields = ("content_types", "calendar", "tone_and_branding")
    content_types = _text(_("Types of content to be created"))
    calendar = _text(_("Content calendar and scheduling"))
    tone_and_branding = _text(_("Tone, style and branding guidelines"))

    class Meta:
        verbose_name = _("Content strategy")
        verbose_name_plural = _("Content strategy sections")


class StakeholderEngagementSection(Section):
    key, number = "stakeholder_engagement", 8
    prompt_fields = ("stakeholders_and_roles", "activities", "feedback_mechanisms")
    stakeholders_and_roles = _text(_("Key stakeholders and their roles"))
    activities = _text(_("Engagement strategies and activities"))
    feedback_mechanisms = _text(_("Feedback and involvement mechanisms"))

    class Meta:
        verbose_name = _("Stakeholder engagement")
        verbose_name_plural = _("Stakeholder engagement sections")


class ImplementationPlanSection(Section):
    key, number = "implementation_plan", 9
    prompt_fields = ("action_plan", "roles_and_responsibilities", "resources_and_budget")
    action_plan = _text(_("Detailed action plan and timeline"))
    roles_and_responsibilities = _text(_("Roles and responsibilities"))
    resources_and_budget = _text(_("Resource allocation and budgeting"))

    class Meta:
        verbose_name = _("Implementation plan")
        verbose_name_plural = _("Implementation plan sections")


class MonitoringEvaluationSection(Section):
    key, number = "monitoring_evaluation", 10
    prompt_fields = ("metrics_and_kpis", "tools_and_methods", "evaluation_and_reporting")
    metrics_and_kpis = _text(_("Metrics and KPIs to measure success"))
    tools_and_methods = _text(_("Tools and methods for monitoring"))
    evaluation_and_reporting = _text(_("Evaluation and reporting processes"))

    class Meta:
        verbose_name = _("Monitoring and evaluation")
        verbose_name_plural = _("Monitoring and evaluation sections")


class RiskManagementSection(Section):
    key, number = "risk_management", 11
    prompt_fields = ("risks_and_challenges", "mitigation", "contingency")
    risks_and_challenges = _text(_("Potential risks and challenges"))
    mitigation = _text(_("Mitigation strategies"))
    contingency = _text(_("Contingency plans"))

    class Meta:
        verbose_name = _("Risk management")
        verbose_name_plural = _("Risk management sections")


class Conclusion(Section):
    key, number = "conclusion", 12
    prompt_fields = ("summary",)
    summary = _text(_("Summary of key points"))

    class Meta:
        verbose_name = _("Conclusion")
        verbose_name_plural = _("Conclusion sections")


class Appendices(Section):
    key, number = "appendices", 13
    prompt_fields = ("additional_resources", "glossary", "contact_information")
    additional_resources = _text(_("Additional resources and templates"))
    glossary = _text(_("Glossary of terms"))
    contact_information = _text(_("Contact information"))

    class Meta:
        verbose_name = _("Appendices")
        verbose_name_plural = _("Appendices")


TEMPLATE_SECTIONS: tuple[type[Section], ...] = (
    ExecutiveSummary,
    Introduction,
    ObjectivesSection,
    TargetAudienceSection,
    KeyMessagesSection,
    ChannelsSection,
    ContentStrategySection,
    StakeholderEngagementSection,
    ImplementationPlanSection,
    MonitoringEvaluationSection,
    RiskManagementSection,
    Conclusion,
)
#: The twelve template sections followed by the appendices: everything a strategy document contains.
SECTION_MODELS: tuple[type[Section], ...] = (*TEMPLATE_SECTIONS, Appendices)
SECTIONS_BY_KEY: dict[str, type[Section]] = {model.key: model for model in SECTION_MODELS}
SECTION_CHOICES = [(model.key, model._meta.verbose_name) for model in SECTION_MODELS]
