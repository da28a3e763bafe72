"""Writes of the monitoring data: keyword-only `<entity>_<verb>`, atomic, `full_clean()`, the strategy marked
changed (its "last change", dashboards and PDF fingerprint move), panel-link use in the audit trail. The
workflow steps of a progress report (submit, verdicts, decisions) are in reviews/report_services.py."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from audit import services as audit
from monitoring import selectors
from monitoring.models import (
    KPIReading,
    Lesson,
    PanelLink,
    ProgressReport,
    RiskReview,
    SuccessStory,
    TaskCompletion,
)
from strategies.models import KPI, SECTIONS_BY_KEY, Comment, Risk, Strategy


def _touch(strategy_id: int) -> None:
    Strategy.objects.filter(pk=strategy_id).update(updated_at=timezone.now())


# --- KPI readings, risk reviews, success stories ---------------------------------------------------------


@transaction.atomic
def reading_add(
    *,
    kpi: KPI,
    user,
    date: datetime.date,
    value: Decimal,
    period: str = "",
    note: str = "",
    evidence_url: str = "",
) -> KPIReading:
    reading = KPIReading(
        kpi=kpi, date=date, value=value, period=period, note=note, evidence_url=evidence_url, created_by=user
    )
    reading.full_clean()
    reading.save()
    _touch(kpi.strategy_id)
    return reading


@transaction.atomic
def reading_delete(*, reading: KPIReading, user) -> None:
    strategy_id = reading.kpi.strategy_id
    reading.delete()
    _touch(strategy_id)


@transaction.atomic
def risk_review_add(
    *,
    risk: Risk,
    user,
    date: datetime.date,
    likelihood: int,
    impact: int,
    occurred: bool = False,
    action_taken: str = "",
    note: str = "",
) -> RiskReview:
    review = RiskReview(
        risk=risk,
        date=date,
        likelihood=likelihood,
        impact=impact,
        occurred=occurred,
        action_taken=action_taken,
        note=note,
        created_by=user,
    )
    review.full_clean()
    review.save()
    _touch(risk.strategy_id)
    return review


STORY_FIELDS = ("title", "what_happened", "for_whom", "source", "consent_to_share", "published_at", "date")


@transaction.atomic
def story_create(*, strategy: Strategy, user, **values) -> SuccessStory:
    story = SuccessStory(strategy=strategy, created_by=user, **{k: v for k, v in values.items() if k in STORY_FIELDS})
    story.full_clean()
    story.save()
    _touch(strategy.pk)
    return story


@transaction.atomic
def story_update(*, story: SuccessStory, user, **values) -> SuccessStory:
    for name in STORY_FIELDS:
        if name in values:
            setattr(story, name, values[name])
    story.full_clean()
    story.save()
    _touch(story.strategy_id)
    return story


@transaction.atomic
def story_delete(*, story: SuccessStory, user) -> None:
    strategy_id = story.strategy_id
    story.delete()
    _touch(strategy_id)


# --- Progress reports (drafting and editing; the workflow is in reviews) ------------------------------------


@transaction.atomic
def report_create(
    *, strategy: Strategy, user, title: str, period_start: datetime.date, period_end: datetime.date
) -> ProgressReport:
    """A new draft report for a period, drafted from the monitoring data of that period."""
    report = ProgressReport(
        strategy=strategy,
        title=title,
        period_start=period_start,
        period_end=period_end,
        strategy_version=strategy.version,
        created_by=user,
    )
    report.full_clean()
    report.data = selectors.report_data(strategy, period_start, period_end)
    report.save()
    _touch(strategy.pk)
    return report


class StaleReport(Exception):
    """The report was saved by someone else since the form was loaded."""


def split_lessons(text: str) -> list[str]:
    """One lesson per line (empty lines and list bullets dropped)."""
    lessons = []
    for line in (text or "").splitlines():
        line = line.strip().lstrip("-•*").strip()
        if line:
            lessons.append(line)
    return lessons


@transaction.atomic
def report_update(
    *,
    report: ProgressReport,
    user,
    title: str,
    findings: str,
    lessons: str,
    base_version: int,
    refresh: bool = False,
) -> ProgressReport:
    """Save the country's text of a draft report; `refresh` drafts the monitoring data again. A save built on
    an older version is refused (StaleReport) so nobody's text is overwritten; the view keeps the text."""
    report = ProgressReport.objects.select_for_update().get(pk=report.pk)
    if not report.is_editable:
        raise StaleReport(_("This report is in review or approved: it can no longer be changed."))
    if report.edit_version != base_version:
        raise StaleReport(_("Someone saved this report meanwhile. Your text is kept below: check it and save again."))
    report.title, report.findings = title, findings
    if refresh:
        report.data = selectors.report_data(report.strategy, report.period_start, report.period_end)
    report.edit_version += 1
    report.full_clean()
    report.save()
    wanted = split_lessons(lessons)
    existing = {lesson.text: lesson for lesson in report.lessons.all()}
    keep = []
    for position, text in enumerate(wanted):
        lesson = existing.get(text) or Lesson(report=report, text=text)
        lesson.position = position
        lesson.full_clean()
        lesson.save()
        keep.append(lesson.pk)
    report.lessons.exclude(pk__in=keep).delete()
    _touch(report.strategy_id)
    return report


@transaction.atomic
def report_delete(*, report: ProgressReport, user) -> None:
    if report.status != ProgressReport.Status.DRAFT or report.submissions.exists():
        raise StaleReport(_("Only a draft that was never submitted can be deleted."))
    report.delete()


@transaction.atomic
def lesson_link(*, lesson: Lesson, section_key: str, user) -> Lesson:
    """Record which section of the strategy a lesson changed ("" to clear the link)."""
    if section_key and section_key not in SECTIONS_BY_KEY:
        raise ValueError("Unknown section")
    lesson.changed_section = section_key
    lesson.changed_in_version = lesson.report.strategy.version if section_key else None
    lesson.linked_by, lesson.linked_at = (user, timezone.now()) if section_key else (None, None)
    lesson.full_clean()
    lesson.save()
    return lesson


# --- Panel review links --------------------------------------------------------------------------------

PANEL_DAYS_DEFAULT = 14
PANEL_DAYS_MAX = 90


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def panel_link_create(*, strategy: Strategy, user, section_key: str, panel: str, days: int) -> tuple[PanelLink, str]:
    """A new link for one section; returns it with its token (shown once: only its hash is stored)."""
    if section_key not in SECTIONS_BY_KEY:
        raise ValueError("Unknown section")
    days = max(1, min(int(days), PANEL_DAYS_MAX))
    token = secrets.token_urlsafe(32)
    link = PanelLink(
        strategy=strategy,
        section_key=section_key,
        panel=panel,
        token_hash=token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=days),
        created_by=user,
    )
    link.full_clean()
    link.save()
    audit.record(
        audit.AuditEvent.Action.PANEL,
        summary=f"{strategy.country.code}: panel link for “{section_key}” opened to {panel} ({days} days)",
        user=user,
        target=f"panel:{link.pk}",
        details={"event": "created", "section": section_key, "days": days},
    )
    return link, token


@transaction.atomic
def panel_link_revoke(*, link: PanelLink, user) -> PanelLink:
    if link.revoked_at is None:
        link.revoked_at = timezone.now()
        link.save(update_fields=["revoked_at"])
        audit.record(
            audit.AuditEvent.Action.PANEL,
            summary=f"{link.strategy.country.code}: panel link for {link.panel} closed",
            user=user,
            target=f"panel:{link.pk}",
            details={"event": "revoked"},
        )
    return link


def panel_link_for(token: str) -> PanelLink | None:
    """The usable link for a token (None when unknown, expired or closed)."""
    link = PanelLink.objects.select_related("strategy__country").filter(token_hash=token_hash(token or "")).first()
    if link is None or not link.is_usable(timezone.now()):
        return None
    return link


def panel_link_used(*, link: PanelLink, request=None) -> None:
    audit.record(
        audit.AuditEvent.Action.PANEL,
        summary=f"{link.strategy.country.code}: panel {link.panel} read “{link.section_key}”",
        target=f"panel:{link.pk}",
        details={"event": "read"},
        request=request,
    )


CLEAR_CHOICES = [("yes", _("Yes")), ("partly", _("Partly")), ("no", _("No"))]


@transaction.atomic
def panel_answer(*, link: PanelLink, clear: str, missing: str, comment: str, request=None) -> Comment:
    """The panel's answer, as a comment on the section for the country's editors (who resolve it)."""
    link = PanelLink.objects.select_for_update().get(pk=link.pk)
    if not link.is_usable(timezone.now()):
        raise PermissionError("closed")
    labels = dict(CLEAR_CHOICES)
    lines = [
        _("Panel review by %(panel)s") % {"panel": link.panel},
        _("Is it clear? %(answer)s") % {"answer": labels.get(clear, "")},
    ]
    if missing.strip():
        lines.append(_("What is missing: %(text)s") % {"text": missing.strip()})
    if comment.strip():
        lines.append(_("Comment: %(text)s") % {"text": comment.strip()})
    note = Comment(strategy=link.strategy, section_key=link.section_key, author=None, body="\n".join(lines))
    note.full_clean(exclude=["author"])  # an outside panel has no account
    note.save()
    link.answers += 1
    link.save(update_fields=["answers"])
    audit.record(
        audit.AuditEvent.Action.PANEL,
        summary=f"{link.strategy.country.code}: panel {link.panel} answered on “{link.section_key}”",
        target=f"panel:{link.pk}",
        details={"event": "answered", "comment": note.pk},
        request=request,
    )
    return note


@transaction.atomic
def task_done_on_set(*, task, done_on: datetime.date, user) -> None:
    """Record the day a done task was done (when it was marked done later than it was finished)."""
    completion = TaskCompletion(task=task, done_on=done_on)
    completion.full_clean(exclude=["task"])
    TaskCompletion.objects.update_or_create(task=task, defaults={"done_on": done_on})
    _touch(task.strategy_id)
