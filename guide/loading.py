"""Load guide/content.py into the reference tables. Idempotent: data migrations call it again after edits."""

from __future__ import annotations

from guide import content


def load_guide_content(apps) -> None:
    """Upsert every item of the guide by its natural key, using the migration's historical models."""
    SectionTemplate = apps.get_model("guide", "SectionTemplate")
    SectionPrompt = apps.get_model("guide", "SectionPrompt")
    TemplateTask = apps.get_model("guide", "TemplateTask")
    Preset = apps.get_model("guide", "Preset")
    Recommendation = apps.get_model("guide", "Recommendation")
    GlossaryTerm = apps.get_model("guide", "GlossaryTerm")
    Resource = apps.get_model("guide", "Resource")
    BrandColour = apps.get_model("guide", "BrandColour")
    GuideText = apps.get_model("guide", "GuideText")

    for data in [*content.SECTIONS, content.APPENDICES_SECTION]:
        section, _ = SectionTemplate.objects.update_or_create(
            key=data["key"],
            defaults={"number": data["number"], "title": data["title"], "guidance": data.get("guidance", "")},
        )
        for position, prompt in enumerate(data["prompts"], start=1):
            SectionPrompt.objects.update_or_create(
                section=section,
                field=prompt["field"],
                defaults={"position": position, "prompt": prompt["prompt"], "guidance": prompt.get("guidance", "")},
            )

    position = 0
    for task in content.ACTION_PLAN:
        position += 1
        parent, _ = TemplateTask.objects.update_or_create(
            phase=task["phase"],
            parent=None,
            title=task["title"],
            defaults={"position": position, "section_key": task.get("section", "")},
        )
        for sub in task.get("subtasks", []):
            position += 1
            TemplateTask.objects.update_or_create(
                phase=task["phase"],
                parent=parent,
                title=sub["title"],
                defaults={"position": position, "section_key": sub.get("section", "")},
            )

    for kind, names in (
        ("citizens", content.CITIZEN_GROUPS),
        ("professionals", content.PROFESSIONAL_GROUPS),
        ("channel", content.CHANNELS),
    ):
        for position, name in enumerate(names, start=1):
            Preset.objects.update_or_create(kind=kind, name=name, defaults={"position": position})

    for rec in content.RECOMMENDATIONS:
        Recommendation.objects.update_or_create(
            number=rec["number"],
            defaults={"title": rec["title"], "takeaway": rec["takeaway"], "action": rec["action"]},
        )

    for position, term in enumerate(content.GLOSSARY, start=1):
        GlossaryTerm.objects.update_or_create(
            term=term["term"],
            defaults={
                "kind": term["kind"],
                "definition": term["definition"],
                "url": term.get("url", ""),
                "position": position,
            },
        )

    for position, res in enumerate(content.RESOURCES, start=1):
        Resource.objects.update_or_create(
            title=res["title"],
            defaults={
                "description": res["description"],
                "url": res["url"],
                "group": res["group"],
                "position": position,
            },
        )

    for position, colour in enumerate(content.PALETTE, start=1):
        BrandColour.objects.update_or_create(hex=colour["hex"], defaults={"name": colour["name"], "position": position})

    texts = dict(content.TEXTS)
    texts["funding_statement"] = {"title": "Funding statement", "text": content.FUNDING_STATEMENT}
    texts["branding_guidelines"] = {"title": "Guidelines for use", "text": content.BRANDING_GUIDELINES}
    texts["glossary_more"] = {
        "title": "More definitions",
        "text": f'<a href="{content.GLOSSARY_MORE["url"]}">{content.GLOSSARY_MORE["text"]}</a>',
    }
    for key, text in texts.items():
        GuideText.objects.update_or_create(key=key, defaults={"title": text["title"], "text": text["text"]})

    try:  # the key-information questions moved into this app (guide 0003); earlier states have them elsewhere
        KeyQuestion = apps.get_model("guide", "KeyQuestion")
    except LookupError:
        return
    load_key_questions(KeyQuestion)


def load_key_questions(KeyQuestion) -> None:
    """Upsert the eleven key-information questions into `KeyQuestion` (a model class: the migration's
    historical one, which lived in the factsheets app before guide 0003)."""
    for question in content.KEY_QUESTIONS:
        KeyQuestion.objects.update_or_create(
            number=question["number"],
            defaults={
                "question": question["question"],
                "answer": question["answer"],
                "links": question.get("links", []),
                "placeholders": question.get("placeholders", []),
            },
        )
