"""Backup and restore of one country's work as one JSON file (format "onemg-strategy-backup", version 1).

The file is documented by its JSON Schema, docs/schema/strategy-backup.v1.json (and docs/backup.md). It holds
the country's strategies with their sections, structured rows, recommendation assessments, the whole history
(every Revision), comments, section assignments, submitted snapshots with their reviews and section verdicts,
the workflow events, and the country's factsheets.

Identity in the file:
- People are named by username; a restore maps them onto the users of the target instance and creates the
  missing ones inactive, without a password and without any role.
- Rows are named by ids local to the file, numbered from 1 per kind in a fixed order; a restore gives every
  row a new database id. Rows deleted before the backup still have a history: their ids in the file point
  only at revisions, and a restore keeps that history under negative ids, which no live row ever has.
- Guide data is named by what identifies it in every instance: recommendations by number, presets by kind
  and name, template tasks by position and title.
Snapshots are evidence of what was submitted and are kept exactly as they were (their own contents, ids
included, are internal to each snapshot).
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from accounts.models import Country
from factsheets.models import Factsheet, FactsheetTemplate
from factsheets.services import factsheet_get_or_create
from guide.models import Preset, Recommendation, TemplateTask
from reviews.models import Event, Review, SectionReview, Snapshot
from strategies.forms import PART_KINDS
from strategies.models import (
    SECTION_MODELS,
    Comment,
    RecommendationAssessment,
    Revision,
    SectionAssignment,
    Strategy,
    Task,
)
from strategies.services import editable_fields, values_of

FORMAT = "onemg-strategy-backup"
VERSION = 1
SCHEMA_PATH = Path(settings.BASE_DIR) / "docs" / "schema" / "strategy-backup.v1.json"

KIND_OF_MODEL = {model._meta.model_name: kind for kind, (model, _fields) in PART_KINDS.items()}
#: Restore order: rows other rows point at come first (tasks: top-level tasks before their sub-tasks).
RESTORE_ORDER = (
    "segments",
    "channels",
    "objectives",
    "stakeholders",
    "roles",
    "budget",
    "risks",
    "messages",
    "tactics",
    "content",
    "kpis",
    "tasks",
)
assert set(RESTORE_ORDER) == set(PART_KINDS)


def _when(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat()
    return value.isoformat()


def _parse_when(value):
    return datetime.datetime.fromisoformat(value) if value else None


def _parse_date(value):
    return datetime.date.fromisoformat(value) if value else None


class _Refs:
    """File-local ids per kind, given in the order rows are met (live rows first, by database id)."""

    def __init__(self):
        self.ids: dict[str, dict[int, int]] = {}

    def __call__(self, kind: str, pk) -> int | None:
        if pk is None:
            return None
        ids = self.ids.setdefault(kind, {})
        return ids.setdefault(pk, len(ids) + 1)


# --- Backup ----------------------------------------------------------------------------------------------


class _Exporter:
    def __init__(self, country: Country):
        self.country = country
        self.users: dict[int, models.Model] = {}
        self.user_ids: set[int] = set()
        self.presets = {p.pk: {"kind": p.kind, "name": p.name} for p in Preset.objects.all()}
        self.template_tasks = {t.pk: {"position": t.position, "title": t.title} for t in TemplateTask.objects.all()}
        self.known_users = {u.pk: u for u in get_user_model().objects.all()}

    def user(self, pk) -> str | None:
        user = self.known_users.get(pk)
        if user is None:
            return None
        self.users[user.pk] = user
        return user.username

    def values(self, model, values: dict, refs: _Refs) -> dict:
        """A row's editable values as written in the file: relations as file ids, usernames or guide keys."""
        out = {}
        for f in (f for f in model._meta.concrete_fields if f.name in values):
            value = values[f.name]
            if f.is_relation and value is not None:
                related = f.related_model
                if related is Preset:
                    value = self.presets.get(value)
                elif related is get_user_model():
                    value = self.user(value)
                else:
                    value = refs(KIND_OF_MODEL[related._meta.model_name], value)
            out[f.name] = value
        return out

    def strategy(self, strategy: Strategy) -> dict:
        refs = _Refs()
        rows_by_kind = {}
        for kind, (model, _fields) in PART_KINDS.items():
            rows_by_kind[kind] = list(model.objects.filter(strategy=strategy).order_by("pk"))
            for row in rows_by_kind[kind]:
                refs(kind, row.pk)
        parts = {}
        for kind, rows in rows_by_kind.items():
            model = PART_KINDS[kind][0]
            parts[kind] = [
                {
                    "id": refs(kind, row.pk),
                    "position": row.position,
                    "edit_version": row.edit_version,
                    "created_at": _when(row.created_at),
                    "updated_at": _when(row.updated_at),
                    "updated_by": self.user(row.updated_by_id),
                    **({"template_task": self.template_tasks.get(row.template_task_id)} if model is Task else {}),
                    "values": self.values(model, values_of(row), refs),
                }
                for row in rows
            ]
        sections = {}
        for model in SECTION_MODELS:
            section = model.objects.get(strategy=strategy)
            sections[model.key] = {
                "edit_version": section.edit_version,
                "updated_at": _when(section.updated_at),
                "updated_by": self.user(section.updated_by_id),
                "values": {name: getattr(section, name) for name in section.prompt_fields},
            }
        assessments = list(strategy.assessments.select_related("recommendation").order_by("recommendation__number"))
        assessment_numbers = {a.pk: a.recommendation.number for a in assessments}
        revisions = []
        for revision in Revision.objects.filter(strategy=strategy).order_by("pk"):
            kind, _sep, ident = revision.target.partition(":")
            data = revision.data
            if kind == "section":
                target = {"section": ident}
            elif kind == "recommendationassessment" and ident.lstrip("-").isdigit():
                target = {"assessment": assessment_numbers.get(int(ident))}
            elif kind in KIND_OF_MODEL and ident.lstrip("-").isdigit():
                part_kind = KIND_OF_MODEL[kind]
                target = {"part": part_kind, "id": refs(part_kind, int(ident))}
                data = self.values(PART_KINDS[part_kind][0], data, refs)
            else:
                target = {"other": revision.target}
            revisions.append(
                {
                    "target": target,
                    "version": revision.version,
                    "action": revision.action,
                    "user": self.user(revision.user_id),
                    "created_at": _when(revision.created_at),
                    "data": data,
                }
            )
        comment_ids = _Refs()
        comments = [
            {
                "id": comment_ids("comment", c.pk),
                "section": c.section_key,
                "thread": comment_ids("comment", c.parent_id),
                "author": self.user(c.author_id),
                "body": c.body,
                "from_review": c.from_review,
                "snapshot_number": c.snapshot_number,
                "mentions": sorted(self.user(u.pk) for u in c.mentions.all()),
                "resolved_at": _when(c.resolved_at),
                "resolved_by": self.user(c.resolved_by_id),
                "created_at": _when(c.created_at),
            }
            for c in Comment.objects.filter(strategy=strategy).prefetch_related("mentions").order_by("pk")
        ]
        snapshots = []
        for snapshot in strategy.snapshots.order_by("number"):
            review = Review.objects.filter(snapshot=snapshot).first()
            snapshots.append(
                {
                    "number": snapshot.number,
                    "version": snapshot.version,
                    "created_by": self.user(snapshot.created_by_id),
                    "created_at": _when(snapshot.created_at),
                    "section_hashes": snapshot.section_hashes,
                    "data": snapshot.data,
                    "review": None
                    if review is None
                    else {
                        "reviewer": self.user(review.reviewer_id),
                        "claimed_at": _when(review.claimed_at),
                        "due": _when(review.due),
                        "reminded_on": _when(review.reminded_on),
                        "decision": review.decision,
                        "reason": review.reason,
                        "completed_at": _when(review.completed_at),
                        "section_verdicts": [
                            {
                                "section": v.section_key,
                                "status": v.status,
                                "carried_over": v.carried_over,
                                "reviewer": self.user(v.reviewer_id),
                                "updated_at": _when(v.updated_at),
                            }
                            for v in review.sections.order_by("section_key", "pk")
                        ],
                    },
                }
            )
        snapshot_numbers = dict(strategy.snapshots.values_list("pk", "number"))
        return {
            "title": strategy.title,
            "language": strategy.language,
            "period_start": _when(strategy.period_start),
            "period_end": _when(strategy.period_end),
            "contact_name": strategy.contact_name,
            "contact_email": strategy.contact_email,
            "contact_address": strategy.contact_address,
            "details_version": strategy.edit_version,
            "status": strategy.status,
            "version": strategy.version,
            "created_by": self.user(strategy.created_by_id),
            "created_at": _when(strategy.created_at),
            "updated_at": _when(strategy.updated_at),
            "sections": sections,
            "parts": parts,
            "assessments": [
                {
                    "recommendation": a.recommendation.number,
                    "status": a.status,
                    "evidence": a.evidence,
                    "edit_version": a.edit_version,
                    "updated_at": _when(a.updated_at),
                    "updated_by": self.user(a.updated_by_id),
                }
                for a in assessments
            ],
            "revisions": revisions,
            "comments": comments,
            "assignments": [
                {
                    "section": a.section_key,
                    "assignee": self.user(a.assignee_id),
                    "due": _when(a.due),
                    "assigned_by": self.user(a.assigned_by_id),
                    "assigned_at": _when(a.assigned_at),
                }
                for a in strategy.assignments.order_by("section_key")
            ],
            "snapshots": snapshots,
            "events": [
                {
                    "action": e.action,
                    "from_status": e.from_status,
                    "to_status": e.to_status,
                    "reason": e.reason,
                    "user": self.user(e.user_id),
                    "snapshot_number": snapshot_numbers.get(e.snapshot_id),
                    "created_at": _when(e.created_at),
                }
                for e in strategy.events.order_by("pk")
            ],
        }

    def factsheets(self) -> list[dict]:
        return [
            {
                "template": f.template.key,
                "language": f.language,
                "answers": f.answers,
                "placeholders": f.placeholders,
                "edit_version": f.edit_version,
                "updated_at": _when(f.updated_at),
                "updated_by": self.user(f.updated_by_id),
            }
            for f in Factsheet.objects.filter(country=self.country).select_related("template").order_by("pk")
        ]


def country_backup(*, country: Country) -> dict:
    """Everything one country has written, as the data of one backup file."""
    exporter = _Exporter(country)
    strategies = [exporter.strategy(s) for s in Strategy.objects.filter(country=country).order_by("pk")]
    factsheets = exporter.factsheets()
    users = [
        {"username": u.username, "first_name": u.first_name, "last_name": u.last_name, "email": u.email}
        for u in sorted(exporter.users.values(), key=lambda u: u.username)
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _when(timezone.now()),
        "source": settings.SITE_URL,
        "country": {"code": country.code, "name": country.name},
        "users": users,
        "strategies": strategies,
        "factsheets": factsheets,
    }


# --- Restore ---------------------------------------------------------------------------------------------


class BackupError(ValueError):
    """The file cannot be restored; the message says why, and nothing was written."""


def validate_backup(data) -> None:
    """Check the file against its JSON Schema; BackupError names the first problem and where it is."""
    import jsonschema

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(f"This is not a {FORMAT} file.")
    if data.get("version") != VERSION:
        raise BackupError(f"This file is version {data.get('version')!r}; this planner reads version {VERSION}.")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise BackupError(f"The file does not match the backup format at {where}: {error.message}")


@dataclass
class RestoreResult:
    country: Country
    strategies: list[Strategy] = field(default_factory=list)
    created_users: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


class _Restorer:
    def __init__(self, data: dict, country: Country, result: RestoreResult):
        self.data, self.country, self.result = data, country, result
        self.users: dict[str, models.Model] = {}
        self.presets = {(p.kind, p.name): p for p in Preset.objects.all()}
        self.template_tasks = {(t.position, t.title): t for t in TemplateTask.objects.all()}
        self.recommendations = {r.number: r for r in Recommendation.objects.all()}

    def count(self, name: str, n: int = 1) -> None:
        self.result.counts[name] = self.result.counts.get(name, 0) + n

    def clean(self, obj, what: str, exclude=None) -> None:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as error:
            raise BackupError(f"{what}: {'; '.join(error.messages)}") from error

    def load_users(self) -> None:
        User = get_user_model()
        existing = {
            u.username: u for u in User.objects.filter(username__in=[u["username"] for u in self.data["users"]])
        }
        for entry in self.data["users"]:
            user = existing.get(entry["username"])
            if user is None:
                # A person from another instance: known by name, unable to sign in, with no role, until an
                # admin of this instance activates them and gives them a membership.
                user = User(
                    username=entry["username"],
                    first_name=entry.get("first_name", ""),
                    last_name=entry.get("last_name", ""),
                    email=entry.get("email", ""),
                    is_active=False,
                )
                user.set_unusable_password()
                self.clean(user, f"User {entry['username']}", exclude=["password"])
                user.save()
                self.result.created_users.append(user.username)
            self.users[user.username] = user

    def user(self, username):
        if username is None:
            return None
        if username not in self.users:
            raise BackupError(f"The file names user {username!r} but does not list them under users.")
        return self.users[username]

    def user_id(self, username):
        user = self.user(username)
        return user.pk if user else None

    def related_value(self, f, value, ids: dict, gone: dict):
        """A relation's value from the file as a database id in this instance (or None)."""
        if value is None:
            return None
        related = f.related_model
        if related is Preset:
            preset = self.presets.get((value["kind"], value["name"]))
            if preset is None:
                self.result.warnings.append(f"Example {value['name']!r} is not in this instance's guide: left out.")
            return preset.pk if preset else None
        if related is get_user_model():
            return self.user_id(value)
        kind = KIND_OF_MODEL[related._meta.model_name]
        if value in ids.get(kind, {}):
            return ids[kind][value]
        # A row deleted before the backup: its history keeps a negative id, never a live row's.
        kind_gone = gone.setdefault(kind, {})
        return kind_gone.setdefault(value, -(len(kind_gone) + 1))

    def strategy(self, entry: dict) -> Strategy:
        strategy = Strategy(
            country=self.country,
            title=entry["title"],
            language=entry["language"],
            period_start=_parse_date(entry["period_start"]),
            period_end=_parse_date(entry["period_end"]),
            # Optional in the format: files written before the national contact existed have none.
            contact_name=entry.get("contact_name", ""),
            contact_email=entry.get("contact_email", ""),
            contact_address=entry.get("contact_address", ""),
            edit_version=entry.get("details_version", 1),
            status=entry["status"],
            version=entry["version"],
            created_by=self.user(entry["created_by"]),
        )
        self.clean(strategy, f"Strategy {entry['title']!r}")
        strategy.save()
        what = f"Strategy {entry['title']!r}"
        for model in SECTION_MODELS:
            values = entry["sections"].get(model.key)
            if values is None:
                raise BackupError(f"{what}: section {model.key} is missing.")
            section = model(
                strategy=strategy,
                edit_version=values["edit_version"],
                updated_at=_parse_when(values["updated_at"]),
                updated_by=self.user(values["updated_by"]),
                **{name: values["values"].get(name, "") for name in model.prompt_fields},
            )
            self.clean(section, f"{what}, section {model.key}")
            section.save()
        self.count("sections", len(SECTION_MODELS))

        ids: dict[str, dict[int, int]] = {}
        gone: dict[str, dict[int, int]] = {}
        for kind in RESTORE_ORDER:
            model = PART_KINDS[kind][0]
            rows = entry["parts"].get(kind, [])
            created, parents = [], []
            for row in rows:
                obj = model(
                    strategy=strategy,
                    position=row["position"],
                    edit_version=row["edit_version"],
                    updated_by=self.user(row["updated_by"]),
                )
                if model is Task and row.get("template_task"):
                    key = (row["template_task"]["position"], row["template_task"]["title"])
                    obj.template_task = self.template_tasks.get(key)
                for f in editable_fields(obj):
                    if f.name not in row["values"]:
                        continue
                    value = row["values"][f.name]
                    if f.is_relation and f.related_model is model:
                        parents.append((obj, f, value))  # a task's task: set once every task exists
                    elif f.is_relation:
                        setattr(obj, f.attname, self.related_value(f, value, ids, gone))
                    else:
                        setattr(obj, f.attname, None if value in (None, "") and f.null else f.to_python(value))
                self.clean(obj, f"{what}, {kind} row {row['id']}")
                obj.save()
                ids.setdefault(kind, {})[row["id"]] = obj.pk
                obj.created_at, obj.updated_at = _parse_when(row["created_at"]), _parse_when(row["updated_at"])
                created.append(obj)
            # Rows are created in the file's order (so they keep their order); links between rows of the same
            # kind (sub-tasks) are set in a second pass.
            for obj, f, value in parents:
                setattr(obj, f.attname, self.related_value(f, value, ids, gone))
                self.clean(obj, f"{what}, {kind} row {obj.pk}")
                obj.save(update_fields=[f.attname])
            model.objects.bulk_update(created, ["created_at", "updated_at"])
            self.count(kind, len(created))

        assessments = []
        for item in entry["assessments"]:
            recommendation = self.recommendations.get(item["recommendation"])
            if recommendation is None:
                raise BackupError(f"{what}: recommendation {item['recommendation']} is not in this instance's guide.")
            assessment = RecommendationAssessment(
                strategy=strategy,
                recommendation=recommendation,
                status=item["status"],
                evidence=item["evidence"],
                edit_version=item["edit_version"],
                updated_by=self.user(item["updated_by"]),
            )
            self.clean(assessment, f"{what}, recommendation {item['recommendation']}")
            assessment.save()
            assessment.updated_at = _parse_when(item["updated_at"])
            assessments.append(assessment)
        RecommendationAssessment.objects.bulk_update(assessments, ["updated_at"])
        assessment_ids = {a.recommendation.number: a.pk for a in assessments}
        self.count("assessments", len(assessments))

        revisions = []
        for item in entry["revisions"]:
            target, data = item["target"], item["data"]
            if "section" in target:
                name = f"section:{target['section']}"
            elif "assessment" in target:
                name = f"recommendationassessment:{assessment_ids.get(target['assessment'], 0)}"
            elif "part" in target:
                model = PART_KINDS[target["part"]][0]
                fields = {f.name: f for f in model._meta.concrete_fields}
                pk = ids.get(target["part"], {}).get(target["id"])
                if pk is None:
                    kind_gone = gone.setdefault(target["part"], {})
                    pk = kind_gone.setdefault(target["id"], -(len(kind_gone) + 1))
                name = f"{model._meta.model_name}:{pk}"
                data = {
                    key: (self.related_value(fields[key], value, ids, gone) if fields[key].is_relation else value)
                    if key in fields
                    else value
                    for key, value in data.items()
                }
            else:
                name = target["other"]
            revision = Revision(
                strategy=strategy,
                target=name,
                version=item["version"],
                action=item["action"],
                data=data,
                user=self.user(item["user"]),
            )
            self.clean(revision, f"{what}, history of {name}", exclude=["strategy", "user"])
            revisions.append(revision)
        Revision.objects.bulk_create(revisions, batch_size=500)
        for revision, item in zip(revisions, entry["revisions"], strict=True):
            revision.created_at = _parse_when(item["created_at"])  # after bulk_create, which stamps "now"
        Revision.objects.bulk_update(revisions, ["created_at"], batch_size=500)
        self.count("revisions", len(revisions))

        comment_ids: dict[int, Comment] = {}
        comments = []
        for item in entry["comments"]:
            comment = Comment(
                strategy=strategy,
                section_key=item["section"],
                parent=comment_ids.get(item["thread"]) if item["thread"] else None,
                author=self.user(item["author"]),
                body=item["body"],
                from_review=item["from_review"],
                snapshot_number=item["snapshot_number"],
                resolved_at=_parse_when(item["resolved_at"]),
                resolved_by=self.user(item["resolved_by"]),
            )
            if item["thread"] and comment.parent is None:
                raise BackupError(f"{what}: comment {item['id']} answers a thread that is not in the file.")
            self.clean(comment, f"{what}, comment {item['id']}")
            comment.save()
            comment.mentions.set([self.user(name) for name in item["mentions"]])
            comment.created_at = _parse_when(item["created_at"])
            comment_ids[item["id"]] = comment
            comments.append(comment)
        Comment.objects.bulk_update(comments, ["created_at"])
        self.count("comments", len(comments))

        assignments = []
        for item in entry["assignments"]:
            assignment = SectionAssignment(
                strategy=strategy,
                section_key=item["section"],
                assignee=self.user(item["assignee"]),
                due=_parse_date(item["due"]),
                assigned_by=self.user(item["assigned_by"]),
            )
            self.clean(assignment, f"{what}, assignment of {item['section']}")
            assignment.save()
            assignment.assigned_at = _parse_when(item["assigned_at"])
            assignments.append(assignment)
        SectionAssignment.objects.bulk_update(assignments, ["assigned_at"])

        snapshots = {}
        for item in entry["snapshots"]:
            snapshot = Snapshot(
                strategy=strategy,
                number=item["number"],
                version=item["version"],
                data=item["data"],
                section_hashes=item["section_hashes"],
                created_by=self.user(item["created_by"]),
            )
            self.clean(snapshot, f"{what}, submission {item['number']}")
            snapshot.save()
            # Snapshots never change once made; this sets the submission's own date on the new row.
            Snapshot.objects.filter(pk=snapshot.pk).update(created_at=_parse_when(item["created_at"]))
            snapshots[item["number"]] = snapshot
            if item["review"] is None:
                continue
            values = item["review"]
            review = Review(
                snapshot=snapshot,
                reviewer=self.user(values["reviewer"]),
                claimed_at=_parse_when(values["claimed_at"]),
                due=_parse_date(values["due"]),
                reminded_on=_parse_date(values["reminded_on"]),
                decision=values["decision"],
                reason=values["reason"],
                completed_at=_parse_when(values["completed_at"]),
            )
            self.clean(review, f"{what}, review of submission {item['number']}")
            review.save()
            verdicts = []
            for verdict in values["section_verdicts"]:
                obj = SectionReview(
                    review=review,
                    section_key=verdict["section"],
                    status=verdict["status"],
                    carried_over=verdict["carried_over"],
                    reviewer=self.user(verdict["reviewer"]),
                )
                self.clean(obj, f"{what}, verdict on {verdict['section']} in submission {item['number']}")
                obj.save()
                obj.updated_at = _parse_when(verdict["updated_at"])
                verdicts.append(obj)
            SectionReview.objects.bulk_update(verdicts, ["updated_at"])
            self.count("section verdicts", len(verdicts))
        self.count("snapshots", len(snapshots))

        events = []
        for item in entry["events"]:
            number = item["snapshot_number"]
            if number is not None and number not in snapshots:
                raise BackupError(f"{what}: an event names submission {number}, which is not in the file.")
            event = Event(
                strategy=strategy,
                action=item["action"],
                from_status=item["from_status"],
                to_status=item["to_status"],
                reason=item["reason"],
                user=self.user(item["user"]),
                snapshot=snapshots.get(number),
            )
            self.clean(event, f"{what}, event {item['action']}")
            event.save()
            event.created_at = _parse_when(item["created_at"])
            events.append(event)
        Event.objects.bulk_update(events, ["created_at"])
        self.count("events", len(events))

        Strategy.objects.filter(pk=strategy.pk).update(
            created_at=_parse_when(entry["created_at"]), updated_at=_parse_when(entry["updated_at"])
        )
        self.count("strategies")
        return strategy

    def factsheets(self) -> None:
        templates = {t.key: t for t in FactsheetTemplate.objects.all()}
        for item in self.data["factsheets"]:
            template = templates.get(item["template"])
            if template is None:
                raise BackupError(f"Factsheet template {item['template']!r} is not in this instance.")
            factsheet = factsheet_get_or_create(country=self.country, template=template, language=item["language"])
            factsheet.answers, factsheet.placeholders = item["answers"], item["placeholders"]
            factsheet.edit_version, factsheet.updated_by = item["edit_version"], self.user(item["updated_by"])
            self.clean(factsheet, f"Factsheet {item['template']} ({item['language']})")
            factsheet.save()
            Factsheet.objects.filter(pk=factsheet.pk).update(updated_at=_parse_when(item["updated_at"]))
            self.count("factsheets")


def country_restore(*, data: dict, country: Country | None = None) -> RestoreResult:
    """Write a backup into this instance, all or nothing. The country (the file's own, or `country`) must
    have no strategies and no factsheets here yet: a restore never mixes with or overwrites work."""
    validate_backup(data)
    if country is None:
        country = Country.objects.filter(code=data["country"]["code"]).first()
        if country is None:
            raise BackupError(f"Country {data['country']['code']} does not exist in this instance.")
    if Strategy.objects.filter(country=country).exists() or Factsheet.objects.filter(country=country).exists():
        raise BackupError(
            f"{country} already has strategies or factsheets here; restore into a country without any "
            "(nothing was written)."
        )
    result = RestoreResult(country=country)
    try:
        with transaction.atomic():
            restorer = _Restorer(data, country, result)
            restorer.load_users()
            for entry in data["strategies"]:
                result.strategies.append(restorer.strategy(entry))
            restorer.factsheets()
    except (KeyError, TypeError) as error:  # shapes the schema lets through but the data cannot carry
        raise BackupError(f"The file is incomplete or inconsistent: {error!r}") from error
    return result
