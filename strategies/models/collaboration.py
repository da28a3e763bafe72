"""Working together: history, comments, presence and section assignments."""

from __future__ import annotations

from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils.text import Truncator, capfirst
from django.utils.translation import gettext_lazy as _

from core.html import plain_text
from core.limits import COMMENT_MAX_CHARS, MaxCharsValidator, validate_no_nul, validate_planning_date
from strategies.models.sections import SECTION_CHOICES, SECTIONS_BY_KEY
from strategies.models.strategy import Strategy


class Revision(models.Model):
    """One saved state of a section or a structured row: who, when, which version, and every field's value.

    `target` names what was saved: "section:<key>" or "<model_name>:<pk>". Restoring a revision writes its
    values as a new version, so history only ever grows.
    """

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Edited")
        MERGE = "merge", _("Edited (merged with a colleague's change)")
        RESTORE = "restore", _("Restored an earlier version")
        DELETE = "delete", _("Deleted")

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="revisions")
    target = models.CharField(_("target"), max_length=80, db_index=True)
    version = models.PositiveIntegerField(_("version"))
    action = models.CharField(_("action"), max_length=10, choices=Action.choices, default=Action.UPDATE)
    data = models.JSONField(_("values"), default=dict)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["strategy", "target", "version"])]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.target} v{self.version}"

    @property
    def target_label(self) -> str:
        """What was saved, as people call it: a section's title or the kind of row."""
        kind, _sep, ident = self.target.partition(":")
        if kind == "section":
            model = SECTIONS_BY_KEY.get(ident)
        else:
            try:
                model = apps.get_model("strategies", kind)
            except LookupError:
                model = None
        return str(model._meta.verbose_name) if model else self.target

    #: The field that names a row, per kind of row, in the order they are tried.
    NAMING_FIELDS = ("name", "title", "metric", "role", "item", "message", "description")

    @property
    def item_label(self) -> str:
        """What was saved, named: "Section Objectives", "Risk “Low trust in data sharing…”"."""
        kind = self.target.partition(":")[0]
        if kind == "section":
            return _("Section %(title)s") % {"title": self.target_label}
        label = capfirst(self.target_label)
        for name in self.NAMING_FIELDS:
            value = plain_text(str((self.data or {}).get(name) or ""))
            if value:
                return f"{label} “{Truncator(value).chars(40)}”"
        return label


class Comment(models.Model):
    """A comment in a thread on one section of a strategy; replies point at the thread's first comment."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="comments")
    section_key = models.CharField(_("section"), max_length=40, choices=SECTION_CHOICES)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("thread")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("author")
    )
    body = models.TextField(
        _("comment"),
        max_length=COMMENT_MAX_CHARS,
        validators=[MaxCharsValidator(COMMENT_MAX_CHARS), validate_no_nul],
    )
    # Reviewers' comments are written on a submitted snapshot; editors answer and resolve them like any other.
    from_review = models.BooleanField(_("review comment"), default=False)
    snapshot_number = models.PositiveIntegerField(_("on submission"), null=True, blank=True)
    mentions = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="mentioned_in")
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["strategy", "section_key"])]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:60]

    @property
    def is_resolved(self) -> bool:
        return self.resolved_at is not None


class Presence(models.Model):
    """Who has which section open for editing; kept in the database so every server process sees it."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="+")
    section_key = models.CharField(max_length=40)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    last_seen = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["strategy", "section_key", "user"], name="one_presence_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} in {self.section_key}"


class SectionAssignment(models.Model):
    """A lead gives a section to a colleague, with a due date."""

    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="assignments")
    section_key = models.CharField(_("section"), max_length=40, choices=SECTION_CHOICES)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="section_assignments",
        verbose_name=_("assignee"),
    )
    due = models.DateField(_("due"), null=True, blank=True, validators=[validate_planning_date])
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["strategy", "section_key"], name="one_assignee_per_section")]
        verbose_name = _("section assignment")
        verbose_name_plural = _("section assignments")

    def __str__(self) -> str:
        return f"{self.section_key} → {self.assignee}"
