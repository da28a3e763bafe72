"""Running an approved strategy (the guide's Execute → Monitor → Evaluate and report): KPI readings, risk
reviews, success stories, progress reports with their frozen submissions and verdicts, and the lessons
learnt that a next version of the strategy takes up.

Rank 1.5: above `strategies` (whose KPIs, risks and tasks these follow), below `reviews` (which runs a
report through the review workflow and owns notifications). Writes go through monitoring/services.py (data
entry) and reviews/report_services.py (the workflow steps); single-object rules live here.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import (
    COMMENT_MAX_CHARS,
    MaxCharsValidator,
    row_text_validators,
    validate_no_nul,
    validate_planning_date,
)
from strategies.models import KPI, SECTION_CHOICES, Risk, Strategy

SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class KPIReading(models.Model):
    """One measured value of a KPI, for the period ending on `date`."""

    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="readings", verbose_name=_("KPI"))
    date = models.DateField(
        _("measured on"),
        validators=[validate_planning_date],
        help_text=_("The last day of the period this value covers."),
    )
    period = models.CharField(
        _("period"), max_length=100, blank=True, help_text=_("For example “Q1 2026”."), validators=[validate_no_nul]
    )
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4)
    note = models.TextField(_("note"), blank=True, validators=row_text_validators())
    evidence_url = models.URLField(_("evidence (link)"), blank=True, max_length=500)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kpi", "date", "id"]
        verbose_name = _("KPI reading")
        verbose_name_plural = _("KPI readings")

    def __str__(self) -> str:
        return f"{self.kpi}: {self.value} ({self.date})"


class RiskReview(models.Model):
    """A risk's likelihood and impact reassessed on a date; `occurred` with what was done about it."""

    risk = models.ForeignKey(Risk, on_delete=models.CASCADE, related_name="reviews", verbose_name=_("risk"))
    date = models.DateField(_("reviewed on"), validators=[validate_planning_date])
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE)
    occurred = models.BooleanField(_("the risk occurred"), default=False)
    action_taken = models.TextField(_("what was done"), blank=True, validators=row_text_validators())
    note = models.TextField(_("note"), blank=True, validators=row_text_validators())
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["risk", "date", "id"]
        verbose_name = _("risk review")
        verbose_name_plural = _("risk reviews")

    def __str__(self) -> str:
        return f"{self.risk}: {self.likelihood}×{self.impact} ({self.date})"

    def clean(self) -> None:
        if self.occurred and not (self.action_taken or "").strip():
            raise ValidationError({"action_taken": _("Say what was done about it.")})

    @property
    def score(self) -> int:
        return self.likelihood * self.impact


class SuccessStory(models.Model):
    """The guide's “gather success stories from the secondary use of data”."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="stories")
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_nul])
    what_happened = models.TextField(_("what happened"), validators=row_text_validators())
    for_whom = models.CharField(_("for whom"), max_length=300, blank=True, validators=[validate_no_nul])
    source = models.CharField(_("source"), max_length=300, blank=True, validators=[validate_no_nul])
    consent_to_share = models.BooleanField(
        _("consent to share"),
        default=False,
        help_text=_("The people concerned agreed that it is shared with other 1+MG countries."),
    )
    published_at = models.URLField(_("where published (link)"), blank=True, max_length=500)
    date = models.DateField(_("date"), null=True, blank=True, validators=[validate_planning_date])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("success story")
        verbose_name_plural = _("success stories")

    def __str__(self) -> str:
        return self.title


class ProgressReport(models.Model):
    """A progress report for a period: drafted from the monitoring data, completed with the country's findings
    and lessons, and reviewed by the Special Group like a strategy (submit → verdicts → approve)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("In review")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        APPROVED = "approved", _("Approved")

    # action -> (states it may start from, state it leads to, who may take it): as Strategy.TRANSITIONS.
    TRANSITIONS = {
        "submit": (("draft", "changes_requested"), "submitted", "country"),
        "withdraw": (("submitted",), "draft", "country"),
        "request_changes": (("submitted",), "changes_requested", "reviewer"),
        "approve": (("submitted",), "approved", "reviewer"),
    }

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="reports")
    title = models.CharField(_("title"), max_length=200, validators=[validate_no_nul])
    period_start = models.DateField(_("period starts"), validators=[validate_planning_date])
    period_end = models.DateField(_("period ends"), validators=[validate_planning_date])
    findings = models.TextField(_("findings"), blank=True, validators=row_text_validators())
    #: The monitoring data of the period as people read it (KPIs, action plan, content, risks, stories),
    #: drafted by monitoring.selectors.report_data and refreshed on request while the report is a draft.
    data = models.JSONField(_("monitoring data"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    strategy_version = models.PositiveIntegerField(_("strategy version"), default=1)
    edit_version = models.PositiveIntegerField(_("edit version"), default=1)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_end", "-id"]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self) -> str:
        return f"{self.title} ({self.strategy.country.code})"

    def clean(self) -> None:
        if self.period_start and self.period_end and self.period_end < self.period_start:
            raise ValidationError({"period_end": _("The period cannot end before it starts.")})

    def check_transition(self, action: str) -> str:
        if action not in self.TRANSITIONS:
            raise ValidationError(_("Unknown action."))
        sources, target, _who = self.TRANSITIONS[action]
        if self.status not in sources:
            raise ValidationError(
                _("A report that is “%(status)s” cannot take that step.") % {"status": self.get_status_display()}
            )
        return target

    def available_actions(self) -> list[str]:
        return [action for action, (sources, _t, _w) in self.TRANSITIONS.items() if self.status in sources]

    @property
    def is_editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.CHANGES_REQUESTED)


class Lesson(models.Model):
    """A lesson learnt written in a report; once the report is approved, the strategy's next version lists it
    and the country links it to the section it changed."""

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField(_("lesson learnt"), validators=row_text_validators())
    position = models.PositiveIntegerField(default=0)
    changed_section = models.CharField(
        _("changed section"), max_length=40, choices=SECTION_CHOICES, blank=True, help_text=_("Where it led.")
    )
    changed_in_version = models.PositiveIntegerField(_("in version"), null=True, blank=True)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["report", "position", "id"]
        verbose_name = _("lesson learnt")
        verbose_name_plural = _("lessons learnt")

    def __str__(self) -> str:
        return self.text[:80]


class ReportSubmission(models.Model):
    """What a report contained when it was submitted, frozen; reviewers read this, and its decision."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Request changes")

    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="submissions")
    number = models.PositiveIntegerField(_("submission number"))
    data = models.JSONField(_("content"))
    note = models.TextField(_("note"), blank=True, validators=[MaxCharsValidator(COMMENT_MAX_CHARS), validate_no_nul])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    reason = models.TextField(
        _("reason"), blank=True, validators=[MaxCharsValidator(COMMENT_MAX_CHARS), validate_no_nul]
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["report", "-number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="one_report_submission_number")]
        verbose_name = _("report submission")
        verbose_name_plural = _("report submissions")

    def __str__(self) -> str:
        return f"{self.report} – submission {self.number}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


#: The parts of a report a reviewer gives a verdict on, in reading order.
REPORT_PARTS = [
    ("kpis", _("KPIs")),
    ("action_plan", _("Action plan")),
    ("content", _("Content delivered")),
    ("risks", _("Risks")),
    ("stories", _("Success stories")),
    ("findings", _("Findings")),
    ("lessons", _("Lessons learnt")),
]


class ReportVerdict(models.Model):
    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        NEEDS_CHANGES = "needs_changes", _("Needs changes")

    submission = models.ForeignKey(ReportSubmission, on_delete=models.CASCADE, related_name="verdicts")
    part = models.CharField(_("part"), max_length=20, choices=REPORT_PARTS)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    comment = models.TextField(
        _("comment"), blank=True, validators=[MaxCharsValidator(COMMENT_MAX_CHARS), validate_no_nul]
    )
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["submission", "part"], name="one_verdict_per_report_part")]
        verbose_name = _("report verdict")
        verbose_name_plural = _("report verdicts")

    def __str__(self) -> str:
        return f"{self.part}: {self.status}"


class PanelLink(models.Model):
    """A revocable, expiring link through which an outside panel (a patients' group, a professional society)
    reads one section of the draft and answers a short form, without an account. Only a hash of the token
    is stored: the link is shown once, when it is made."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="panel_links")
    section_key = models.CharField(_("section"), max_length=40, choices=SECTION_CHOICES)
    panel = models.CharField(
        _("panel"), max_length=200, help_text=_("Who reviews it, e.g. a patients' group."), validators=[validate_no_nul]
    )
    token_hash = models.CharField(max_length=64, unique=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answers = models.PositiveIntegerField(_("answers"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("panel link")
        verbose_name_plural = _("panel links")

    def __str__(self) -> str:
        return f"{self.panel} – {self.section_key}"

    def is_usable(self, now) -> bool:
        return self.revoked_at is None and now < self.expires_at


class TaskReminder(models.Model):
    """A reminder sent to a task's owner (so each goes out once: "due" once, "overdue" weekly)."""

    task = models.ForeignKey("strategies.Task", on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=10, choices=[("due", _("due soon")), ("overdue", _("overdue"))])
    sent_on = models.DateField()

    class Meta:
        ordering = ["sent_on", "id"]
        verbose_name = _("task reminder")
        verbose_name_plural = _("task reminders")

    def __str__(self) -> str:
        return f"{self.task} – {self.kind} ({self.sent_on})"


class TaskCompletion(models.Model):
    """When a task of the action plan was marked done (kept by monitoring/receivers.py on every save of a
    task), so "done on time" compares the due date with the day it was done, not with its last edit."""

    task = models.OneToOneField("strategies.Task", on_delete=models.CASCADE, related_name="completion")
    done_on = models.DateField(_("done on"), validators=[validate_planning_date])

    class Meta:
        verbose_name = _("task completion")
        verbose_name_plural = _("task completions")

    def __str__(self) -> str:
        return f"{self.task} – {self.done_on}"
