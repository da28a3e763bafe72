"""One strategy as JSON (format "onemg-strategy", version 1): export, and import into a country's own draft.

The format is described by docs/schema/strategy.v1.json, which shares its definitions (a section's values, a
row's values, guide references, timestamps) with the country backup, docs/schema/strategy-backup.v1.json: a
row here is written exactly as the backup writes it (exports.backup), so one reader understands both. See
docs/exchange.md.

Import is a starting point, never a restore: it adds the file's rows to the target draft and fills its empty
answers; an answer, a task or an assessment the target already has is overwritten only when the person ticked
it on the preview. Every write goes through the strategies services (section_update, part_create, part_update,
assessments_update), so each row gets its revision and the strategy is marked changed; every imported row
records where it came from (copied_from).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from accounts.policy import can_read_working_copy, visible_snapshots
from core.html import plain_text
from exports.backup import KIND_OF_MODEL, RESTORE_ORDER, _Exporter, _Refs, _when
from guide.models import Preset, SectionPrompt, SectionTemplate
from reviews.models import Snapshot
from strategies import services as strategy_services
from strategies.content import strategy_content
from strategies.forms import PART_KINDS
from strategies.models import SECTION_MODELS, Strategy, Task

FORMAT = "onemg-strategy"
VERSION = 1
SCHEMA_DIR = Path(settings.BASE_DIR) / "docs" / "schema"
SCHEMA_PATH = SCHEMA_DIR / "strategy.v1.json"
BACKUP_SCHEMA_PATH = SCHEMA_DIR / "strategy-backup.v1.json"
#: A strategy file bigger than this is refused before it is parsed (a full demo strategy is ~150 kB); the
#: preview posts the file back with the person's ticks, so it must stay under the request limit.
MAX_FILE_BYTES = 2_000_000

#: What the person reads for each kind of row in the preview (the first of these fields that is filled).
_ROW_LABEL_FIELDS = ("name", "title", "metric", "role", "item", "message", "description")
#: The fields of a guide task an import may overwrite (when ticked): never its title, phase or place.
_TASK_OVERWRITE_FIELDS = ("description", "start", "due", "status", "section")


class ExchangeError(ValueError):
    """The file cannot be imported; the message says why, and nothing was written."""


# --- Export ---------------------------------------------------------------------------------------------


def readable_snapshot(user, strategy: Strategy):
    """What of `strategy` the user reads, as the pages and the PDF decide: None for the working copy (the
    country's members, admins), else the newest snapshot they may see; Http404 if none."""
    if can_read_working_copy(user, strategy):
        return None
    snapshot = (
        visible_snapshots(user, Snapshot.objects.filter(strategy=strategy).select_related("review"))
        .order_by("-number")
        .first()
    )
    if snapshot is None:
        raise Http404
    return snapshot


def is_approved(snapshot) -> bool:
    review = getattr(snapshot, "review", None)
    return bool(review and review.decision == "approve")


def origin_label(*, country, title: str, version: int, state: str) -> str:
    says = {"approved": "approved", "submitted": "in review", "working_copy": "working copy"}[state]
    return f"{country.name} – {title} ({says}, v{version})"[:300]


def strategy_export(*, strategy: Strategy, snapshot=None, approved: bool = False, factsheets: bool = False) -> dict:
    """The strategy as one JSON document: its working copy, or (`snapshot`) a frozen submission. The caller
    chose what the user may read (exports.exchange_views, the API); `factsheets` adds the country's factsheets
    (for its members and admins only)."""
    country = strategy.country
    if snapshot is None:
        content = strategy_content(strategy)
        state, number = "working_copy", None
        period_start, period_end = _when(strategy.period_start), _when(strategy.period_end)
    else:
        content = snapshot.data
        state, number = ("approved" if approved else "submitted"), snapshot.number
        # A snapshot keeps the period as it read; the dates of the live row may have moved on since.
        period_start = period_end = None
    exporter = _Exporter(country)
    refs = _Refs()
    parts_in = content.get("parts", {})
    for kind in PART_KINDS:  # number every row first, so links between rows find their file ids
        for row in parts_in.get(kind, []):
            refs(kind, row["id"])
    parts = {}
    for kind, (model, _fields) in PART_KINDS.items():
        parts[kind] = [
            {
                "id": refs(kind, row["id"]),
                "source_id": row["id"],
                "position": position,
                "values": exporter.values(model, row.get("values", {}), refs),
            }
            for position, row in enumerate(parts_in.get(kind, []), start=1)
        ]
    title = content.get("title", strategy.title)
    version = content.get("version", strategy.version)
    data = {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _when(timezone.now()),
        "source": settings.SITE_URL,
        "country": {"code": country.code, "name": country.name},
        "strategy": {
            "title": title,
            "language": content.get("language", strategy.language),
            "period": content.get("period", ""),
            "period_start": period_start,
            "period_end": period_end,
            "status": strategy.status if snapshot is None else state,
            "version": version,
            "origin": {
                "instance": settings.SITE_URL,
                "country": country.code,
                "strategy_id": strategy.pk,
                "title": title,
                "version": version,
                "state": state,
                "snapshot": number,
                "label": origin_label(country=country, title=title, version=version, state=state),
            },
            "contact": {key: (content.get("contact") or {}).get(key, "") for key in ("name", "email", "address")},
            "sections": {key: {"values": values} for key, values in content.get("sections", {}).items()},
            "parts": parts,
            "assessments": [
                {
                    "recommendation": a["number"],
                    "title": a.get("title", ""),
                    "status": a["status"],
                    "evidence": a.get("evidence", ""),
                }
                for a in sorted(content.get("assessments", []), key=lambda a: a["number"])
            ],
        },
    }
    if factsheets:
        data["factsheets"] = exporter.factsheets()
    return data


# --- Validation -----------------------------------------------------------------------------------------


def _validator():
    import jsonschema
    from referencing import Registry, Resource

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    backup = json.loads(BACKUP_SCHEMA_PATH.read_text(encoding="utf-8"))
    registry = Registry().with_resources(
        [(s["$id"], Resource.from_contents(s)) for s in (schema, backup)],
    )
    return jsonschema.Draft202012Validator(schema, registry=registry)


def validate_strategy_file(data) -> None:
    """Check a strategy file against its JSON Schema; ExchangeError names the first problem and where."""
    import jsonschema

    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ExchangeError(f"This is not a strategy file of the 1+MG Strategy Planner (format {FORMAT}).")
    if data.get("version") != VERSION:
        raise ExchangeError(f"This file is version {data.get('version')!r}; this planner reads version {VERSION}.")
    error = jsonschema.exceptions.best_match(_validator().iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        raise ExchangeError(f"The file does not match the strategy format at {where}: {error.message}")


def parse_strategy_file(raw: bytes | str) -> dict:
    if len(raw) > MAX_FILE_BYTES:
        raise ExchangeError(f"The file is larger than {MAX_FILE_BYTES / 1_000_000:g} MB.")
    try:
        data = json.loads(raw)
    except (ValueError, UnicodeDecodeError, RecursionError) as error:
        raise ExchangeError(f"The file is not JSON: {str(error)[:200]}") from None
    validate_strategy_file(data)
    return data


# --- Import plan ----------------------------------------------------------------------------------------


@dataclass
class Change:
    """One thing an import would do. `key` names it in the preview's overwrite ticks."""

    key: str
    what: str  # where it goes, as people read it
    action: str  # "add", "fill", "overwrite", "same"
    incoming: str = ""
    current: str = ""

    @property
    def needs_tick(self) -> bool:
        return self.action == "overwrite"


@dataclass
class ImportPlan:
    origin: str
    sections: list[Change] = field(default_factory=list)
    rows: dict[str, list[Change]] = field(default_factory=dict)
    assessments: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def changes(self) -> list[Change]:
        return [*self.sections, *(c for rows in self.rows.values() for c in rows), *self.assessments]

    @property
    def overwrites(self) -> list[Change]:
        return [c for c in self.changes() if c.needs_tick]

    def counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for change in self.changes():
            counts[change.action] = counts.get(change.action, 0) + 1
        return counts


def _short(html: str, length: int = 160) -> str:
    text = plain_text(html or "")
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _row_label(kind: str, values: dict) -> str:
    for name in _ROW_LABEL_FIELDS:
        if values.get(name):
            return _short(str(values[name]), 120)
    return f"{kind} row"


def _task_matches(strategy: Strategy, tasks: list[dict]) -> dict[int, Task]:
    """The file's tasks that the target draft already has (the guide's action plan, which every strategy
    starts with): same phase and title, each target task matched at most once."""
    available: dict[tuple[str, str], list[Task]] = {}
    for task in Task.objects.filter(strategy=strategy).order_by("position", "pk"):
        available.setdefault((task.phase, task.title.strip().lower()), []).append(task)
    matches = {}
    for row in tasks:
        key = (row["values"].get("phase"), str(row["values"].get("title", "")).strip().lower())
        if available.get(key):
            matches[row["id"]] = available[key].pop(0)
    return matches


def import_plan(*, strategy: Strategy, data: dict) -> ImportPlan:
    """What importing `data` into `strategy` would do, without writing anything."""
    validate_strategy_file(data)
    incoming = data["strategy"]
    plan = ImportPlan(origin=incoming["origin"]["label"])
    prompts = {(p.section.key, p.field): p.prompt for p in SectionPrompt.objects.select_related("section")}
    titles = {t.key: str(t) for t in SectionTemplate.objects.all()}
    for model in SECTION_MODELS:
        section = model.objects.get(strategy=strategy)
        values = incoming["sections"].get(model.key, {}).get("values", {})
        for name in section.prompt_fields:
            theirs = values.get(name) or ""
            if not plain_text(theirs):
                continue
            mine = getattr(section, name) or ""
            action = (
                "fill" if not plain_text(mine) else "same" if plain_text(mine) == plain_text(theirs) else "overwrite"
            )
            plan.sections.append(
                Change(
                    key=f"section:{model.key}:{name}",
                    what=f"{titles.get(model.key, model.key)} – {prompts.get((model.key, name), name)}",
                    action=action,
                    incoming=_short(theirs),
                    current=_short(mine),
                )
            )
    matches = _task_matches(strategy, incoming["parts"].get("tasks", []))
    for kind in PART_KINDS:
        changes = []
        for row in incoming["parts"].get(kind, []):
            label = _row_label(kind, row["values"])
            if kind == "tasks" and row["id"] in matches:
                task = matches[row["id"]]
                same = all(
                    str(strategy_services.values_of(task).get(f) or "") == str(row["values"].get(f) or "")
                    for f in _TASK_OVERWRITE_FIELDS
                )
                changes.append(
                    Change(
                        key=f"tasks:{row['id']}",
                        what=label,
                        action="same" if same else "overwrite",
                        incoming=_task_summary(row["values"]),
                        current=_task_summary(strategy_services.values_of(task)),
                    )
                )
            else:
                changes.append(Change(key=f"{kind}:{row['id']}", what=label, action="add"))
        if changes:
            plan.rows[kind] = changes
    current = {a.recommendation.number: a for a in strategy.assessments.select_related("recommendation")}
    for item in incoming["assessments"]:
        mine = current.get(item["recommendation"])
        if mine is None:
            plan.notes.append(f"Recommendation {item['recommendation']} is not in this instance's guide: left out.")
            continue
        empty = mine.status == "not_started" and not plain_text(mine.evidence)
        same = mine.status == item["status"] and plain_text(mine.evidence) == plain_text(item["evidence"])
        plan.assessments.append(
            Change(
                key=f"assessment:{item['recommendation']}",
                what=f"{mine.recommendation.number}. {mine.recommendation.title}",
                action="same" if same else "fill" if empty else "overwrite",
                incoming=f"{item['status'].replace('_', ' ')}: {_short(item['evidence'])}",
                current=f"{mine.get_status_display()}: {_short(mine.evidence)}",
            )
        )
    if any(_people(model, row) for kind, (model, _f) in PART_KINDS.items() for row in incoming["parts"].get(kind, [])):
        plan.notes.append("Owners are people of the other team: imported rows have no owner until you set one.")
    if data.get("factsheets"):
        plan.notes.append("Factsheets in the file are not imported: adapt your own on the factsheet pages.")
    plan.notes.append("Your strategy's title, period and national contact stay as they are.")
    return plan


def _task_summary(values: dict) -> str:
    dates = " – ".join(str(values.get(f) or "…") for f in ("start", "due"))
    return f"{str(values.get('status') or '').replace('_', ' ')}, {dates}"


def _people(model, row: dict) -> bool:
    user_model = get_user_model()
    return any(
        f.is_relation and f.related_model is user_model and row["values"].get(f.name)
        for f in model._meta.concrete_fields
    )


# --- Import ---------------------------------------------------------------------------------------------


@dataclass
class ImportResult:
    added: dict[str, int] = field(default_factory=dict)
    sections_written: int = 0
    overwritten: int = 0
    assessments_written: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_added(self) -> int:
        return sum(self.added.values())


def _origin_for(row_values: dict, origin: str) -> str:
    earlier = (row_values.get("copied_from") or "").strip()
    return (f"{earlier} (via {origin})" if earlier else origin)[:300]


@transaction.atomic
def strategy_import(*, strategy: Strategy, data: dict, overwrite: set[str], user) -> ImportResult:
    """Import a strategy file into `strategy` (a draft the caller may edit), all or nothing: new rows are
    added at the end of their lists, empty answers and untouched assessments filled, and what the draft
    already has is overwritten only where `overwrite` names it (the keys of the preview's ticks)."""
    strategy = Strategy.objects.select_for_update().get(pk=strategy.pk)
    plan = import_plan(strategy=strategy, data=data)  # inside the lock: the same decisions as just written
    incoming = data["strategy"]
    origin = plan.origin
    result = ImportResult()
    by_key = {c.key: c for c in plan.changes()}

    def wanted(key: str) -> bool:
        change = by_key.get(key)
        return change is not None and (change.action in ("add", "fill") or (change.needs_tick and key in overwrite))

    for model in SECTION_MODELS:
        section = strategy_services.section_for(strategy, model.key)
        values = incoming["sections"].get(model.key, {}).get("values", {})
        write = {}
        for name in section.prompt_fields:
            key = f"section:{model.key}:{name}"
            if wanted(key):
                write[name] = values[name]
                result.overwritten += by_key[key].action == "overwrite"
        if write:
            try:
                strategy_services.section_update(
                    strategy=strategy, key=model.key, data=write, base_version=section.edit_version, user=user
                )
            except ValidationError as error:
                raise ExchangeError(f"Section {model.key}: {_said(error)}") from None
            result.sections_written += 1

    presets = {(p.kind, p.name): p for p in Preset.objects.all()}
    ids: dict[str, dict[int, int]] = {}
    matches = _task_matches(strategy, incoming["parts"].get("tasks", []))
    for file_id, task in matches.items():
        ids.setdefault("tasks", {})[file_id] = task.pk
    for kind in RESTORE_ORDER:
        model = PART_KINDS[kind][0]
        rows = incoming["parts"].get(kind, [])
        if kind == "tasks":  # tasks before their sub-tasks
            rows = sorted(rows, key=lambda row: row["values"].get("parent") is not None)
        for row in rows:
            key = f"{kind}:{row['id']}"
            if kind == "tasks" and row["id"] in matches:
                task = matches[row["id"]]
                if wanted(key):
                    fields = {name: row["values"].get(name) for name in _TASK_OVERWRITE_FIELDS}
                    fields["copied_from"] = _origin_for(row["values"], origin)
                    try:
                        strategy_services.part_update(part=task, data=fields, base_version=task.edit_version, user=user)
                    except ValidationError as error:
                        raise ExchangeError(f"tasks row {row['id']} ({task.title}): {_said(error)}") from None
                    result.overwritten += 1
                continue
            try:
                values = _row_values(model, row["values"], ids, presets, result)
                part = strategy_services.part_create(
                    model=model, strategy=strategy, user=user, copied_from=_origin_for(row["values"], origin), **values
                )
            except ValidationError as error:  # the whole import is rolled back; say which row and why
                raise ExchangeError(
                    f"{kind} row {row['id']} ({_row_label(kind, row['values'])}): {_said(error)}"
                ) from None
            ids.setdefault(kind, {})[row["id"]] = part.pk
            result.added[kind] = result.added.get(kind, 0) + 1

    assessments = {a.recommendation.number: a for a in strategy.assessments.select_related("recommendation")}
    updates = {}
    for item in incoming["assessments"]:
        key = f"assessment:{item['recommendation']}"
        if item["recommendation"] in assessments and wanted(key):
            assessment = assessments[item["recommendation"]]
            updates[assessment.pk] = {
                "status": item["status"],
                "evidence": item["evidence"],
                "edit_version": assessment.edit_version,
            }
            result.overwritten += by_key[key].action == "overwrite"
    if updates:
        try:
            saved = strategy_services.assessments_update(strategy=strategy, data=updates, user=user)
        except ValidationError as error:
            raise ExchangeError(f"Recommendations: {_said(error)}") from None
        result.assessments_written = sum(1 for r in saved.values() if r.status in ("saved", "merged"))
    return result


def _said(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
    return " ".join(error.messages)


def _row_values(model, values: dict, ids: dict, presets: dict, result: ImportResult) -> dict:
    """A file row's values as keyword arguments of part_create: links to rows of the same file become the
    new rows' ids, guide lists are found by kind and name, people are left out (they belong to the other
    team), and every value goes through the field's own parsing (full_clean checks it again)."""
    user_model = get_user_model()
    out = {}
    for f in model._meta.concrete_fields:
        if f.name not in values or f.name in ("copied_from", "strategy", "id"):
            continue
        value = values[f.name]
        if f.is_relation:
            if value is None or f.related_model is user_model:
                continue
            if f.related_model is Preset:
                preset = presets.get((value.get("kind"), value.get("name")))
                if preset is None:
                    result.warnings.append(f"Example {value.get('name')!r} is not in this instance's guide: left out.")
                    continue
                out[f.attname] = preset.pk
                continue
            kind = KIND_OF_MODEL.get(f.related_model._meta.model_name)
            target = ids.get(kind, {}).get(value) if kind else None
            if target is not None:
                out[f.attname] = target
            continue
        if value in (None, "") and f.null:
            out[f.name] = None
        else:
            out[f.name] = f.to_python(value)
    return out


def snapshot_as_file(snapshot, *, approved: bool) -> dict:
    """An approved snapshot (of another country) as the same data a file brings: importing from the snapshot
    page and from a downloaded file are one path."""
    return strategy_export(strategy=snapshot.strategy, snapshot=snapshot, approved=approved)
