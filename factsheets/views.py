"""The two factsheets of a country: list, adapt with a live preview, export as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.models import GUIDE_LANGUAGE, Country
from core import params
from core.html import sanitize_html
from factsheets import services
from factsheets.models import Factsheet, FactsheetTemplate
from factsheets.permissions import country_or_404, factsheet_or_404


def _country(request, code: str, *, edit: bool = False) -> Country:
    return country_or_404(request.user, code, edit=edit)


@login_required
def factsheet_list(request, code: str):
    country = _country(request, code)
    existing = {(f.template_id, f.language): f for f in Factsheet.objects.filter(country=country)}
    languages = country.allowed_languages
    rows = [
        {"template": t, "cells": [{"language": lang, "factsheet": existing.get((t.pk, lang))} for lang in languages]}
        for t in FactsheetTemplate.objects.all()
    ]
    can_edit = policy.can_edit_factsheets(request.user, country)
    return render(request, "factsheets/factsheet_list.html", {"country": country, "rows": rows, "can_edit": can_edit})


@login_required
@require_POST
def factsheet_start(request, code: str, key: str, language: str):
    country = _country(request, code, edit=True)
    template = get_object_or_404(FactsheetTemplate, key=key)
    try:
        factsheet = services.factsheet_get_or_create(country=country, template=template, language=language)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("factsheets:list", code=country.code)
    return redirect("factsheets:edit", pk=factsheet.pk)


def _factsheet(request, pk: int, *, edit: bool = False) -> Factsheet:
    return factsheet_or_404(request.user, pk, edit=edit)


def _posted(request, factsheet: Factsheet) -> tuple[dict, dict]:
    answers = {
        str(q.number): {
            "own": request.POST.get(f"own-{q.number}") == "on",
            "text": request.POST.get(f"text-{q.number}", ""),
            "keep_english": request.POST.get(f"keep-{q.number}") == "on",
        }
        for q in services.questions_of(factsheet)
    }
    placeholders = {key: request.POST.get(f"ph-{key}", "") for key in services.PLACEHOLDERS}
    return answers, placeholders


@login_required
def factsheet_edit(request, pk: int):
    factsheet = _factsheet(request, pk)
    can_edit = policy.can_edit_factsheets(request.user, factsheet.country)
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        answers, placeholders = _posted(request, factsheet)
        try:
            version = params.edit_version(request.POST.get("edit_version"))
            services.factsheet_update(
                factsheet=factsheet, answers=answers, placeholders=placeholders, base_version=version, user=request.user
            )
        except (ValidationError, params.InvalidInput) as error:
            messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
            factsheet.answers, factsheet.placeholders = answers, placeholders  # keep the user's input on screen
            status = 400 if isinstance(error, params.InvalidInput) else 409 if _is_conflict(error) else 422
            return _editor(request, factsheet, can_edit, status=status, unsaved=True)
        messages.success(request, _("Saved."))
        return redirect("factsheets:edit", pk=factsheet.pk)
    return _editor(request, factsheet, can_edit)


def _is_conflict(error: ValidationError) -> bool:
    return getattr(error, "code", None) == "conflict"


def _editor(request, factsheet, can_edit, status=200, unsaved=False):
    content = services.resolved(factsheet)
    questions = [
        {
            "question": item["question"],
            "own": factsheet.answers.get(str(item["question"].number), {}).get("own", False),
            "text": factsheet.answers.get(str(item["question"].number), {}).get("text", "") or item["question"].answer,
            "english": item["english"],
            "keep_english": factsheet.answers.get(str(item["question"].number), {}).get("keep_english", False),
        }
        for item in content["items"]
    ]
    return render(
        request,
        "factsheets/factsheet_form.html",
        {
            "factsheet": factsheet,
            "questions": questions,
            "content": content,
            "placeholders": [
                (k, label, factsheet.placeholders.get(k, "")) for k, label in services.PLACEHOLDERS.items()
            ],
            "can_edit": can_edit,
            "unsaved": unsaved,
            "translated_version": factsheet.language != GUIDE_LANGUAGE,
            "language_name": services.language_name(factsheet.language),
        },
        status=status,
    )


@login_required
@require_POST
def factsheet_preview(request, pk: int):
    """The live preview: what the posted (unsaved) input would look like. Writes nothing."""
    factsheet = _factsheet(request, pk)
    factsheet.answers, factsheet.placeholders = _posted(request, factsheet)
    for answer in factsheet.answers.values():
        answer["text"] = sanitize_html(answer["text"])
    return render(
        request, "factsheets/includes/preview.html", {"factsheet": factsheet, "content": services.resolved(factsheet)}
    )


@login_required
def factsheet_pdf(request, pk: int):
    """The PDF is made (and its URL served) by exports; links from before it moved still work."""
    factsheet = _factsheet(request, pk)
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(reverse("exports:factsheet_pdf", args=[factsheet.pk]) + query)
