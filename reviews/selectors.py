"""Reads of the review pages: the inbox, a review's rows with their verdicts and comments, what a submission
still lacks, and who may reuse an approved row."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce

from accounts import policy
from guide.models import SectionPrompt, SectionTemplate
from monitoring.models import ProgressReport, ReportSubmission
from reviews.models import Notification, Review, SectionReview, Snapshot
from strategies.diffs import html_diff
from strategies.forms import PART_KINDS
from strategies.models import TEMPLATE_SECTIONS, Comment, Strategy
from strategies.selectors import snapshot_content_fields

#: The inbox lists submissions by number, version, date and author, never their frozen content.
_CONTENT = snapshot_content_fields("snapshot__")


def inbox_waiting() -> QuerySet[Review]:
    """Submissions waiting for a decision, oldest first, each with the number of sections already accepted
    (a subquery: a count joined and grouped over the snapshot's columns cost more than the page). The inbox
    shows a submission's number, version, date and author, never its frozen content, so that is deferred."""
    accepted = (
        SectionReview.objects.filter(review=OuterRef("pk"), status="accepted")
        .order_by()
        .values("review")
        .annotate(n=Count("id"))
        .values("n")
    )
    return (
        Review.objects.filter(completed_at__isnull=True, snapshot__strategy__status=Strategy.Status.SUBMITTED)
        .select_related("snapshot__strategy__country", "snapshot__created_by", "reviewer")
        .defer(*_CONTENT)
        .annotate(accepted=Coalesce(Subquery(accepted, output_field=IntegerField()), 0))
        .order_by("snapshot__created_at")
    )


def inbox_decided(limit: int = 15) -> QuerySet[Review]:
    return (
        Review.objects.filter(completed_at__isnull=False)
        .exclude(decision="")
        .select_related("snapshot__strategy__country", "reviewer")
        .defer(*_CONTENT)
        .order_by("-completed_at")[:limit]
    )


def waiting_reports() -> QuerySet[ReportSubmission]:
    """Submitted progress reports waiting for a decision, oldest first (for the reviewer inbox)."""
    return (
        ReportSubmission.objects.filter(completed_at__isnull=True, report__status=ProgressReport.Status.SUBMITTED)
        .select_related("report__strategy__country", "created_by")
        .order_by("created_at")
    )


def previous_review(review: Review) -> Review | None:
    """The last decided review of an earlier submission of the same strategy: the changes are shown against it."""
    return (
        Review.objects.filter(
            snapshot__strategy=review.snapshot.strategy,
            snapshot__number__lt=review.snapshot.number,
            completed_at__isnull=False,
        )
        .exclude(decision="")
        .select_related("snapshot")
        .order_by("-snapshot__number")
        .first()
    )


def section_rows(snapshot: Snapshot, previous: Snapshot | None) -> list[dict]:
    """One row per template section: its prompts with the submitted answers (and their diff to `previous`)."""
    prompts: dict[str, list[SectionPrompt]] = {}
    for prompt in SectionPrompt.objects.select_related("section"):
        prompts.setdefault(prompt.section.key, []).append(prompt)
    rows = []
    for template in SectionTemplate.objects.all():
        values = snapshot.section(template.key)
        old = previous.section(template.key) if previous else None
        changed = previous is None or snapshot.section_hashes.get(template.key) != previous.section_hashes.get(
            template.key
        )
        fields = [
            {
                "prompt": p.prompt,
                "value": values.get(p.field, ""),
                "diff": html_diff(old.get(p.field, ""), values.get(p.field, "")) if old is not None and changed else "",
            }
            for p in prompts.get(template.key, [])
        ]
        rows.append({"template": template, "key": template.key, "fields": fields, "changed": changed})
    return rows


def review_rows(review: Review, previous: Review | None) -> list[dict]:
    """The section rows of a review with each section's verdict and the review comments on it."""
    rows = section_rows(review.snapshot, previous.snapshot if previous else None)
    verdicts = {v.section_key: v for v in review.sections.all()}
    comments: dict[str, list[Comment]] = {}
    for comment in (
        Comment.objects.filter(strategy=review.snapshot.strategy, from_review=True)
        .select_related("author", "resolved_by")
        .prefetch_related("replies__author")
        .order_by("created_at")
    ):
        comments.setdefault(comment.section_key, []).append(comment)
    for row in rows:
        row["verdict"] = verdicts.get(row["key"])
        row["comments"] = comments.get(row["key"], [])
    return rows


def unreviewed_sections(review: Review) -> list[SectionTemplate]:
    """The template sections (and appendices) that have no verdict in this review yet."""
    judged = set(review.sections.values_list("section_key", flat=True))
    return [template for template in SectionTemplate.objects.all() if template.key not in judged]


def snapshot_parts(snapshot: Snapshot) -> list[dict]:
    """The structured rows a snapshot froze, per kind, with the kind's title and field labels."""
    labels = {}
    for kind, (model, fields) in PART_KINDS.items():
        labels[kind] = (
            str(model._meta.verbose_name_plural),
            [(name, str(model._meta.get_field(name).verbose_name)) for name in fields],
        )
    result = []
    for kind, rows in snapshot.data.get("parts", {}).items():
        if kind not in labels or not rows:
            continue
        title, fields = labels[kind]
        result.append({"kind": kind, "title": title, "fields": fields, "rows": rows})
    return result


def submit_readiness(strategy: Strategy) -> dict:
    """What submitting would freeze that is not finished: incomplete sections and open comment threads."""
    relations = [model.related_name() for model in TEMPLATE_SECTIONS]
    strategy = Strategy.objects.select_related("country", *relations).get(pk=strategy.pk)
    titles = dict(SectionTemplate.objects.values_list("key", "title"))
    incomplete = [
        {"key": section.key, "title": titles.get(section.key, section.title), "completeness": section.completeness}
        for section in strategy.template_sections()
        if not section.is_complete
    ]
    open_comments = Comment.objects.filter(strategy=strategy, parent=None, resolved_at=None).count()
    return {"strategy": strategy, "incomplete": incomplete, "open_comments": open_comments}


def reuse_targets(user, snapshot: Snapshot, review: Review | None) -> list[Strategy]:
    """The drafts of other countries this user may copy an approved snapshot's rows into."""
    if not review or review.decision != Review.Decision.APPROVE:
        return []
    return [
        s
        for s in Strategy.objects.for_user(user)
        .exclude(country_id=snapshot.strategy.country_id)
        .exclude(status=Strategy.Status.APPROVED)
        .select_related("country")
        if policy.can_edit(user, s)
    ]


def notifications_for(user, limit: int = 50) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user).select_related("strategy__country")[:limit]


def review_of(snapshot: Snapshot) -> Review | None:
    return Review.objects.filter(snapshot=snapshot).select_related("reviewer").first()


def section_count() -> int:
    """How many sections a review gives verdicts on (the template's sections and appendices)."""
    return SectionTemplate.objects.count()
