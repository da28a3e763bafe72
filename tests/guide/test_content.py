"""Nothing of the guide may be dropped silently: each list below is typed from docs/guide.txt by hand,
independently of guide/content.py, and checked against what the migrations loaded."""

import re
from pathlib import Path

import pytest

from factsheets.models import FactsheetTemplate
from guide.models import (
    BrandColour,
    GlossaryTerm,
    GuideText,
    KeyQuestion,
    Preset,
    Recommendation,
    Resource,
    SectionPrompt,
    SectionTemplate,
    TemplateTask,
)
from strategies.models import SECTION_MODELS

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "guide.txt"

SECTION_TITLES = [
    "Executive Summary",
    "Introduction",
    "Objectives",
    "Target audience",
    "Key messages",
    "Channels and tactics",
    "Content strategy",
    "Stakeholder engagement",
    "Implementation plan",
    "Monitoring and evaluation",
    "Risk management",
    "Conclusion",
    "Appendices",
]
PROMPTS = [
    "Brief overview of the strategy",
    "Key objectives and anticipated outcomes",
    "Background information",
    "Purpose of the strategy",
    "Scope and context",
    "Clear and specific communication goals",
    "Alignment with 1+MG objectives and national genomic plan",
    "Identification of key audience segments",
    "Audience needs and preferences",
    "Key messages",
    "Tailored messages for different audiences",
    "Supporting points and evidence",
    "Communication channels (e.g., social media, email, press releases, events)",
    "Specific tactics for each channel",
    "Integration and coordination of channels",
    "Types of content to be created (e.g., articles, videos, infographics)",
    "Content calendar and scheduling",
    "Tone, style and branding guidelines",
    "Key stakeholders and their roles",
    "Engagement strategies and activities",
    "Feedback and involvement mechanisms",
    "Detailed action plan and timeline",
    "Roles and responsibilities",
    "Resource allocation and budgeting",
    "Metrics and KPIs to measure success",
    "Tools and methods for monitoring",
    "Evaluation and reporting processes",
    "Potential risks and challenges",
    "Mitigation strategies",
    "Contingency plans",
    "Summary of key points",
    "Additional resources and templates",
    "Glossary of terms",
    "Contact information",
]
RECOMMENDATIONS = [
    "Ensure sufficient resources and capacity",
    "Facilitate accountability",
    "Define engagement goals and tools",
    "Build connection between initiatives",
    "Include diverse interests and viewpoints",
    "Develop capacity",
]
QUESTIONS = [
    "What is the 1+ Million Genomes initiative?",
    "What is the 1+ Million Genomes infrastructure?",
    "What is the 1+ Million Genomes framework?",
    "What data will be included?",
    "Who will have access to the data?",
    "What are the benefits of the 1+ Million Genomes initiative?",
    "How will the data be protected?",
    "What choices do citizens have?",
    "When will this be happening?",
    "How is the Genome of Europe involved in 1+ Million Genomes?",
    "How is the 1+ Million Genome initiative different from the European Health Data Space?",
]
ACTION_PLAN = {
    "initiate": {
        "Learn about the 1+MG initiative": [
            "Connect to the initiative at a European level",
            "Connect to the initiative at a national level",
        ],
        "Explore the needs and beliefs of your citizens and healthcare professionals": [
            "What groups are there?",
            "What groups are difficult to reach or vulnerable?",
        ],
        "Prioritise trust": [
            "Ensure citizens are compensated and acknowledged",
            "Define processes to gather success stories from the secondary use of data and share with "
            "citizens and healthcare professionals",
        ],
        "Develop the plan - Adapt the template strategy in Appendix": [
            "Communication and engagement goals",
            "Key messages and communication channels - Adapt the citizen and healthcare professional "
            "factsheets and videos",
            "Engagement tools and activities",
            "Consider review of the plan by the target audience",
        ],
        "Design processes": [
            "Ethical framework including data privacy and security",
            "Risk management plan",
            "Metrics, monitoring methods, and evaluation and reporting processes",
        ],
    },
    "execute": {"Execute the strategy": [], "Monitor the execution": [], "Manage risk": []},
    "evaluate": {
        "Share findings with other 1+MG national implementations": [],
        "Modify the strategy based on lessons learnt": [],
    },
}
CITIZEN_GROUPS = [
    "adults",
    "children",
    "patients",
    "service users",
    "survivors",
    "carers",
    "patients’ family members",
    "community leaders",
    "advocacy groups",
]
PROFESSIONAL_GROUPS = [
    "doctors",
    "nurses",
    "midwives",
    "pharmacists",
    "allied health professionals",
    "genetic counsellors",
    "clinical geneticists",
    "laboratory scientists",
    "clinical bioinformaticians",
]
CHANNELS = [
    "a website for the national 1+mg initiative",
    "social media",
    "newsletters",
    "blog posts",
    "webinars",
    "podcasts",
]
GLOSSARY = [
    "1+MG",
    "B1MG",
    "GDI",
    "Cohort",
    "Consent",
    "Controlled access",
    "Data reuse",
    "Gene",
    "Genome",
    "Genomics",
    "Genotype",
    "Metadata",
    "Opt-in",
    "Opt-out",
    "Phenotype",
    "Secondary data analysis",
]
RESOURCES = [
    ("1mg", "1+MG EC webpage"),
    ("1mg", "1+MG Roadmap 2023-2027"),
    ("1mg", "1+MG Framework website"),
    ("1mg", "B1MG D1.5 Stakeholders trust in genomic data sharing landscape analysis"),
    ("1mg", "B1MG D1.6 Citizen engagement and public trust in genomic data sharing"),
    ("1mg", "B1MG D1.7 B1MG recommendation on citizens engagement and public trust in genomic data sharing"),
    ("1mg", "B1MG D5.2 - Roadmap and guidance tool for countries"),
    ("1mg", "B1MG Maturity Level Model"),
    ("other", "GA4GH framework for involving and engaging participants, patients, and publics in genomics"),
    ("other", "TEHDAS report on lessons learned"),
    ("other", "JANE patient involvement toolkit"),
    ("other", "Irish Health and Safety Executive resources for patient and public involvement in research"),
]
PALETTE = ["#acd196", "#00abb2", "#6ec6d8", "#f9ec78", "#d0e2ea"]
FUNDING = (
    "GDI project receives funding from the European Union’s Digital Europe Programme under grant agreement "
    "number 101081813."
)


def normalise(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"(?<=[A-Za-z)])\d{1,2}\b", "", text)  # footnote markers glued to words in the PDF text
    return " ".join(text.replace("’", "'").split()).lower()


@pytest.fixture(scope="module")
def guide_text():
    return normalise(GUIDE.read_text(encoding="utf-8"))


pytestmark = pytest.mark.django_db


def test_section_templates_follow_appendix_v():
    assert [s.title for s in SectionTemplate.objects.order_by("number")] == SECTION_TITLES


def test_every_prompt_bullet_is_loaded_in_order():
    assert [p.prompt for p in SectionPrompt.objects.all()] == PROMPTS


def test_each_prompt_names_a_field_of_its_section_model():
    models = {m.key: m for m in SECTION_MODELS}
    for template in SectionTemplate.objects.prefetch_related("prompts"):
        assert [p.field for p in template.prompts.all()] == list(models[template.key].prompt_fields)
        assert template.guidance, f"{template} has no guidance"


def test_recommendations():
    loaded = list(Recommendation.objects.all())
    assert [r.title for r in loaded] == RECOMMENDATIONS
    assert all(r.takeaway and r.action for r in loaded)


def test_key_information_questions_and_placeholders():
    questions = list(KeyQuestion.objects.all())
    assert [q.question for q in questions] == QUESTIONS
    tokens = {p["token"] for q in questions for p in q.placeholders}
    assert tokens == {"[country]", "[country 1+MG website]", "[Add Information on national timescales]"}
    for q in questions:
        for placeholder in q.placeholders:
            assert placeholder["token"] in q.answer


def test_action_plan_template():
    loaded = {}
    for task in TemplateTask.objects.filter(parent=None).prefetch_related("subtasks"):
        loaded.setdefault(task.phase, {})[task.title] = [s.title for s in task.subtasks.order_by("position")]
    assert loaded == ACTION_PLAN


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("citizens", CITIZEN_GROUPS), ("professionals", PROFESSIONAL_GROUPS), ("channel", CHANNELS)],
)
def test_example_lists(kind, expected):
    assert [p.name.lower().replace("'", "’") for p in Preset.objects.filter(kind=kind)] == expected


def test_glossary():
    assert [t.term for t in GlossaryTerm.objects.all()] == GLOSSARY
    assert GuideText.objects.get(key="glossary_more").text


def test_resources():
    loaded = [(r.group, r.title) for r in Resource.objects.all()]
    assert len(loaded) == len(RESOURCES)
    for (group, title), (expected_group, expected_start) in zip(loaded, RESOURCES, strict=True):
        assert group == expected_group and title.startswith(expected_start)
    assert all(r.url.startswith("https://") for r in Resource.objects.all())


def test_branding():
    assert [c.hex.lower() for c in BrandColour.objects.all()] == PALETTE
    assert GuideText.objects.get(key="funding_statement").text == FUNDING


def test_guide_messages_are_all_there():
    keys = set(GuideText.objects.values_list("key", flat=True))
    assert {
        "purpose",
        "engagement_definition",
        "introduction",
        "scope",
        "conclusion",
        "acknowledgements",
        "contact",
        "factsheets",
        "branding_guidelines",
    } <= keys


def test_factsheet_templates_use_the_key_questions():
    templates = {t.audience: t for t in FactsheetTemplate.objects.all()}
    assert set(templates) == {"citizens", "professionals"}
    assert templates["professionals"].question_numbers == list(range(1, 12))
    assert set(templates["citizens"].question_numbers) <= set(range(1, 12))


def test_loaded_text_is_verbatim_from_the_guide(guide_text):
    """Everything we present as the guide's words must really be in the guide."""
    items = [
        *(s.title for s in SectionTemplate.objects.all()),
        *(p.prompt for p in SectionPrompt.objects.all()),
        *(t.title for t in TemplateTask.objects.all()),
        *(p.name for p in Preset.objects.all()),
        *(x for r in Recommendation.objects.all() for x in (r.title, r.takeaway, r.action)),
        *(q.question for q in KeyQuestion.objects.all()),
        *(x for t in GlossaryTerm.objects.all() for x in (t.term, t.definition)),
        *(x for r in Resource.objects.all() for x in (r.title, r.description)),
        *(c.hex for c in BrandColour.objects.all()),
    ]
    missing = [item for item in items if normalise(item) not in guide_text]
    assert not missing


def test_content_is_reloaded_idempotently():
    from django.apps import apps

    from factsheets.loading import load_factsheet_content
    from guide.loading import load_guide_content

    before = (TemplateTask.objects.count(), SectionPrompt.objects.count(), Preset.objects.count())
    load_guide_content(apps)
    load_factsheet_content(apps)
    assert (TemplateTask.objects.count(), SectionPrompt.objects.count(), Preset.objects.count()) == before


def test_each_factsheet_says_in_whose_words_it_speaks():
    voices = dict(FactsheetTemplate.objects.values_list("audience", "voice"))
    assert "Plain language" in voices["citizens"] and "clinical use cases" in voices["professionals"]
