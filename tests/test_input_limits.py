"""Size and nesting limits: an oversized or deeply nested text gets a message that says the limit, the
user's text stays on the page, and nothing is written. A 10 MB section once got a bare "Bad Request (400)"
with the text gone; 20,000 nested <div>s passed the sanitiser and then stalled the PDF worker."""

import time

import pytest
from django.urls import reverse

from core import limits
from core.html import sanitize_html
from factsheets import services as factsheet_services
from factsheets.models import FactsheetTemplate
from strategies.models import Risk
from tests.db_state import fingerprint
from tests.factories import country

HTMX = {"HTTP_HX_REQUEST": "true"}
NESTED = "<div>" * 20_000 + "deep words" + "</div>" * 20_000


def section_url(strategy, key="conclusion"):
    return reverse("strategies:section", args=[strategy.pk, key])


def test_a_ten_megabyte_section_gets_a_page_that_says_the_limit(client, editor, strategy):
    client.force_login(editor)
    before = fingerprint()
    response = client.post(section_url(strategy), {"summary": "<p>" + "x" * 10_000_000 + "</p>", "edit_version": 1})
    assert response.status_code == 413
    content = response.content.decode()
    assert "Too much to save at once" in content and "at most 2.5 MB" in content
    assert "this browser keeps a copy" in content  # where the text is, and what to do
    assert fingerprint() == before


def test_an_oversized_htmx_post_gets_a_message_fragment(client, editor, strategy):
    client.force_login(editor)
    url = reverse("strategies:part_new", args=[strategy.pk, "risks"])
    response = client.post(url, {"description": "x" * 3_000_000, "likelihood": 3, "impact": 3}, **HTMX)
    assert response.status_code == 413
    assert b"data-error-message" in response.content and b"<html" not in response.content
    assert not Risk.objects.exists()


def test_too_many_fields_get_the_same_message(client, editor, strategy):
    client.force_login(editor)
    data = {f"f{i}": "x" for i in range(1_500)}
    assert client.post(section_url(strategy), data).status_code == 413


def test_one_answer_over_its_limit_is_refused_with_the_limit_and_the_text_kept(client, editor, strategy):
    client.force_login(editor)
    before = fingerprint()
    text = "<p>" + "word " * 25_000 + "</p>"  # 125,007 characters, under the request limit
    response = client.post(section_url(strategy), {"summary": text, "edit_version": 1})
    assert response.status_code == 422
    content = response.content.decode()
    assert "the limit is 100000" in content or "the limit is 100,000" in content
    assert "word word word" in content and "data-draft-unsaved" in content
    assert fingerprint() == before


def test_a_row_field_over_its_limit_is_refused(client, editor, strategy):
    client.force_login(editor)
    url = reverse("strategies:part_new", args=[strategy.pk, "risks"])
    response = client.post(url, {"description": "y" * 20_001, "likelihood": 3, "impact": 3}, **HTMX)
    assert response.status_code == 422 and b"the limit is 20" in response.content
    assert not Risk.objects.exists()


def test_deeply_nested_html_is_refused_quickly_with_a_clear_error(client, editor, strategy):
    client.force_login(editor)
    before = fingerprint()
    started = time.perf_counter()
    response = client.post(section_url(strategy), {"summary": NESTED, "edit_version": 1})
    assert time.perf_counter() - started < 20  # the sanitiser once took seconds per attempt here
    assert response.status_code == 422
    assert "more than 40 levels deep" in response.content.decode()
    assert fingerprint() == before


def test_the_sanitiser_takes_linear_time_on_deep_nesting_and_keeps_the_words():
    started = time.perf_counter()
    cleaned = sanitize_html("<div>" * 200_000 + "still here")
    assert time.perf_counter() - started < 10  # quadratic parsing took minutes here
    assert cleaned == "<p>still here</p>"
    assert limits.html_depth(cleaned) == 1
    nested_lists = "<ul><li>" * 10 + "ok" + "</li></ul>" * 10
    assert sanitize_html(nested_lists) == nested_lists  # what the editor produces is kept as it is


def test_html_depth_counts_open_elements_only():
    assert limits.html_depth("<p>a<br>b</p><p><strong>c</strong></p>") == 2
    assert limits.html_depth("") == 0
    assert limits.html_depth("</div></div><p>x</p>") == 1


def test_the_recommendations_evidence_over_its_limit_keeps_the_text(client, editor, strategy):
    client.force_login(editor)
    rows = list(strategy.assessments.all())
    data = {f"status-{r.pk}": "planned" for r in rows} | {f"version-{r.pk}": r.edit_version for r in rows}
    data[f"evidence-{rows[0].pk}"] = "evidence " * 13_000
    before = fingerprint()
    response = client.post(reverse("strategies:assessments", args=[strategy.pk]), data)
    assert response.status_code == 422
    assert "Nothing was saved" in response.content.decode() and "evidence evidence" in response.content.decode()
    assert fingerprint() == before


@pytest.fixture
def factsheet(db):
    return factsheet_services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="de"
    )


def test_a_factsheet_placeholder_over_its_limit_is_refused_not_cut(client, editor, factsheet):
    client.force_login(editor)
    before = fingerprint()
    response = client.post(
        reverse("factsheets:edit", args=[factsheet.pk]), {"edit_version": 1, "ph-country": "Deutschland " * 40}
    )
    assert response.status_code == 422
    assert "longer than 300 characters" in response.content.decode()
    assert fingerprint() == before


@pytest.mark.parametrize("field", ["ph-country", "ph-national_website", "text-1"])
def test_nul_bytes_in_a_factsheet_are_refused(client, editor, factsheet, field):
    """They were stored on SQLite and gave a 500 on PostgreSQL."""
    client.force_login(editor)
    before = fingerprint()
    data = {"edit_version": 1, field: "Deutsch\x00land", "own-1": "on"}
    response = client.post(reverse("factsheets:edit", args=[factsheet.pk]), data)
    assert response.status_code == 422
    assert fingerprint() == before


def test_nul_bytes_are_refused_by_the_model_wherever_they_come_from(factsheet, strategy):
    from django.core.exceptions import ValidationError

    factsheet.placeholders = {"country": "a\x00b"}
    with pytest.raises(ValidationError):
        factsheet.full_clean()
    risk = Risk(strategy=strategy, description="x", mitigation="a\x00b")
    with pytest.raises(ValidationError, match="Null characters"):
        risk.full_clean()
