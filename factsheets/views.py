"""The two factsheets of a country: list, adapt with a live preview, export as PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import policy
from accounts.models import GUIDE_LANGUAGE, Country
from core.html import sanitize_html
from core.pagecache import cached_page
from factsheets import services
from factsheets.forms import FactsheetForm
from factsheets.models import Factsheet, FactsheetTemplate
from factsheets.permissions import country_or_404, factsheet_or_404


def _country(request, code: str, *, edit: bool = False) -> Country:
    return country_or_404(request.user, code, edit=edit)


@login_required
@cached_page
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


@login_required
@cached_page
def factsheet_edit(request, pk: int):
    """The editor for those who may change the factsheet; for the others (viewers) the factsheet as it reads,
    with nothing that looks editable. A save by someone who may only read is refused (403)."""
    factsheet = _factsheet(request, pk, edit=request.method == "POST")
    if request.method != "POST":
        if not policy.can_edit_factsheets(request.user, factsheet.country):
            return _reader(request, factsheet)
        return _editor(request, factsheet, FactsheetForm(factsheet=factsheet))
    form = FactsheetForm(request.POST, factsheet=factsheet)
    if form.is_valid():
        answers, placeholders = form.posted()
        try:
            services.factsheet_update(
                factsheet=factsheet,
                answers=answers,
                placeholders=placeholders,
                base_version=form.cleaned_data["edit_version"],
                user=request.user,
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return _refused(request, factsheet, form, status=409 if _is_conflict(error) else 422)
        messages.success(request, _("Saved."))
        return redirect("factsheets:edit", pk=factsheet.pk)
    messages.error(request, " ".join(e for field in form.errors.values() for e in field))
    return _refused(request, factsheet, form, status=400 if form.damaged_version else 422)


def _is_conflict(error: ValidationError) -> bool:
    return getattr(error, "code", None) == "conflict"


def _refused(request, factsheet: Factsheet, form: FactsheetForm, *, status: int):
    """Nothing saved: the form keeps what was typed, and the preview shows it (its rich text sanitised, as it
    would be stored: the preview renders it as HTML)."""
    _show_posted(factsheet, form)
    return _editor(request, factsheet, form, status=status, unsaved=True)


def _show_posted(factsheet: Factsheet, form: FactsheetForm) -> None:
    factsheet.answers, factsheet.placeholders = form.posted()
    for answer in factsheet.answers.values():
        answer["text"] = sanitize_html(answer["text"])


def _editor(request, factsheet, form: FactsheetForm, status=200, unsaved=False):
    content = services.resolved(factsheet)
    items = {item["question"].number: item for item in content["items"]}
    questions = [
        {
            **row,
            "english": items[row["question"].number]["english"],
            "keep_english": bool(row["keep"] and row["keep"].value()),
        }
        for row in form.question_fields()
        if row["question"].number in items
    ]
    return render(
        request,
        "factsheets/factsheet_form.html",
        {
            "factsheet": factsheet,
            "form": form,
            "questions": questions,
            "content": content,
            "can_edit": True,
            "unsaved": unsaved,
            "translated_version": form.translated,
            "language_name": services.language_name(factsheet.language),
        },
        status=status,
    )


def _reader(request, factsheet: Factsheet):
    """The factsheet read-only: as it reads (the editor's preview) and its national details."""
    return render(
        request,
        "factsheets/factsheet_form.html",
        {
            "factsheet": factsheet,
            "content": services.resolved(factsheet),
            "can_edit": False,
            "details": [(label, factsheet.placeholders.get(key, "")) for key, label in services.PLACEHOLDERS.items()],
            "translated_version": factsheet.language != GUIDE_LANGUAGE,
            "language_name": services.language_name(factsheet.language),
        },
    )


@login_required
@require_POST
def factsheet_preview(request, pk: int):
    """The live preview: what the posted (unsaved) input would look like. Writes nothing."""
    factsheet = _factsheet(request, pk)
    form = FactsheetForm(request.POST, factsheet=factsheet)
    form.is_valid()  # the preview shows what was typed, valid or not; the save checks it
    _show_posted(factsheet, form)
    return render(
        request, "factsheets/_preview.html", {"factsheet": factsheet, "content": services.resolved(factsheet)}
    )


@login_required
def factsheet_pdf(request, pk: int):
    """The PDF is made (and its URL served) by exports; links from before it moved still work."""
    factsheet = _factsheet(request, pk)
    query = f"?{request.GET.urlencode()}" if request.GET else ""
    return redirect(reverse("exports:factsheet_pdf", args=[factsheet.pk]) + query)
