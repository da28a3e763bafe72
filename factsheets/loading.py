"""Load appendix IV's two factsheet templates into the factsheets app's table."""

from __future__ import annotations


def load_factsheet_content(apps) -> None:
    """Upsert appendix IV's two factsheet templates (idempotent: data migrations call it again after edits).
    The questions they use are the guide's (guide.loading.load_key_questions)."""
    FactsheetTemplate = apps.get_model("factsheets", "FactsheetTemplate")
    for key, title, audience, numbers in FACTSHEETS:
        FactsheetTemplate.objects.update_or_create(
            key=key, defaults={"title": title, "audience": audience, "question_numbers": numbers}
        )
    if any(f.name == "voice" for f in FactsheetTemplate._meta.get_fields()):
        for key, voice in VOICES.items():
            FactsheetTemplate.objects.filter(key=key).update(voice=voice)


#: In whose words each factsheet speaks (the guide: adapt the key information to the target audience).
VOICES = {
    "citizens": (
        "Plain language for the general public: short sentences, everyday words, 'you' and 'your data'; "
        "explain every technical term (genome, consent, federated) the first time; say what choices people "
        "have and where to ask."
    ),
    "professionals": (
        "For clinicians and other healthcare professionals: concrete clinical use cases (diagnosis of rare "
        "diseases, choice of treatment in cancer), what changes in their practice, how to answer patients' "
        "questions about consent and data protection, and where to refer them."
    ),
}

#: Appendix IV's two factsheets. Citizens get the plain-language questions (no framework internals);
#: healthcare professionals get all eleven, including the framework and the EHDS.
FACTSHEETS = (
    (
        "citizens",
        "Factsheet 1: The 1+ Million Genomes initiative for citizens",
        "citizens",
        [1, 2, 4, 5, 6, 7, 8, 9, 10],
    ),
    (
        "professionals",
        "Factsheet 2: The 1+ Million Genomes initiative for healthcare providers",
        "professionals",
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    ),
)
