"""A strategy as JSON (format onemg-strategy, version 1): the export follows its JSON Schema (which shares the
backup's definitions) and the permission policy; another instance imports Germany's approved strategy from
that file into a fresh draft through the preview, every row with its origin, and gets the same strategy back;
nothing the target has written is overwritten unless ticked; bad files change nothing and say why."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from accounts.models import User
from audit.models import AuditEvent
from exports import exchange
from strategies import services as strategy_services
from strategies.forms import PART_KINDS
from strategies.models import SECTION_MODELS, Revision, Strategy, Task
from tests.conftest import rolled_back_at_the_end
from tests.db_state import fingerprint
from tests.factories import MembershipFactory, country, make_strategy

# Data written once for the module: its tests stay on one test worker (make test's --dist loadgroup).
pytestmark = pytest.mark.xdist_group("exchange-demo")


@pytest.fixture(scope="module")
def approved_demo(django_db_setup, django_db_blocker):
    """The demo, with Germany's strategy submitted and approved: once for the module (seconds each time), rolled
    back after its last test."""
    from reviews import services as review_services

    with rolled_back_at_the_end(django_db_blocker):
        call_command("seed_demo", force=True, stdout=io.StringIO())
        germany = Strategy.objects.get(country__code="DE")
        review_services.strategy_submit(strategy=germany, user=User.objects.get(username="lead-de"))
        review_services.review_decide(
            review=review_services.open_review(germany), user=User.objects.get(username="reviewer"), decision="approve"
        )
        yield germany.pk


@pytest.fixture
def approved_germany(approved_demo, db):
    """Germany's approved strategy, read afresh for each test (what a test changed is rolled back with its
    savepoint)."""
    return Strategy.objects.get(pk=approved_demo)


@pytest.fixture
def austria(db):
    """A fresh draft (the template only) with its lead."""
    lead = MembershipFactory(user__username="lead-at", role="lead", country=country("AT")).user
    return make_strategy("AT", title="Österreich"), lead


def _comparable(data: dict) -> dict:
    """What an import carries over: every section answer and every row's values, with links between rows
    named by the linked row's position, people and origins left out."""
    strategy = data["strategy"]
    positions = {kind: {row["id"]: i for i, row in enumerate(rows)} for kind, rows in strategy["parts"].items()}
    parts = {}
    for kind, rows in strategy["parts"].items():
        model = PART_KINDS[kind][0]
        related = {
            f.name: f.related_model._meta.model_name
            for f in model._meta.concrete_fields
            if f.is_relation and f.name != "strategy"
        }
        from exports.backup import KIND_OF_MODEL

        out = []
        for row in rows:
            values = {}
            for name, value in row["values"].items():
                if name in ("copied_from", "owner"):
                    continue
                if name in related and related[name] in KIND_OF_MODEL and value is not None:
                    value = ("row", positions[KIND_OF_MODEL[related[name]]].get(value))
                values[name] = value
            out.append(values)
        parts[kind] = out
    sections = {k: {f: v for f, v in s["values"].items() if v} for k, s in strategy["sections"].items()}
    assessments = [(a["recommendation"], a["status"], a["evidence"]) for a in strategy["assessments"]]
    return {"sections": sections, "parts": parts, "assessments": assessments}


def test_the_export_follows_its_schema_and_shares_the_backups_definitions(approved_germany):
    data = exchange.strategy_export(strategy=approved_germany, factsheets=True)
    exchange.validate_strategy_file(data)  # raises on any mismatch
    schema = json.loads(exchange.SCHEMA_PATH.read_text())
    assert schema["properties"]["format"] == {"const": "onemg-strategy"}
    refs = json.dumps(schema)
    assert (
        '"$ref": "strategy-backup.v1.json#/$defs/strategy/properties/parts/properties/tasks/items/properties/values"'
        in (refs)
    )
    # A file that breaks a rule of the shared definitions is refused by the strategy format too.
    data["strategy"]["parts"]["segments"][0]["values"]["group"] = "martians"
    with pytest.raises(exchange.ExchangeError, match="parts/segments/0/values/group"):
        exchange.validate_strategy_file(data)
    # Every kind, every section, every recommendation, with ids and origins.
    data = exchange.strategy_export(strategy=approved_germany)
    assert set(data["strategy"]["parts"]) == set(PART_KINDS)
    assert set(data["strategy"]["sections"]) == {m.key for m in SECTION_MODELS}
    assert len(data["strategy"]["assessments"]) == 6
    task = data["strategy"]["parts"]["tasks"][0]
    assert task["id"] == 1 and task["source_id"] == approved_germany.tasks.order_by("position", "pk").first().pk
    assert data["strategy"]["origin"]["label"].startswith("Germany – ")


def test_json_download_follows_the_permission_policy(client, approved_germany):
    url = reverse("exports:strategy_json", args=[approved_germany.pk])
    client.force_login(User.objects.get(username="viewer-de"))
    mine = client.get(url).json()
    assert mine["strategy"]["origin"]["state"] == "working_copy" and mine["factsheets"]
    client.force_login(User.objects.get(username="lead-fr"))
    theirs = client.get(url).json()
    assert theirs["strategy"]["origin"]["state"] == "approved" and "factsheets" not in theirs
    assert theirs["strategy"]["period_start"] is None
    french = Strategy.objects.get(country__code="FR")
    client.force_login(User.objects.get(username="lead-de"))
    assert client.get(reverse("exports:strategy_json", args=[french.pk])).status_code == 404
    assert AuditEvent.objects.filter(action="export", target__startswith="json:").count() == 2


def test_another_instance_imports_germanys_approved_strategy_from_its_json(client, approved_germany, austria):
    """Done when: export from one database state, import into a fresh country draft, compare."""
    target, lead = austria
    client.force_login(User.objects.get(username="lead-fr"))  # any signed-in user reads an approved strategy
    response = client.get(reverse("exports:strategy_json", args=[approved_germany.pk]))
    exported = response.content
    source = json.loads(exported)
    template_tasks = list(target.tasks.values_list("pk", flat=True))

    client.force_login(lead)
    url = reverse("exports:strategy_import", args=[target.pk])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("germany.json", exported, content_type="application/json")
    preview = client.post(url, {"file": upload})
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Check the import" in page and "Germany – " in page
    before = fingerprint(apps=("strategies",))
    assert fingerprint(apps=("strategies",)) == before  # the preview wrote nothing
    payload = preview.context["payload"]
    done = client.post(url, {"payload": payload, "confirm": "1"})
    assert done.status_code == 302 and done["Location"] == reverse("strategies:detail", args=[target.pk])

    imported = _comparable(exchange.strategy_export(strategy=target))
    expected = _comparable(source)
    assert imported["sections"] == expected["sections"]
    assert imported["assessments"] == expected["assessments"]
    for kind in PART_KINDS:
        if kind == "tasks":
            continue
        assert imported["parts"][kind] == expected["parts"][kind], kind
    # The guide's action plan the draft started with is matched by phase and title, not doubled; Germany's own
    # tasks are added.
    titles = [t["title"] for t in expected["parts"]["tasks"]]
    assert sorted(set(target.tasks.values_list("title", flat=True))) == sorted(
        set(titles) | set(Task.objects.filter(pk__in=template_tasks).values_list("title", flat=True))
    )
    # Every imported row records where it came from, and has its revision like any other write.
    origin = source["strategy"]["origin"]["label"]
    for kind, (model, _fields) in PART_KINDS.items():
        for row in model.objects.filter(strategy=target).exclude(pk__in=template_tasks if kind == "tasks" else []):
            assert row.copied_from.startswith(origin) or origin in row.copied_from, (kind, row.copied_from)
            assert Revision.objects.filter(strategy=target, target=f"{model._meta.model_name}:{row.pk}").exists()
    assert not Task.objects.filter(pk__in=template_tasks).exclude(copied_from="").exists()  # none ticked
    assert AuditEvent.objects.filter(action="import", target=f"strategy:{target.pk}").exists()


def test_nothing_is_overwritten_without_a_tick(client, approved_germany, austria):
    target, lead = austria
    strategy_services.section_update(
        strategy=target,
        key="executive_summary",
        data={"overview": "<p>Our own overview.</p>"},
        base_version=1,
        user=lead,
    )
    data = exchange.strategy_export(strategy=approved_germany, snapshot=approved_germany.snapshots.get(), approved=True)
    plan = exchange.import_plan(strategy=target, data=data)
    overview = next(c for c in plan.sections if c.key == "section:executive_summary:overview")
    assert overview.action == "overwrite" and overview.current == "Our own overview."
    client.force_login(lead)
    url = reverse("exports:strategy_import", args=[target.pk])
    client.post(url, {"payload": json.dumps(data), "confirm": "1"})
    assert strategy_services.section_for(target, "executive_summary").overview == "<p>Our own overview.</p>"
    # A second import with the tick overwrites it (as a new version in its history).
    client.post(url, {"payload": json.dumps(data), "confirm": "1", "overwrite": [overview.key]})
    section = strategy_services.section_for(target, "executive_summary")
    assert section.overview == data["strategy"]["sections"]["executive_summary"]["values"]["overview"]
    assert Revision.objects.filter(strategy=target, target="section:executive_summary").count() >= 3


def test_import_from_another_countrys_snapshot_page(client, approved_germany, austria):
    target, lead = austria
    snapshot = approved_germany.snapshots.get()
    client.force_login(lead)
    page = client.get(reverse("reviews:snapshot", args=[snapshot.pk])).content.decode()
    link = reverse("exports:strategy_import", args=[target.pk]) + f"?snapshot={snapshot.pk}"
    assert link in page
    form = client.get(link)
    assert form.context["form"].initial["snapshot"] == snapshot
    preview = client.post(reverse("exports:strategy_import", args=[target.pk]), {"snapshot": snapshot.pk})
    assert preview.status_code == 200 and preview.context["plan"].origin.startswith("Germany – ")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not json", "The file is not JSON"),
        (b'{"format": "onemg-strategy-backup", "version": 1}', "This is not a strategy file"),
        (b'{"format": "onemg-strategy", "version": 2}', "this planner reads version 1"),
        (b'{"format": "onemg-strategy", "version": 1}', "does not match the strategy format"),
    ],
)
def test_a_bad_file_is_refused_with_the_reason_and_writes_nothing(client, austria, content, message):
    target, lead = austria
    client.force_login(lead)
    before = fingerprint(apps=("strategies",))
    response = client.post(
        reverse("exports:strategy_import", args=[target.pk]), {"file": SimpleUploadedFile("x.json", content)}
    )
    assert response.status_code == 422 and message in response.content.decode()
    assert fingerprint(apps=("strategies",)) == before


def test_only_the_target_countrys_leads_editors_and_admins_import(client, approved_germany, austria):
    target, _lead = austria
    url = reverse("exports:strategy_import", args=[target.pk])
    viewer = MembershipFactory(user__username="viewer-at", role="viewer", country=target.country).user
    editor = MembershipFactory(user__username="editor-at", role="editor", country=target.country).user
    for username, status in (("viewer-at", 404), ("lead-de", 404), ("reviewer", 404), ("admin", 200)):
        client.force_login(User.objects.get(username=username))
        assert client.get(url).status_code == status, username
    client.force_login(editor)
    assert client.get(url).status_code == 200
    # And only into a draft: Germany's approved strategy takes no import.
    client.force_login(User.objects.get(username="lead-de"))
    assert client.get(reverse("exports:strategy_import", args=[approved_germany.pk])).status_code == 404
    assert viewer.pk


def test_a_row_the_model_refuses_stops_the_whole_import_with_its_reason(client, approved_germany, austria):
    target, lead = austria
    data = exchange.strategy_export(strategy=approved_germany, snapshot=approved_germany.snapshots.get(), approved=True)
    data["strategy"]["parts"]["risks"][-1]["values"]["impact"] = 9  # passes the schema, not the model
    client.force_login(lead)
    before = fingerprint(apps=("strategies",))
    response = client.post(
        reverse("exports:strategy_import", args=[target.pk]), {"payload": json.dumps(data), "confirm": "1"}
    )
    assert response.status_code == 422
    page = response.content.decode()
    assert "Nothing was imported." in page and f"risks row {len(data['strategy']['parts']['risks'])}" in page
    assert fingerprint(apps=("strategies",)) == before


def test_a_deeply_nested_file_is_refused_not_a_server_error(client, austria):
    target, lead = austria
    client.force_login(lead)
    nested = b"[" * 100_000 + b"]" * 100_000
    response = client.post(
        reverse("exports:strategy_import", args=[target.pk]), {"file": SimpleUploadedFile("deep.json", nested)}
    )
    assert response.status_code == 422 and "Nothing was imported." in response.content.decode()
