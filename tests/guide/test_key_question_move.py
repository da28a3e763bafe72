"""KeyQuestion moved from factsheets to guide (issue #10) without losing a row: the table kept its name, and a
database migrated from before the move comes out with the same eleven questions and working factsheets."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from accounts.models import Country
from factsheets import services
from factsheets.models import FactsheetTemplate
from guide.models import KeyQuestion

BEFORE_THE_MOVE = [("guide", "0002_guide_content"), ("factsheets", "0005_input_limits")]


def test_the_eleven_questions_are_guide_content(db):
    assert KeyQuestion._meta.app_label == "guide"
    assert KeyQuestion._meta.db_table == "factsheets_keyquestion"  # kept: no copy, nothing lost
    assert list(KeyQuestion.objects.values_list("number", flat=True)) == list(range(1, 12))


def test_a_factsheet_still_resolves_its_questions(db):
    germany = Country.objects.get(code="DE")
    factsheet = services.factsheet_get_or_create(
        country=germany, template=FactsheetTemplate.objects.get(audience="professionals"), language="en"
    )
    items = services.resolved(factsheet)["items"]
    assert [item["question"].number for item in items] == list(range(1, 12))
    assert all(item["html"] for item in items)


@pytest.mark.django_db(transaction=True)
def test_migrating_across_the_move_keeps_every_question_and_factsheet(reference_data):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_THE_MOVE)
    old = executor.loader.project_state(BEFORE_THE_MOVE).apps
    OldQuestion = old.get_model("factsheets", "KeyQuestion")
    OldQuestion.objects.filter(number=3).update(answer="<p>Edited by an admin before the move</p>")
    questions_before = sorted(OldQuestion.objects.values_list("number", "question", "answer"))
    assert len(questions_before) == 11
    template = old.get_model("factsheets", "FactsheetTemplate").objects.get(audience="professionals")
    old.get_model("factsheets", "Factsheet").objects.create(
        country_id=Country.objects.get(code="FR").pk, template_id=template.pk, language="fr"
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    assert sorted(KeyQuestion.objects.values_list("number", "question", "answer")) == questions_before
    factsheet = services.Factsheet.objects.get(country__code="FR", language="fr")
    items = services.resolved(factsheet)["items"]
    assert len(items) == 11
    assert "Edited by an admin before the move" in items[2]["html"]
