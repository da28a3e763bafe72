"""Backup and restore of one country: a round trip loses nothing (export, restore into an empty country,
export again: the same file but for its date), the file follows its published JSON Schema, and a restore
that cannot be done writes nothing and says why."""

import io
import json

import jsonschema
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounts.models import Country, User
from exports.backup import SCHEMA_PATH, BackupError, country_backup, country_restore
from factsheets.models import Factsheet
from reviews import services as review_services
from strategies import services
from strategies.forms import PART_KINDS
from strategies.models import SECTION_MODELS, AudienceSegment, Channel, Comment, Revision, Strategy, Tactic, Task
from strategies.services import editable_fields


@pytest.fixture
def germany(db):
    """Germany's demo strategy (every section and structured part, factsheets in two languages) taken
    through a whole review cycle, with comments, an assignment, a deleted row and a reopened version."""
    call_command("seed_demo", force=True, stdout=io.StringIO())
    lead, editor = User.objects.get(username="lead-de"), User.objects.get(username="editor-de")
    reviewer = User.objects.get(username="reviewer")
    strategy = Strategy.objects.get(country__code="DE")
    channel = Channel.objects.filter(strategy=strategy).first()
    doomed = services.part_create(model=AudienceSegment, strategy=strategy, user=editor, group="citizens", name="Gone")
    services.part_create(model=Tactic, strategy=strategy, user=editor, channel=channel, segment=doomed, description="X")
    services.part_delete(part=doomed, base_version=1, user=lead)
    thread = services.comment_add(strategy=strategy, key="objectives", author=editor, body="@lead-de is this right?")
    services.comment_add(strategy=strategy, key="objectives", author=lead, body="Yes.", parent=thread)
    services.comment_resolve(comment=thread, user=lead)
    services.section_assign(strategy=strategy, key="conclusion", assignee=editor, due=None, assigned_by=lead)
    review_services.strategy_submit(strategy=strategy, user=lead, note="First go")
    review = review_services.open_review(strategy)
    review_services.review_claim(review=review, user=reviewer)
    review_services.section_review_set(review=review, key="objectives", status="accepted", user=reviewer)
    review_services.section_review_set(
        review=review, key="conclusion", status="needs_changes", user=reviewer, comment="Say more."
    )
    review_services.review_decide(review=review, user=reviewer, decision="request_changes", reason="Conclusion.")
    section = strategy.conclusion_section
    section.refresh_from_db()
    services.section_update(
        strategy=strategy,
        key="conclusion",
        data={"summary": "<p>More.</p>"},
        base_version=section.edit_version,
        user=editor,
    )
    review_services.strategy_submit(strategy=strategy, user=lead)
    review = review_services.open_review(strategy)
    review_services.review_decide(review=review, user=reviewer, decision="approve")
    review_services.strategy_reopen(strategy=strategy, user=lead, reason="Year two")
    return strategy


@pytest.fixture
def small_germany(lead):
    """A quick stand-in for the other tests: a strategy with a row, a comment and a factsheet."""
    from factsheets.models import FactsheetTemplate
    from factsheets.services import factsheet_get_or_create
    from strategies.models import Risk
    from tests.factories import make_strategy

    strategy = make_strategy("DE")
    services.part_create(model=Risk, strategy=strategy, user=lead, description="Low turnout", impact=4)
    services.comment_add(strategy=strategy, key="objectives", author=lead, body="Check the targets")
    factsheet_get_or_create(country=strategy.country, template=FactsheetTemplate.objects.first(), language="de")
    return strategy


def without_date(data):
    return {key: value for key, value in data.items() if key != "exported_at"}


def test_backup_and_restore_round_trip_loses_nothing(germany):
    country = germany.country
    first = country_backup(country=country)
    jsonschema.validate(first, json.loads(SCHEMA_PATH.read_text()))
    [entry] = first["strategies"]
    assert len(entry["snapshots"]) == 2 and entry["snapshots"][0]["review"]["section_verdicts"]
    assert [e["action"] for e in entry["events"]] == ["submit", "request_changes", "submit", "approve", "reopen"]
    assert len(entry["revisions"]) == Revision.objects.filter(strategy=germany).count()
    assert len(first["factsheets"]) == 4 and len(entry["comments"]) == 3
    assert entry["contact_name"] == germany.contact_name and entry["contact_address"]  # the PDF's contact page

    # An empty instance for Germany: its work is gone and so is one of its people.
    Strategy.objects.filter(country=country).delete()
    Factsheet.objects.filter(country=country).delete()
    User.objects.filter(username="editor-de").delete()

    result = country_restore(data=json.loads(json.dumps(first)))
    assert result.created_users == ["editor-de"]
    recreated = User.objects.get(username="editor-de")
    assert not recreated.is_active and not recreated.has_usable_password() and not recreated.memberships.exists()

    second = country_backup(country=country)
    assert without_date(second) == without_date(first)

    # The restored strategy works: the history is the base of a three-way merge again.
    restored = Strategy.objects.get(country=country)
    section = restored.conclusion_section
    result = services.section_update(
        strategy=restored,
        key="conclusion",
        data={"summary": "<p>More.</p><p>And a new paragraph.</p>"},
        base_version=section.edit_version,
        user=User.objects.get(username="lead-de"),
    )
    assert result.status == "saved"
    # The deleted segment's history is kept under a negative id that no live row has.
    gone = Revision.objects.get(strategy=restored, action="delete", target__startswith="audiencesegment:")
    assert int(gone.target.split(":")[1]) < 0
    assert Tactic.objects.filter(strategy=restored, description="X").get().segment is None
    assert (
        Task.objects.filter(strategy=restored, template_task__isnull=False).count()
        == Task.objects.filter(strategy=Strategy.objects.get(country__code="FR"), template_task__isnull=False).count()
    )


def test_restore_commands_write_the_file_and_read_it_back(small_germany, tmp_path):
    path = tmp_path / "de.json"
    out = io.StringIO()
    call_command("backup_country", "de", stdout=out)
    path.write_text(out.getvalue())
    strategies = Strategy.objects.filter(country__code="DE")
    counts = (strategies.count(), Revision.objects.filter(strategy__in=strategies).count())

    with pytest.raises(CommandError, match="already has strategies"):
        call_command("restore_country", str(path), stdout=io.StringIO())

    strategies.delete()
    Factsheet.objects.filter(country__code="DE").delete()
    out = io.StringIO()
    call_command("restore_country", str(path), "--dry-run", stdout=out)
    assert "nothing was written" in out.getvalue() and not Strategy.objects.filter(country__code="DE").exists()
    out = io.StringIO()
    call_command("restore_country", str(path), stdout=out)
    assert "Restored into Germany" in out.getvalue()
    restored = Strategy.objects.filter(country__code="DE")
    assert (restored.count(), Revision.objects.filter(strategy__in=restored).count()) == counts


def test_a_file_that_breaks_the_format_is_refused_with_its_place_and_writes_nothing(small_germany):
    germany = small_germany
    data = country_backup(country=germany.country)
    Strategy.objects.filter(country=germany.country).delete()
    Factsheet.objects.filter(country=germany.country).delete()
    data["strategies"][0]["parts"]["risks"][0]["values"]["likelihood"] = "very"
    with pytest.raises(BackupError, match="strategies/0/parts/risks/0/values/likelihood"):
        country_restore(data=data)
    with pytest.raises(BackupError, match="version 2"):
        country_restore(data={**data, "version": 2})
    assert not Strategy.objects.filter(country=germany.country).exists()


def test_a_restore_that_fails_halfway_writes_nothing(small_germany):
    germany = small_germany
    data = country_backup(country=germany.country)
    Strategy.objects.filter(country=germany.country).delete()
    Factsheet.objects.filter(country=germany.country).delete()
    data["strategies"][0]["parts"]["risks"][-1]["values"]["impact"] = 9  # passes the schema, not the model
    with pytest.raises(BackupError, match="risks row"):
        country_restore(data=data)
    assert not Strategy.objects.filter(country=germany.country).exists()
    assert not Comment.objects.filter(strategy__country=germany.country).exists()
    assert Country.objects.get(code="DE").factsheets.count() == 0


def test_the_schema_documents_every_field_of_every_section_and_row():
    schema = json.loads(SCHEMA_PATH.read_text())
    strategy = schema["$defs"]["strategy"]["properties"]
    for model in SECTION_MODELS:
        values = strategy["sections"]["properties"][model.key]["properties"]["values"]["properties"]
        assert set(values) == set(model.prompt_fields), model.key
    for kind, (model, _fields) in PART_KINDS.items():
        values = strategy["parts"]["properties"][kind]["items"]["properties"]["values"]["properties"]
        assert set(values) == {f.name for f in editable_fields(model(strategy_id=0))}, kind
