"""The structured parts of a strategy: segments, messages, channels, content, stakeholders, objectives,
KPIs, risks, roles, budget, the action plan and the recommendation assessments."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import rich_text_validators, row_text_validators, validate_planning_date
from guide.models import Phase, Preset, Recommendation, TemplateTask
from strategies.models.sections import SECTION_CHOICES
from strategies.models.strategy import Strategy
from strategies.presenters import risk_band


class StrategyPart(models.Model):
    """Shared base of the structured rows of a strategy (segments, messages, KPIs, risks, tasks, …)."""

    position = models.PositiveIntegerField(_("position"), default=0)
    edit_version = models.PositiveIntegerField(_("edit version"), default=1)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("last changed by"),
    )
    copied_from = models.CharField(
        _("copied from"),
        max_length=300,
        blank=True,
        help_text=_("The approved strategy this row was reused from (good-practice sharing)."),
    )

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def clean(self) -> None:
        # Rows that point at other rows must stay inside one strategy, or a draft could leak across countries.
        # A row without a strategy yet cannot be compared; full_clean() reports the missing strategy itself,
        # and the forms set the strategy on a new row before validating it (see PartForm).
        if self.strategy_id is None:
            return
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.name in {"strategy", "updated_by", "owner"}:
                continue
            related = getattr(self, field.name, None)
            if related is not None and getattr(related, "strategy_id", self.strategy_id) != self.strategy_id:
                raise ValidationError({field.name: _("This belongs to another strategy.")})


class AudienceSegment(StrategyPart):
    class Group(models.TextChoices):
        CITIZENS = "citizens", _("Citizens")
        PROFESSIONALS = "professionals", _("Healthcare professionals")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="segments")
    group = models.CharField(_("group"), max_length=20, choices=Group.choices)
    name = models.CharField(_("name"), max_length=200)
    #: The guide's citizen or healthcare-professional group this segment belongs to; empty means "other".
    #: Comparisons across countries use this link, never the segment's own wording.
    preset = models.ForeignKey(
        Preset,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=~models.Q(kind="channel"),
        verbose_name=_("group in the guide's lists"),
        help_text=_("Which of the guide's example groups this is, so countries can be compared; “other” if none."),
    )
    description = models.TextField(_("description"), blank=True, validators=row_text_validators())
    needs = models.TextField(_("needs"), blank=True, validators=row_text_validators())
    preferences = models.TextField(_("preferences"), blank=True, validators=row_text_validators())
    hard_to_reach = models.BooleanField(
        _("hard to reach or vulnerable"),
        default=False,
        help_text=_("The guide asks to identify groups that are difficult to reach or vulnerable."),
    )

    class Meta(StrategyPart.Meta):
        verbose_name = _("audience segment")
        verbose_name_plural = _("audience segments")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.preset_id and self.preset.kind != self.group:
            raise ValidationError(
                {
                    "preset": _("“%(example)s” is not in the guide's list of %(group)s: pick one of those, or other.")
                    % {"example": self.preset, "group": self.get_group_display().lower()}
                }
            )


class KeyMessage(StrategyPart):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="messages")
    segment = models.ForeignKey(
        AudienceSegment,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("audience"),
        help_text=_("Leave empty for a general message to every audience."),
    )
    message = models.TextField(_("message"), validators=row_text_validators())
    supporting_points = models.TextField(_("supporting points"), blank=True, validators=row_text_validators())
    evidence = models.TextField(_("evidence"), blank=True, validators=row_text_validators())

    class Meta(StrategyPart.Meta):
        verbose_name = _("key message")
        verbose_name_plural = _("key messages")

    def __str__(self) -> str:
        return self.message[:80]

    @property
    def is_general(self) -> bool:
        return self.segment_id is None


class Channel(StrategyPart):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="channels")
    name = models.CharField(_("name"), max_length=200)
    #: The guide's example channel this is; empty means "other". Comparisons use this link.
    preset = models.ForeignKey(
        Preset,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to={"kind": "channel"},
        verbose_name=_("channel in the guide's list"),
        help_text=_("Which of the guide's example channels this is, so countries can be compared; “other” if none."),
    )
    description = models.TextField(_("description"), blank=True, validators=row_text_validators())

    class Meta(StrategyPart.Meta):
        verbose_name = _("channel")
        verbose_name_plural = _("channels")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.preset_id and self.preset.kind != Preset.Kind.CHANNEL:
            raise ValidationError({"preset": _("Pick one of the guide's example channels, or other.")})


class Tactic(StrategyPart):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="tactics")
    channel = models.ForeignKey(Channel, on_delete=models.CASCADE, related_name="tactics", verbose_name=_("channel"))
    segment = models.ForeignKey(
        AudienceSegment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tactics",
        verbose_name=_("audience"),
    )
    description = models.TextField(_("tactic"), validators=row_text_validators())

    class Meta(StrategyPart.Meta):
        verbose_name = _("tactic")
        verbose_name_plural = _("tactics")

    def __str__(self) -> str:
        return self.description[:80]


class ContentItem(StrategyPart):
    class ContentType(models.TextChoices):
        ARTICLE = "article", _("Article")
        VIDEO = "video", _("Video")
        INFOGRAPHIC = "infographic", _("Infographic")
        SOCIAL_POST = "social_post", _("Social media post")
        NEWSLETTER = "newsletter", _("Newsletter")
        BLOG_POST = "blog_post", _("Blog post")
        WEBINAR = "webinar", _("Webinar")
        PODCAST = "podcast", _("Podcast")
        PRESS_RELEASE = "press_release", _("Press release")
        EVENT = "event", _("Event")
        FACTSHEET = "factsheet", _("Factsheet")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IDEA = "idea", _("Idea")
        PLANNED = "planned", _("Planned")
        IN_PRODUCTION = "in_production", _("In production")
        PUBLISHED = "published", _("Published")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="content_items")
    title = models.CharField(_("title"), max_length=200)
    content_type = models.CharField(_("type"), max_length=20, choices=ContentType.choices)
    channel = models.ForeignKey(Channel, null=True, blank=True, on_delete=models.SET_NULL, related_name="content_items")
    segment = models.ForeignKey(
        AudienceSegment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="content_items",
        verbose_name=_("audience"),
    )
    planned_date = models.DateField(_("planned date"), null=True, blank=True, validators=[validate_planning_date])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.IDEA)
    owner = models.CharField(_("owner"), max_length=200, blank=True)

    class Meta(StrategyPart.Meta):
        ordering = ["planned_date", "position", "id"]
        verbose_name = _("content item")
        verbose_name_plural = _("content items")

    def __str__(self) -> str:
        return self.title


class Stakeholder(StrategyPart):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)
    role = models.TextField(_("role"), blank=True, validators=row_text_validators())
    engagement_activity = models.TextField(_("engagement activity"), blank=True, validators=row_text_validators())
    feedback_mechanism = models.TextField(_("feedback mechanism"), blank=True, validators=row_text_validators())

    class Meta(StrategyPart.Meta):
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.name


class Objective(StrategyPart):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="objectives")
    title = models.CharField(_("objective"), max_length=300)
    description = models.TextField(_("description"), blank=True, validators=row_text_validators())
    alignment = models.TextField(
        _("alignment with 1+MG and the national genomic plan"), blank=True, validators=row_text_validators()
    )

    class Meta(StrategyPart.Meta):
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class KPI(StrategyPart):
    class Frequency(models.TextChoices):
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        QUARTERLY = "quarterly", _("Quarterly")
        BIANNUALLY = "biannually", _("Twice a year")
        ANNUALLY = "annually", _("Annually")
        ONCE = "once", _("Once")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="kpis")
    objective = models.ForeignKey(
        Objective, null=True, blank=True, on_delete=models.SET_NULL, related_name="kpis", verbose_name=_("objective")
    )
    metric = models.CharField(_("metric"), max_length=300)
    baseline = models.CharField(_("baseline"), max_length=200, blank=True)
    target = models.CharField(_("target"), max_length=200, blank=True)
    method = models.CharField(_("method or tool"), max_length=300, blank=True)
    frequency = models.CharField(_("frequency"), max_length=12, choices=Frequency.choices, default=Frequency.QUARTERLY)

    class Meta(StrategyPart.Meta):
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.metric


class Risk(StrategyPart):
    SCALE = [MinValueValidator(1), MaxValueValidator(5)]

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField(_("risk"), validators=row_text_validators())
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=SCALE, default=3)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE, default=3)
    mitigation = models.TextField(_("mitigation"), blank=True, validators=row_text_validators())
    contingency = models.TextField(_("contingency plan"), blank=True, validators=row_text_validators())
    owner = models.CharField(_("owner"), max_length=200, blank=True)

    class Meta(StrategyPart.Meta):
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scores_between_1_and_5",
            )
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def level(self) -> str:
        """low / medium / high, by the matrix bands (strategies.presenters.risk_band)."""
        return risk_band(self.score)


class ImplementationRole(StrategyPart):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=200)
    holder = models.CharField(_("person or organisation"), max_length=200, blank=True)
    responsibilities = models.TextField(_("responsibilities"), blank=True, validators=row_text_validators())

    class Meta(StrategyPart.Meta):
        verbose_name = _("role")
        verbose_name_plural = _("roles and responsibilities")

    def __str__(self) -> str:
        return self.role


class BudgetLine(StrategyPart):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="budget_lines")
    item = models.CharField(_("item"), max_length=200)
    amount = models.DecimalField(
        _("amount"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)], default=0
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    funding_source = models.CharField(_("funding source"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True, validators=row_text_validators())

    class Meta(StrategyPart.Meta):
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self) -> str:
        return self.item


class TaskQuerySet(models.QuerySet):
    def open(self):
        return self.exclude(status=Task.Status.DONE)


class Task(StrategyPart):
    """A task of the action plan; a new strategy starts with the guide's template tasks."""

    class Status(models.TextChoices):
        TODO = "todo", _("To do")
        IN_PROGRESS = "in_progress", _("In progress")
        BLOCKED = "blocked", _("Blocked")
        DONE = "done", _("Done")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="tasks")
    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="subtasks", verbose_name=_("part of")
    )
    template_task = models.ForeignKey(TemplateTask, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True, validators=row_text_validators())
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
        verbose_name=_("owner"),
    )
    start = models.DateField(_("start"), null=True, blank=True, validators=[validate_planning_date])
    due = models.DateField(_("due"), null=True, blank=True, validators=[validate_planning_date])
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.TODO)
    section = models.CharField(_("serves section"), max_length=40, choices=SECTION_CHOICES, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta(StrategyPart.Meta):
        verbose_name = _("task")
        verbose_name_plural = _("tasks")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.start and self.due and self.due < self.start:
            raise ValidationError({"due": _("The due date cannot be before the start.")})
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": _("A task cannot be part of itself.")})
            if self.parent.parent_id:
                raise ValidationError({"parent": _("Sub-tasks cannot have sub-tasks of their own.")})
            if self.parent.phase != self.phase:
                raise ValidationError({"parent": _("A sub-task belongs to the same phase as its task.")})
            if self.pk and self.subtasks.exists():
                raise ValidationError({"parent": _("This task has sub-tasks, so it cannot be part of another task.")})


class RecommendationAssessment(models.Model):
    """How a strategy addresses one of the six B1MG recommendations."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        IN_PLACE = "in_place", _("In place")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="assessments")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("recommendation")
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOT_STARTED)
    evidence = models.TextField(_("how the strategy addresses it"), blank=True, validators=rich_text_validators())
    edit_version = models.PositiveIntegerField(_("edit version"), default=1)
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["recommendation__number"]
        constraints = [
            models.UniqueConstraint(fields=["strategy", "recommendation"], name="one_assessment_per_recommendation")
        ]
        verbose_name = _("recommendation assessment")
        verbose_name_plural = _("recommendation assessments")

    def __str__(self) -> str:
        return f"{self.recommendation} – {self.get_status_display()}"


#: The structured parts, in the order the template introduces them.
PART_MODELS: tuple[type[StrategyPart], ...] = (
    AudienceSegment,
    KeyMessage,
    Channel,
    Tactic,
    ContentItem,
    Stakeholder,
    Objective,
    KPI,
    Risk,
    ImplementationRole,
    BudgetLine,
    Task,
)
