"""The review workflow: frozen snapshots, reviews with per-section decisions, the event timeline and
notifications. A strategy's state machine itself lives on Strategy (check_transition)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.limits import COMMENT_MAX_CHARS, MaxCharsValidator, validate_no_nul, validate_planning_date
from strategies.models import SECTION_CHOICES, Strategy

REASON_VALIDATORS = [MaxCharsValidator(COMMENT_MAX_CHARS), validate_no_nul]


class Snapshot(models.Model):
    """Everything a strategy contained when it was submitted, frozen. Reviewers read this, never the draft."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="snapshots")
    number = models.PositiveIntegerField(_("submission number"))
    version = models.PositiveIntegerField(_("strategy version"))
    data = models.JSONField(_("content"))
    section_hashes = models.JSONField(_("section fingerprints"), default=dict)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True)

    class Meta:
        ordering = ["strategy", "-number"]
        constraints = [models.UniqueConstraint(fields=["strategy", "number"], name="one_snapshot_number")]
        verbose_name = _("snapshot")
        verbose_name_plural = _("snapshots")

    def __str__(self) -> str:
        return f"{self.strategy} – submission {self.number}"

    def save(self, *args, **kwargs):
        # Integrity, not business logic: a snapshot is evidence of what was submitted and never changes.
        if self.pk and type(self).objects.filter(pk=self.pk).exists():
            raise ValueError("Snapshots are immutable.")
        super().save(*args, **kwargs)

    def section(self, key: str) -> dict:
        return self.data.get("sections", {}).get(key, {})


class Review(models.Model):
    """The Special Group's review of one snapshot: who claimed it, by when, and the decision."""

    class Decision(models.TextChoices):
        APPROVE = "approve", _("Approve")
        REQUEST_CHANGES = "request_changes", _("Request changes")

    snapshot = models.OneToOneField(Snapshot, on_delete=models.CASCADE, related_name="review")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reviews",
        verbose_name=_("claimed by"),
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    due = models.DateField(_("due"), null=True, blank=True, validators=[validate_planning_date])
    reminded_on = models.DateField(null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices, blank=True)
    reason = models.TextField(_("reason"), blank=True, validators=REASON_VALIDATORS)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["snapshot__created_at"]
        verbose_name = _("review")
        verbose_name_plural = _("reviews")

    def __str__(self) -> str:
        return f"Review of {self.snapshot}"

    @property
    def is_open(self) -> bool:
        return self.completed_at is None


class SectionReview(models.Model):
    """A reviewer's verdict on one section of a snapshot. Carried over to the next submission when the
    section did not change, so reviewers re-read only what changed."""

    class Status(models.TextChoices):
        ACCEPTED = "accepted", _("Accepted")
        NEEDS_CHANGES = "needs_changes", _("Needs changes")

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="sections")
    section_key = models.CharField(_("section"), max_length=40, choices=SECTION_CHOICES)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    carried_over = models.BooleanField(_("carried over unchanged"), default=False)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "section_key"], name="one_verdict_per_section")]
        verbose_name = _("section review")
        verbose_name_plural = _("section reviews")

    def __str__(self) -> str:
        return f"{self.section_key}: {self.status}"


class Event(models.Model):
    """One step of the workflow, for the strategy's timeline: who, when, from, to, why."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=20)
    from_status = models.CharField(_("from"), max_length=20)
    to_status = models.CharField(_("to"), max_length=20)
    reason = models.TextField(_("reason"), blank=True, validators=REASON_VALIDATORS)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    snapshot = models.ForeignKey(Snapshot, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("workflow event")
        verbose_name_plural = _("workflow events")

    def __str__(self) -> str:
        return f"{self.strategy}: {self.from_status} → {self.to_status}"

    @property
    def from_label(self) -> str:
        return Strategy.Status(self.from_status).label if self.from_status else ""

    @property
    def to_label(self) -> str:
        return Strategy.Status(self.to_status).label


class Notification(models.Model):
    """A message in the app (the bell) and, by the user's choice, by e-mail at once or in a daily digest."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    strategy = models.ForeignKey(Strategy, null=True, on_delete=models.CASCADE, related_name="+")
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    #: Set once the e-mail went out; stays empty while it has not (not wanted yet, or failed and to be retried).
    emailed_at = models.DateTimeField(null=True, blank=True)
    email_attempts = models.PositiveSmallIntegerField(_("failed e-mail attempts"), default=0)
    email_error = models.CharField(_("last e-mail error"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"])]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return self.subject
