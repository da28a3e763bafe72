"""Adapting the guide's two factsheets: per question keep the shared text or write your own, fill the
placeholders, check plain language. `factsheet_document` is what the PDF shows; exports renders it."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import escape
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _

from accounts.models import GUIDE_LANGUAGE, Country
from core.html import plain_text, sanitize_html
from core.limits import PLACEHOLDER_MAX_CHARS, rich_text_validators, validate_no_nul
from factsheets.models import Factsheet, FactsheetTemplate
from guide.models import KeyQuestion

#: The guide's placeholders a country fills (key → label) and how each is written in the guide's text.
PLACEHOLDERS = {
    "country": gettext_lazy("Country name"),
    "national_website": gettext_lazy("National 1+MG website"),
    "national_timescales": gettext_lazy("National timescales"),
}
TOKENS = {
    "[country]": "country",
    "[country 1+MG website]": "national_website",
    "[Add Information on national timescales]": "national_timescales",
}


@transaction.atomic
def factsheet_get_or_create(*, country: Country, template: FactsheetTemplate, language: str) -> Factsheet:
    if language not in country.allowed_languages:
        raise ValidationError(_("%(lang)s is not a language of %(country)s.") % {"lang": language, "country": country})
    factsheet, created = Factsheet.objects.get_or_create(country=country, template=template, language=language)
    if created:
        factsheet.placeholders = {"country": country.name, "national_website": country.website}
        factsheet.save(update_fields=["placeholders"])
    return factsheet


def questions_of(factsheet: Factsheet) -> list[KeyQuestion]:
    by_number = {q.number: q for q in KeyQuestion.objects.filter(number__in=factsheet.template.question_numbers)}
    return [by_number[n] for n in factsheet.template.question_numbers if n in by_number]


def _fill(html: str, values: dict) -> tuple[str, set[str]]:
    """Replace the guide's placeholders; the ones without a value stay, marked, and are reported."""
    missing = set()
    for token, key in TOKENS.items():
        if token in html:
            value = (values.get(key) or "").strip()
            if value:
                html = html.replace(token, escape(value))
            else:
                missing.add(key)
                html = html.replace(token, f'<mark class="placeholder">{escape(token)}</mark>')
    return html, missing


def resolved(factsheet: Factsheet) -> dict:
    """The factsheet as it reads: each question with the country's or the guide's text, placeholders filled.

    The guide's text is English. In a version in another language every answer still in the guide's
    words is marked `english`; unless the editor chose to keep the English for it (`keep_english`), it is
    listed in `untranslated`, and a final PDF is refused until that list is empty."""
    items, missing = [], set()
    translated_version = factsheet.language != GUIDE_LANGUAGE
    for question in questions_of(factsheet):
        answer = factsheet.answers.get(str(question.number), {})
        own = bool(answer.get("own")) and bool(plain_text(answer.get("text", "")))
        # Sanitised here, whatever path stored it: pages and PDFs show this HTML as it is.
        html, gaps = _fill(sanitize_html(answer["text"] if own else question.answer), factsheet.placeholders)
        missing |= gaps
        english = translated_version and not own
        items.append(
            {
                "question": question,
                "own": own,
                "html": html,
                "english": english,
                "keep_english": english and bool(answer.get("keep_english")),
                "lang": GUIDE_LANGUAGE if english else factsheet.language,
            }
        )
    text = " ".join(plain_text(item["html"]) for item in items)
    return {
        "items": items,
        "missing": sorted(missing),
        "untranslated": [item for item in items if item["english"] and not item["keep_english"]],
        "readability": readability(text),
    }


def language_name(code: str) -> str:
    """The language's own name ("Deutsch"), or the code when Django does not know it."""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code


_SENTENCE = re.compile(r"[.!?]+(?:\s|$)")
_VOWELS = re.compile(r"[aeiouy]+", re.I)


def _syllables(word: str) -> int:
    word = word.lower().strip(".,;:!?()\"'")
    count = len(_VOWELS.findall(word))
    if word.endswith("e") and count > 1:
        count -= 1
    return max(count, 1)


def readability(text: str) -> dict:
    """Flesch reading ease and average sentence length: a plain-language hint for citizen-facing text
    (the formula is calibrated on English; for other languages read it as a relative indicator)."""
    words = re.findall(r"[A-Za-zÀ-ÿ0-9'’-]+", text)
    sentences = max(len([s for s in _SENTENCE.split(text) if s.strip()]), 1)
    if not words:
        return {"ease": None, "sentence_length": 0, "verdict": ""}
    syllables = sum(_syllables(w) for w in words)
    ease = round(206.835 - 1.015 * (len(words) / sentences) - 84.6 * (syllables / len(words)), 1)
    verdict = _("easy") if ease >= 60 else _("fairly difficult") if ease >= 40 else _("difficult")
    return {"ease": ease, "sentence_length": round(len(words) / sentences, 1), "verdict": verdict}


@transaction.atomic
def factsheet_delete(*, factsheet: Factsheet) -> None:
    """Delete a country's adaptation (an admin's act; the country starts again from the guide's text)."""
    factsheet.delete()


@transaction.atomic
def factsheet_update(*, factsheet: Factsheet, answers: dict, placeholders: dict, base_version: int, user) -> Factsheet:
    """Save the adaptation. A save built on an older version is refused (nothing written) so that a
    colleague's work is never overwritten; the caller keeps the user's input to try again."""
    check_adaptation(answers, placeholders)
    locked = Factsheet.objects.select_for_update().get(pk=factsheet.pk)
    if locked.edit_version != base_version:
        raise ValidationError(
            _(
                "%(who)s saved this factsheet while you were editing. Your text is kept below; "
                "check theirs and save again."
            )
            % {"who": locked.updated_by or _("A colleague")},
            code="conflict",
        )
    locked.answers = {
        str(number): {
            "own": bool(value.get("own")),
            "text": sanitize_html(value.get("text", "")),
            "keep_english": bool(value.get("keep_english")),
        }
        for number, value in answers.items()
    }
    locked.placeholders = {key: (placeholders.get(key) or "").strip() for key in PLACEHOLDERS}
    locked.edit_version += 1
    locked.updated_by = user
    locked.full_clean()
    locked.save()
    return locked


def check_adaptation(answers, placeholders) -> None:
    """ValidationError naming what is wrong: answers must be {question number: {own, text, keep_english}} and
    placeholders {name: text} (what the editor sends; the admin's raw JSON may hold anything), and text over
    the limits is refused, never cut."""
    if not isinstance(answers, dict) or not all(isinstance(value, dict) for value in answers.values()):
        raise ValidationError(
            _('Answers must map each question\'s number to its answer, e.g. {"1": {"own": true, "text": "<p>…</p>"}}.')
        )
    if not isinstance(placeholders, dict) or not all(isinstance(v, str | None) for v in placeholders.values()):
        raise ValidationError(_("Placeholder values must map each placeholder to its text."))
    errors = []
    for key, label in PLACEHOLDERS.items():
        if len((placeholders.get(key) or "").strip()) > PLACEHOLDER_MAX_CHARS:
            errors.append(
                _("%(field)s is longer than %(max)s characters.") % {"field": label, "max": PLACEHOLDER_MAX_CHARS}
            )
    for number, value in sorted(answers.items()):
        try:
            for validator in rich_text_validators():
                validator(value.get("text", ""))
        except ValidationError as error:
            errors.append(_("Question %(n)s: %(error)s") % {"n": number, "error": " ".join(error.messages)})
    try:
        validate_no_nul([answers, placeholders])
    except ValidationError as error:
        errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)


def factsheet_document(factsheet: Factsheet, *, final: bool) -> dict:
    """What the one- or two-page factsheet PDF shows. A final PDF needs every placeholder filled."""
    content = resolved(factsheet)
    problems = []
    if final and content["missing"]:
        problems.append(
            _("Fill in every placeholder before making the final PDF: %(missing)s.")
            % {"missing": ", ".join(str(PLACEHOLDERS[m]) for m in content["missing"])}
        )
    if final and content["untranslated"]:
        problems.append(
            _(
                "Questions %(numbers)s still show the guide's English text in this %(language)s version: write "
                "your own text, or choose to keep the English for each, before making the final PDF."
            )
            % {
                "numbers": ", ".join(str(i["question"].number) for i in content["untranslated"]),
                "language": language_name(factsheet.language),
            }
        )
    if problems:
        raise ValidationError(problems)
    document = {
        "title": factsheet.template.title,
        "audience": factsheet.template.audience,
        "country": factsheet.country.name,
        "language": factsheet.language,
        "language_name": language_name(factsheet.language),
        "final": final,
        "items": [
            {
                "question": i["question"].question,
                "html": i["html"],
                "lang": i["lang"],
                # A draft says which answers are not translated yet; a final PDF only sets their language.
                "untranslated": i["english"] and not i["keep_english"],
            }
            for i in content["items"]
        ],
        "website": factsheet.placeholders.get("national_website", ""),
    }
    return document
