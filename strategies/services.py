"""Writes of a country's work. Every write path calls these: the views and htmx endpoints, the Django admin
(strategies/admin.py: saves, deletes and the recommendation inline), spreadsheet imports
(strategies/resources.py) and the demo seeding (demo/seeding.py), so sanitising, the history (a Revision in
the same transaction), the version counters and "the strategy changed" (its PDF is made again) cannot be
bypassed. (Restoring a country from a backup, exports/backup.py, puts its history back verbatim instead.)

Saving is optimistic: every form carries the `edit_version` it was built on. A save built on the current
version is written as it is; a save built on an older version is merged three-way (base = what the user
started from, theirs = what is saved now, mine = what the user sends) and written if the two edits touch
different fields or paragraphs; otherwise nothing is written and the caller shows both versions.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import policy
from accounts.models import Country
from audit import services as audit
from core.html import sanitize_html
from guide.models import Recommendation, TemplateTask
from strategies import selectors, signals
from strategies.merge import merge_fields
from strategies.models import (
    SECTION_MODELS,
    SECTIONS_BY_KEY,
    Comment,
    Presence,
    RecommendationAssessment,
    Revision,
    Section,
    SectionAssignment,
    Strategy,
    StrategyPart,
    Task,
)
from strategies.richtext import same_html

PRESENCE_WINDOW = datetime.timedelta(seconds=30)


# --- Strategy -------------------------------------------------------------------------------------------


@transaction.atomic
def strategy_create(
    *,
    country: Country,
    title: str,
    created_by=None,
    language: str = "en",
    period_start: datetime.date | None = None,
    period_end: datetime.date | None = None,
) -> Strategy:
    """Create a strategy with its twelve sections and appendices, the guide's action plan and the
    six recommendation assessments, so a country starts from the whole template."""
    strategy = Strategy(
        country=country,
        title=title,
        language=language,
        period_start=period_start,
        period_end=period_end,
        created_by=created_by,
    )
    strategy.full_clean()
    strategy.save()
    sections = [model.objects.create(strategy=strategy) for model in SECTION_MODELS]
    tasks = _copy_template_tasks(strategy)
    assessments = RecommendationAssessment.objects.bulk_create(
        RecommendationAssessment(strategy=strategy, recommendation=recommendation)
        for recommendation in Recommendation.objects.all()
    )
    # Version 1 of everything is in the history, so the first stale save has a base to merge from.
    Revision.objects.bulk_create(
        [
            Revision(
                strategy=strategy,
                target=DETAILS_TARGET,
                version=1,
                action=Revision.Action.CREATE,
                data={name: _json(getattr(strategy, name)) for name in DETAIL_FIELDS},
                user=created_by,
            ),
            *(_revision(s, section_target(s), Revision.Action.CREATE, created_by) for s in sections),
            *(_revision(t, part_target(t), Revision.Action.CREATE, created_by) for t in tasks),
            *(_revision(a, assessment_target(a), Revision.Action.CREATE, created_by) for a in assessments),
        ]
    )
    return strategy


def _copy_template_tasks(strategy: Strategy) -> list[Task]:
    template = list(TemplateTask.objects.order_by("position"))
    parents = {
        item.pk: Task(
            strategy=strategy,
            phase=item.phase,
            title=item.title,
            section=item.section_key,
            template_task=item,
            position=position,
        )
        for position, item in enumerate(t for t in template if t.parent_id is None)
    }
    Task.objects.bulk_create(parents.values())
    children = Task.objects.bulk_create(
        Task(
            strategy=strategy,
            phase=item.phase,
            parent=parents[item.parent_id],
            title=item.title,
            section=item.section_key,
            template_task=item,
            position=position,
        )
        for position, item in enumerate(t for t in template if t.parent_id is not None)
    )
    return [*parents.values(), *children]


@transaction.atomic
def strategy_delete(*, strategy: Strategy, user) -> None:
    """Delete a strategy and everything in it (an admin's act: no page offers it). Its history goes with it,
    so the audit trail keeps what was deleted, by whom."""
    audit.record(
        audit.AuditEvent.Action.DELETE,
        summary=f"Deleted {strategy.country.code} “{strategy.title}” (v{strategy.version}, {strategy.status})",
        user=user,
        target=f"strategy:{strategy.pk}",
        details={"country": strategy.country.code, "title": strategy.title, "status": strategy.status},
    )
    strategy.delete()


#: What the "Strategy details" form edits (the workflow fields stay with the review services).
DETAIL_FIELDS = ("title", "period_start", "period_end", "contact_name", "contact_email", "contact_address")
DETAILS_TARGET = "strategy:details"


@transaction.atomic
def strategy_details_update(*, strategy: Strategy, data: dict, base_version: int, user) -> SaveResult:
    """Save the strategy's title, period and national contact, merging with saves made since
    `base_version` like any other edit; every accepted save is a revision in the strategy's history."""
    locked = Strategy.objects.select_for_update().get(pk=strategy.pk)
    theirs = {name: _json(getattr(locked, name)) for name in DETAIL_FIELDS}
    mine = {name: _json(value) for name, value in data.items() if name in DETAIL_FIELDS}
    action, merged_fields = Revision.Action.UPDATE, []
    if base_version != locked.edit_version:
        revision = Revision.objects.filter(strategy=locked, target=DETAILS_TARGET, version=base_version).first()
        base = revision.data if revision else None
        if base is None:
            base = {name: value for name, value in theirs.items() if name not in mine}
        result = merge_fields(base, mine, theirs)
        if not result.ok:
            return SaveResult("conflict", locked, mine=mine, theirs=theirs, conflicts=result.conflicts)
        mine, merged_fields, action = result.values, result.merged_fields, Revision.Action.MERGE
    values = {**theirs, **mine}
    if values == theirs:
        return SaveResult("unchanged", locked, mine=mine, theirs=theirs)
    for name in DETAIL_FIELDS:
        field = Strategy._meta.get_field(name)
        value = values[name]
        setattr(locked, name, None if value in (None, "") and field.null else field.to_python(value))
    locked.edit_version += 1
    locked.full_clean()
    locked.save()
    Revision.objects.create(
        strategy=locked, target=DETAILS_TARGET, version=locked.edit_version, action=action, data=values, user=user
    )
    status = "merged" if base_version != locked.edit_version - 1 else "saved"
    return SaveResult(status, locked, mine=mine, theirs=theirs, merged_fields=merged_fields)


# --- Values, targets and revisions ----------------------------------------------------------------------


def _json(value):
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def editable_fields(obj: models.Model) -> list[models.Field]:
    """The fields a person edits (not ids, bookkeeping or the strategy it belongs to)."""
    if isinstance(obj, Section):
        return [obj._meta.get_field(name) for name in obj.prompt_fields]
    skip = {"id", "strategy", "position", "edit_version", "created_at", "updated_at", "updated_by", "template_task"}
    return [f for f in obj._meta.concrete_fields if f.name not in skip]


def values_of(obj: models.Model) -> dict:
    """The editable values of a section or row, JSON-ready (dates as ISO strings, relations as ids)."""
    return {f.name: _json(getattr(obj, f.attname)) for f in editable_fields(obj)}


def _apply(obj: models.Model, values: dict) -> None:
    for f in editable_fields(obj):
        if f.name in values:
            value = values[f.name]
            setattr(obj, f.attname, None if value in (None, "") and f.null else f.to_python(value))


def section_target(section: Section) -> str:
    return f"section:{section.key}"


def part_target(part: StrategyPart) -> str:
    return f"{part._meta.model_name}:{part.pk}"


def _revision(obj, target: str, action: str, user) -> Revision:
    return Revision(
        strategy_id=obj.strategy_id,
        target=target,
        version=obj.edit_version,
        action=action,
        data=values_of(obj),
        user=user,
    )


def _touch(strategy_id: int) -> None:
    """Any edit is a change of the strategy: "last changed" on lists and dashboards must show it."""
    Strategy.objects.filter(pk=strategy_id).update(updated_at=timezone.now())


def _base_values(obj, target: str, version: int) -> dict | None:
    revision = Revision.objects.filter(strategy_id=obj.strategy_id, target=target, version=version).first()
    return revision.data if revision else None


@dataclass
class SaveResult:
    """What happened to a save: "saved", "merged", "unchanged" or "conflict" (nothing written). A conflict
    with `deleted` set means a colleague deleted the row meanwhile; `mine` still holds the user's values."""

    status: str
    obj: models.Model
    mine: dict = field(default_factory=dict)
    theirs: dict = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)
    merged_fields: list[str] = field(default_factory=list)
    deleted: bool = False

    @property
    def ok(self) -> bool:
        return self.status != "conflict"


def _save_versioned(*, obj, target: str, mine: dict, base_version: int, user) -> SaveResult:
    """The one optimistic-concurrency write: `obj` must be locked (select_for_update) by the caller."""
    theirs = values_of(obj)
    mine = {name: value for name, value in mine.items() if name in theirs}
    action, merged_fields = Revision.Action.UPDATE, []
    if base_version != obj.edit_version:
        base = _base_values(obj, target, base_version)
        if base is None:  # no record of what the user started from: every difference is a conflict
            base = {name: value for name, value in theirs.items() if name not in mine}
        result = merge_fields(base, mine, theirs)
        if not result.ok:
            return SaveResult("conflict", obj, mine=mine, theirs=theirs, conflicts=result.conflicts)
        mine, merged_fields = result.values, result.merged_fields
        action = Revision.Action.MERGE
    new_values = {**theirs, **mine}
    if new_values == theirs:
        return SaveResult("unchanged", obj, mine=mine, theirs=theirs)
    _apply(obj, new_values)
    obj.edit_version += 1
    obj.updated_by = user
    obj.updated_at = timezone.now()
    obj.full_clean()
    obj.save()
    _revision(obj, target, action, user).save()
    _touch(obj.strategy_id)
    changed_by_others = base_version != obj.edit_version - 1
    return SaveResult(
        "merged" if changed_by_others else "saved", obj, mine=mine, theirs=theirs, merged_fields=merged_fields
    )


# --- Sections -------------------------------------------------------------------------------------------


def section_for(strategy: Strategy, key: str, *, lock: bool = False) -> Section:
    model = SECTIONS_BY_KEY[key]
    queryset = model.objects.select_for_update(of=("self",)) if lock else model.objects
    return queryset.select_related("strategy", "updated_by").get(strategy=strategy)


@transaction.atomic
def section_update(*, strategy: Strategy, key: str, data: dict[str, str], base_version: int, user) -> SaveResult:
    """Save prompt answers of one section, merging with saves made since `base_version`."""
    section = section_for(strategy, key, lock=True)
    unknown = set(data) - set(section.prompt_fields)
    if unknown:
        raise ValueError(f"{type(section).__name__} has no prompt field(s) {sorted(unknown)}")
    mine = {name: sanitize_html(value) for name, value in data.items()}
    # The editor re-writes what it loads (paragraphs become divs, spacing is folded): a field that reads the
    # same as what the person started from is unchanged, whatever its markup, and keeps its stored form.
    target = section_target(section)
    started_from = values_of(section)
    if base_version != section.edit_version:
        started_from = _base_values(section, target, base_version) or started_from
    for name, value in mine.items():
        if name in started_from and same_html(value, started_from[name]):
            mine[name] = started_from[name]
    return _save_versioned(obj=section, target=target, mine=mine, base_version=base_version, user=user)


@transaction.atomic
def section_restore(*, strategy: Strategy, key: str, revision: Revision, user) -> Section:
    """Write an earlier version's values as a new version; the history keeps everything in between."""
    section = section_for(strategy, key, lock=True)
    if revision.strategy_id != strategy.pk or revision.target != section_target(section):
        raise ValueError("That revision belongs to another section.")
    _apply(section, {name: sanitize_html(value) for name, value in revision.data.items()})
    section.edit_version += 1
    section.updated_by = user
    section.updated_at = timezone.now()
    section.full_clean()
    section.save()
    _revision(section, section_target(section), Revision.Action.RESTORE, user).save()
    _touch(strategy.pk)
    return section


# --- Structured rows ------------------------------------------------------------------------------------


def _clean_row_values(model: type[StrategyPart], values: dict) -> dict:
    text_fields = {f.name for f in model._meta.concrete_fields if isinstance(f, models.TextField)}
    return {
        name: (sanitize_html(value) if name in text_fields and value and "<" in value else value)
        for name, value in values.items()
    }


@transaction.atomic
def part_create(*, model: type[StrategyPart], strategy: Strategy, user=None, **values) -> StrategyPart:
    """Add a structured row (segment, message, KPI, risk, task, …) at the end of its list."""
    last = model.objects.filter(strategy=strategy).order_by("-position").values_list("position", flat=True).first()
    part = model(strategy=strategy, updated_by=user, position=(last or 0) + 1, **_clean_row_values(model, values))
    part.full_clean()
    part.save()
    _revision(part, part_target(part), Revision.Action.CREATE, user).save()
    _touch(strategy.pk)
    return part


@transaction.atomic
def part_update(*, part: StrategyPart, data: dict, base_version: int, user) -> SaveResult:
    """Save a structured row, merging field by field with saves made since `base_version`."""
    mine = {name: _json(value) for name, value in _clean_row_values(type(part), data).items()}
    locked = type(part).objects.select_for_update().filter(pk=part.pk).first()
    if locked is None:  # deleted by a colleague since the form was loaded: nothing to save into
        return SaveResult("conflict", part, mine=mine, conflicts=["__all__"], deleted=True)
    result = _save_versioned(obj=locked, target=part_target(locked), mine=mine, base_version=base_version, user=user)
    if isinstance(locked, Task) and result.ok:
        _move_subtasks_with(locked, user)
    return result


def _move_subtasks_with(task: Task, user) -> None:
    """A task moved to another phase takes its sub-tasks along (they belong to their task's phase), each
    as a new version in its history."""
    for subtask in Task.objects.select_for_update().filter(parent=task).exclude(phase=task.phase):
        subtask.phase = task.phase
        subtask.edit_version += 1
        subtask.updated_by = user
        subtask.full_clean()
        subtask.save()
        _revision(subtask, part_target(subtask), Revision.Action.UPDATE, user).save()


@transaction.atomic
def part_delete(*, part: StrategyPart, base_version: int, user) -> SaveResult:
    """Delete a row unless someone changed it since the user looked at it. A task's sub-tasks go with it
    (the confirmation says so), each with its own entry in the history."""
    locked = type(part).objects.select_for_update().filter(pk=part.pk).first()
    if locked is None:
        return SaveResult("unchanged", part)
    if locked.edit_version != base_version:
        return SaveResult("conflict", locked, theirs=values_of(locked), conflicts=["__all__"])
    revisions = [_revision(locked, part_target(locked), Revision.Action.DELETE, user)]
    if isinstance(locked, Task):
        # The foreign key cascades; without these, the sub-tasks would vanish from the history unrecorded.
        subtasks = Task.objects.select_for_update().filter(parent=locked).order_by("position", "id")
        revisions += [_revision(sub, part_target(sub), Revision.Action.DELETE, user) for sub in subtasks]
    Revision.objects.bulk_create(revisions)
    locked.delete()
    _touch(locked.strategy_id)
    return SaveResult("saved", locked)


@transaction.atomic
def part_place(*, part: StrategyPart, position: int) -> None:
    """Put a row at `position` in its list (imports; the pages move rows one step at a time: part_move)."""
    type(part).objects.filter(pk=part.pk).update(position=position)
    _touch(part.strategy_id)


@transaction.atomic
def part_move(*, part: StrategyPart, offset: int, user) -> None:
    """Move a row up (-1) or down (+1) among its siblings (same strategy, same parent for tasks)."""
    siblings = type(part).objects.select_for_update().filter(strategy_id=part.strategy_id)
    if isinstance(part, Task):
        siblings = siblings.filter(parent_id=part.parent_id, phase=part.phase)
    ordered = list(siblings.order_by("position", "id"))
    index = next(i for i, row in enumerate(ordered) if row.pk == part.pk)
    target = index + offset
    if not 0 <= target < len(ordered):
        return
    ordered[index], ordered[target] = ordered[target], ordered[index]
    for position, row in enumerate(ordered, start=1):
        if row.position != position:
            type(part).objects.filter(pk=row.pk).update(position=position)
    _touch(part.strategy_id)  # a reordered list prints in its new order: the PDF must be made again


# --- Presence, comments, assignments -------------------------------------------------------------------


def presence_ping(*, strategy: Strategy, key: str, user) -> list:
    """Record that `user` has the section open and return the others who have it open now."""
    now = timezone.now()
    Presence.objects.update_or_create(strategy=strategy, section_key=key, user=user, defaults={"last_seen": now})
    return [
        p.user
        for p in Presence.objects.filter(strategy=strategy, section_key=key, last_seen__gte=now - PRESENCE_WINDOW)
        .exclude(user=user)
        .select_related("user")
    ]


#: "@username" in a comment: not inside an e-mail address or a word, so "anna@example.org" names nobody.
MENTION = re.compile(r"(?<![\w@])@([\w.+-]+)")


@transaction.atomic
def comment_add(
    *,
    strategy: Strategy,
    key: str,
    author,
    body: str,
    parent: Comment | None = None,
    snapshot_number: int | None = None,
) -> Comment:
    """Post a comment (or a reply to a thread). Colleagues named with @username are recorded as mentioned and
    announced (signals.comment_mentioned): reviews notifies them in the app and by e-mail, as each chose.

    A reviewer's verdict comment passes the number of the submission it was written on (`snapshot_number`):
    it is marked as a review comment and its mentions notify exactly like the editor's."""
    if parent is not None:
        if parent.strategy_id != strategy.pk or parent.section_key != key:
            raise ValueError("That thread belongs to another section.")
        parent = parent.parent or parent  # threads are one level deep
    comment = Comment(
        strategy=strategy,
        section_key=key,
        author=author,
        body=body.strip(),
        parent=parent,
        from_review=snapshot_number is not None,
        snapshot_number=snapshot_number,
    )
    comment.full_clean()
    comment.save()
    found = MENTION.findall(comment.body)
    names = {*found, *(name.rstrip(".") for name in found)}  # "… ask @anna." ends a sentence
    if names:
        colleagues = list(selectors.mention_candidates(strategy).filter(username__in=names).exclude(pk=author.pk))
        comment.mentions.set(colleagues)
        if colleagues:
            signals.comment_mentioned.send(sender=Comment, comment=comment, mentioned=colleagues)
    return comment


@transaction.atomic
def comment_resolve(*, comment: Comment, user) -> Comment:
    thread = comment.parent or comment
    thread.resolved_at, thread.resolved_by = timezone.now(), user
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread


@transaction.atomic
def comment_reopen(*, comment: Comment, user) -> Comment:
    thread = comment.parent or comment
    thread.resolved_at, thread.resolved_by = None, None
    thread.save(update_fields=["resolved_at", "resolved_by"])
    return thread


@transaction.atomic
def section_assign(
    *, strategy: Strategy, key: str, assignee, due: datetime.date | None, assigned_by
) -> SectionAssignment | None:
    """Give a section to an editor of the country (or take it back with assignee=None)."""
    if assignee is None:
        SectionAssignment.objects.filter(strategy=strategy, section_key=key).delete()
        return None
    if not policy.can_be_assigned(assignee, strategy.country_id):
        raise ValueError(_("Sections can only be assigned to leads and editors of the country."))
    assignment, _created = SectionAssignment.objects.update_or_create(
        strategy=strategy, section_key=key, defaults={"assignee": assignee, "due": due, "assigned_by": assigned_by}
    )
    return assignment


def assessment_target(assessment: RecommendationAssessment) -> str:
    return f"recommendationassessment:{assessment.pk}"


@transaction.atomic
def assessments_update(*, strategy: Strategy, data: dict[int, dict], user) -> dict[int, SaveResult]:
    """Record how the strategy addresses each B1MG recommendation. `data` maps an assessment id to its
    status, evidence and the edit_version the form showed. Each row is saved like any other versioned row:
    a stale row is merged with the colleague's change when they touched different fields, and otherwise
    left as it is and reported as a conflict (with both versions) for the person to resolve."""
    results = {}
    for assessment in (
        RecommendationAssessment.objects.select_for_update()
        .filter(strategy=strategy, pk__in=list(data))
        .select_related("recommendation")
        .order_by("recommendation__number")
    ):
        values = data[assessment.pk]
        # Browsers send a textarea's line ends as CRLF: store one form, so an unchanged text stays unchanged.
        evidence = sanitize_html((values.get("evidence") or "").replace("\r\n", "\n"))
        mine = {"status": values["status"], "evidence": evidence}
        results[assessment.pk] = _save_versioned(
            obj=assessment,
            target=assessment_target(assessment),
            mine=mine,
            base_version=values["edit_version"],
            user=user,
        )
    return results
