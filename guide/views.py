from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from guide.models import (
    BrandColour,
    GlossaryTerm,
    GuideText,
    KeyQuestion,
    Preset,
    Recommendation,
    Resource,
    SectionTemplate,
    TemplateTask,
)


@login_required
def guide_index(request):
    """The guide itself, browsable: template, recommendations, key information, action plan, lists."""
    return render(
        request,
        "guide/index.html",
        {
            "sections": SectionTemplate.objects.prefetch_related("prompts"),
            "recommendations": Recommendation.objects.all(),
            "questions": KeyQuestion.objects.all(),
            "tasks": TemplateTask.objects.filter(parent=None).prefetch_related("subtasks"),
            "presets": Preset.objects.all(),
            "texts": {t.key: t for t in GuideText.objects.all()},
            "palette": BrandColour.objects.all(),
        },
    )


@login_required
def glossary(request):
    return render(
        request,
        "guide/glossary.html",
        {"terms": GlossaryTerm.objects.all(), "more": GuideText.objects.filter(key="glossary_more").first()},
    )


@login_required
def resources(request):
    return render(request, "guide/resources.html", {"resources": Resource.objects.all()})
