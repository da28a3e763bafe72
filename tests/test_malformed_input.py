"""Malformed numbers and keys get a clear 4xx and change nothing (they once gave 500s, or a 200 that said
nothing). Note '²'.isdigit() is True in Python while int('²') fails: only plain ASCII digits are numbers."""

import pytest
from django.urls import reverse

from factsheets import services as factsheet_services
from factsheets.models import FactsheetTemplate
from reviews import services as review_services
from reviews.models import Review, SectionReview
from strategies import services
from strategies.models import Risk
from tests.db_state import fingerprint
from tests.factories import country

HTMX = {"HTTP_HX_REQUEST": "true"}
NOT_NUMBERS = ["²", "abc", "1.5", " 1", "-1", "0", "1e3", "١", "99999999999999999999999"]


@pytest.fixture
def risk(strategy, editor):
    return services.part_create(model=Risk, strategy=strategy, description="Low trust", user=editor)


@pytest.mark.parametrize("version", NOT_NUMBERS)
def test_deleting_a_row_with_a_malformed_version_is_refused(client, editor, strategy, risk, version):
    client.force_login(editor)
    before = fingerprint()
    url = reverse("strategies:part_delete", args=[strategy.pk, "risks", risk.pk])
    response = client.post(url, {"edit_version": version}, **HTMX)
    assert response.status_code == 400
    assert b"edit_version" in response.content or b"version" in response.content
    assert fingerprint() == before


@pytest.mark.parametrize("version", ["²", "abc", "0", "-1", ""])
def test_saving_a_section_with_a_malformed_version_says_so_and_keeps_the_text(client, editor, strategy, version):
    client.force_login(editor)
    before = fingerprint()
    url = reverse("strategies:section", args=[strategy.pk, "conclusion"])
    response = client.post(url, {"summary": "<p>My careful words</p>", "edit_version": version})
    assert response.status_code == 400
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert "My careful words" in content  # the text stays in the editor
    assert fingerprint() == before


@pytest.mark.parametrize("version", ["²", "abc"])
def test_the_recommendations_checklist_refuses_a_malformed_version(client, editor, strategy, version):
    client.force_login(editor)
    rows = list(strategy.assessments.all())
    data = {f"status-{r.pk}": "planned" for r in rows}
    data |= {f"version-{r.pk}": r.edit_version for r in rows} | {f"version-{rows[0].pk}": version}
    before = fingerprint()
    response = client.post(reverse("strategies:assessments", args=[strategy.pk]), data)
    assert response.status_code == 400
    assert fingerprint() == before


@pytest.mark.parametrize("version", ["²", "abc", "0"])
def test_a_factsheet_save_with_a_malformed_version_is_refused(client, editor, version):
    factsheet = factsheet_services.factsheet_get_or_create(
        country=country("DE"), template=FactsheetTemplate.objects.get(audience="citizens"), language="de"
    )
    client.force_login(editor)
    before = fingerprint()
    response = client.post(
        reverse("factsheets:edit", args=[factsheet.pk]), {"edit_version": version, "ph-country": "Deutschland"}
    )
    assert response.status_code == 400
    assert "Deutschland" in response.content.decode()  # what was typed is still on the page
    assert fingerprint() == before


@pytest.mark.parametrize("version", ["²", "abc", "-1"])
def test_presence_with_a_malformed_version_is_a_bad_request(client, editor, strategy, version):
    client.force_login(editor)
    url = reverse("strategies:section_presence", args=[strategy.pk, "conclusion"])
    assert client.get(url, {"edit_version": version}).status_code == 400
    assert client.get(url, {"edit_version": "1"}).status_code == 200
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("preset", ["abc", "²", "-1"])
def test_a_malformed_preset_is_a_bad_request(client, editor, strategy, preset):
    client.force_login(editor)
    url = reverse("strategies:part_new", args=[strategy.pk, "segments"])
    assert client.get(url, {"preset": preset}).status_code == 400


def test_a_reply_to_a_malformed_thread_is_refused(client, editor, strategy):
    thread = services.comment_add(strategy=strategy, key="conclusion", author=editor, body="First")
    client.force_login(editor)
    before = fingerprint()
    url = reverse("strategies:section_comments", args=[strategy.pk, "conclusion"])
    for parent in ("abc", "²", f"{thread.pk}x"):
        assert client.post(url, {"body": "A reply", "parent": parent}, **HTMX).status_code == 400
    assert fingerprint() == before
    assert client.post(url, {"body": "A reply", "parent": thread.pk}, **HTMX).status_code == 200


def test_reuse_into_a_malformed_strategy_is_refused(client, lead, editor, strategy):
    snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    row = services.part_create(model=Risk, strategy=strategy, description="Reusable risk")
    client.force_login(editor)
    before = fingerprint()
    url = reverse("comparisons:reuse", args=[snapshot.pk, "risks", row.pk])
    for target in ("abc", "²", ""):
        assert client.post(url, {"strategy": target}).status_code == 400
    assert fingerprint() == before


def test_a_verdict_on_a_section_that_does_not_exist_is_404(client, lead, reviewer, strategy):
    review_services.strategy_submit(strategy=strategy, user=lead)
    review = Review.objects.get()
    client.force_login(reviewer)
    before = fingerprint()
    response = client.post(reverse("reviews:verdict", args=[review.pk, "no-such-section"]), {"status": "accepted"})
    assert response.status_code == 404
    assert fingerprint() == before and not SectionReview.objects.exists()
    ok = client.post(reverse("reviews:verdict", args=[review.pk, "conclusion"]), {"status": "accepted"})
    assert ok.status_code == 302 and SectionReview.objects.count() == 1


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_redirects_after_a_post_never_leave_the_site(client, lead, reviewer, strategy, next_url):
    review_services.strategy_submit(strategy=strategy, user=lead)
    review = Review.objects.get()
    client.force_login(reviewer)
    response = client.post(reverse("reviews:claim", args=[review.pk]), {"next": next_url})
    assert response.status_code == 302 and response.url == reverse("reviews:inbox")
