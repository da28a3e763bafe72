import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from core.html import plain_text
from guide.models import TEMPLATE_SECTION_COUNT, SectionTemplate
from strategies import services
from strategies.models import (
    SECTION_MODELS,
    TEMPLATE_SECTIONS,
    AudienceSegment,
    KeyMessage,
    Risk,
    Strategy,
    Task,
)
from tests.factories import country, make_strategy


def test_plain_text_drops_tags_and_entities():
    assert plain_text("<p>Hello&nbsp;<strong>world</strong></p><ul><li>a</li></ul>") == "Hello world a"
    assert plain_text("<p> </p><br>") == ""


def test_template_has_twelve_sections_plus_appendices():
    assert len(TEMPLATE_SECTIONS) == 12 == TEMPLATE_SECTION_COUNT
    assert all(not SectionTemplate(number=m.number).is_appendix for m in TEMPLATE_SECTIONS)
    assert SectionTemplate(number=SECTION_MODELS[-1].number).is_appendix
    assert [m.number for m in SECTION_MODELS] == list(range(1, 14))
    assert len({m.key for m in SECTION_MODELS}) == 13


def test_every_prompt_field_is_a_text_field():
    for model in SECTION_MODELS:
        assert model.prompt_fields, model
        for name in model.prompt_fields:
            assert model._meta.get_field(name).get_internal_type() == "TextField"


def test_section_completeness_counts_answered_prompts(strategy):
    section = strategy.introduction_section
    assert section.completeness == 0
    section.background = "<p>Some background</p>"
    assert section.completeness == 33
    section.purpose = "<p> </p>"  # an empty paragraph left by the editor is not an answer
    assert section.completeness == 33
    section.purpose = section.scope_and_context = "<p>Text</p>"
    assert section.is_complete


def test_word_count(strategy):
    section = strategy.conclusion_section
    section.summary = "<p>One two <em>three</em></p>"
    assert section.word_count() == 3


def test_strategy_period_cannot_end_before_it_starts(db):
    strategy = Strategy(
        country=country("DE"),
        title="x",
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2025, 1, 1),
    )
    with pytest.raises(ValidationError) as error:
        strategy.full_clean()
    assert "period_end" in error.value.message_dict


def test_strategy_language_must_be_a_language_of_the_country(db):
    with pytest.raises(ValidationError) as error:
        Strategy(country=country("DE"), title="x", language="pt").full_clean()
    assert "language" in error.value.message_dict
    Strategy(country=country("DE"), title="x", language="DE").full_clean()  # normalised to lower case
    Strategy(country=country("PT"), title="x", language="en").full_clean()  # English is always allowed


@pytest.mark.parametrize(
    ("likelihood", "impact", "level"), [(1, 1, "low"), (1, 5, "low"), (2, 3, "medium"), (3, 5, "high"), (5, 5, "high")]
)
def test_risk_level_bands(likelihood, impact, level):
    assert Risk(likelihood=likelihood, impact=impact).level == level


@pytest.mark.parametrize("value", [0, 6])
def test_risk_scores_outside_1_to_5_are_refused(strategy, value):
    with pytest.raises(ValidationError):
        Risk(strategy=strategy, description="x", likelihood=value, impact=3).full_clean()


def test_risk_score_constraint_holds_in_the_database(strategy):
    with pytest.raises(IntegrityError):
        Risk.objects.create(strategy=strategy, description="x", likelihood=9, impact=1)


def test_task_due_before_start_is_refused(strategy):
    task = Task(strategy=strategy, phase="execute", title="t", start=datetime.date(2026, 5, 2))
    task.due = datetime.date(2026, 5, 1)
    with pytest.raises(ValidationError) as error:
        task.full_clean()
    assert "due" in error.value.message_dict


def test_subtask_must_share_phase_and_depth_is_two(strategy):
    parent = strategy.tasks.filter(parent=None, phase="initiate").first()
    with pytest.raises(ValidationError):
        Task(strategy=strategy, phase="execute", title="x", parent=parent).full_clean()
    child = parent.subtasks.first()
    with pytest.raises(ValidationError):
        Task(strategy=strategy, phase="initiate", title="x", parent=child).full_clean()
    Task(strategy=strategy, phase="initiate", title="x", parent=parent).full_clean()


def test_rows_cannot_point_into_another_strategy(strategy):
    other = make_strategy("FR")
    foreign_segment = services.part_create(model=AudienceSegment, strategy=other, group="citizens", name="Adults")
    with pytest.raises(ValidationError) as error:
        KeyMessage(strategy=strategy, segment=foreign_segment, message="Hello").full_clean()
    assert "segment" in error.value.message_dict


def test_key_message_without_segment_is_general(strategy):
    assert KeyMessage(strategy=strategy, message="m").is_general
