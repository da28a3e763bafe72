import pytest
from django.urls import reverse

from reviews import services as review_services
from strategies import services
from strategies.models import AudienceSegment, KeyMessage, Risk
from tests.factories import MembershipFactory, country, make_strategy

PAGES = [
    "comparisons:audiences",
    "comparisons:messages",
    "comparisons:channels",
    "comparisons:kpis",
    "comparisons:risks",
    "comparisons:recommendations",
    "comparisons:progress",
]


def filled(code, *, hard_to_reach: bool, message: str, lead, reviewer=None, approve=False, submit=True):
    strategy = make_strategy(code, title=f"{code} strategy")
    segment = services.part_create(
        model=AudienceSegment, strategy=strategy, group="citizens", name=f"{code} rural", hard_to_reach=hard_to_reach
    )
    services.part_create(model=KeyMessage, strategy=strategy, segment=segment, message=message)
    services.part_create(model=Risk, strategy=strategy, description=f"{code} risk", likelihood=2, impact=4)
    services.section_update(
        strategy=strategy,
        key="key_messages",
        data={"key_messages": f"<p>{message} text</p>"},
        base_version=1,
        user=None,
    )
    if submit:
        review_services.strategy_submit(strategy=strategy, user=lead)
    if approve:
        review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    return strategy


@pytest.fixture
def europe(db, reviewer):
    leads = {
        code: MembershipFactory(user__username=f"lead-{code}", country=country(code), role="lead").user
        for code in ("FR", "PT", "IT", "ES")
    }
    filled("FR", hard_to_reach=True, message="French message", lead=leads["FR"])  # submitted
    filled("PT", hard_to_reach=False, message="Portuguese message", lead=leads["PT"], reviewer=reviewer, approve=True)
    filled("IT", hard_to_reach=False, message="Italian draft message", lead=leads["IT"], submit=False)  # draft only
    return leads


def test_reviewer_answers_hard_to_reach_in_two_clicks(client, reviewer, europe):
    client.force_login(reviewer)
    landing = client.get(reverse("comparisons:index")).content.decode()
    assert reverse("comparisons:audiences") in landing  # click 1: Compare, click 2: Audiences
    page = client.get(reverse("comparisons:audiences")).content.decode()
    assert "No plan for hard-to-reach or vulnerable groups:</strong>\n  Portugal" in page
    assert "Italy" not in page  # a draft is never compared


def test_reviewer_compares_france_and_portugal_key_messages(client, reviewer, europe):
    client.force_login(reviewer)
    page = client.get(reverse("comparisons:messages")).content.decode()
    assert "French message" in page and "Portuguese message" in page
    assert "Italian draft message" not in page
    side = client.get(reverse("comparisons:section", args=["key_messages"]), {"country": ["FR", "PT"]}).content.decode()
    assert "French message text" in side and "Portuguese message text" in side


@pytest.mark.parametrize("name", PAGES)
def test_country_user_sees_own_and_approved_never_other_submissions(client, europe, name):
    italian = europe["IT"]
    client.force_login(italian)
    page = client.get(reverse(name)).content.decode()
    assert "Portugal" in page  # approved: open to everyone
    assert "France" not in page  # submitted, not approved: not for other countries
    assert "Italian draft message" not in page  # own draft is not a snapshot either
    export = client.get(reverse(name), {"format": "csv"}).content.decode()
    assert "France" not in export and "Portugal" in export


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("name", [*PAGES, "comparisons:dashboard"])
def test_every_table_exports(client, reviewer, europe, name, fmt):
    client.force_login(reviewer)
    response = client.get(reverse(name), {"format": fmt})
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')
    if fmt == "csv":
        assert "Portugal" in response.content.decode()


def test_dashboard_is_for_reviewers_and_shows_progress_not_text(client, reviewer, europe):
    client.force_login(europe["FR"])
    assert client.get(reverse("comparisons:dashboard")).status_code == 404
    client.force_login(reviewer)
    page = client.get(reverse("comparisons:dashboard")).content.decode()
    assert page.count("<tr>") >= 29  # all 28 countries
    assert "Italy" in page and "Italian draft message" not in page
    filtered = client.get(reverse("comparisons:dashboard"), {"status": "approved"}).content.decode()
    assert "Portugal" in filtered and "France</th>" not in filtered


def test_section_comparison_of_a_draft_only_country_shows_nothing(client, reviewer, europe):
    client.force_login(reviewer)
    page = client.get(reverse("comparisons:section", args=["key_messages"]), {"country": ["IT"]}).content.decode()
    assert "Italian draft message" not in page


@pytest.mark.parametrize("name", [*PAGES, "comparisons:dashboard", "comparisons:index"])
def test_query_count_does_not_grow_with_countries(client, reviewer, europe, django_assert_max_num_queries, name):
    lead = MembershipFactory(user__username="lead-x", country=country("SE"), role="lead").user
    for code in ("SE", "DK", "FI", "NL", "BE"):
        MembershipFactory(user=lead, country=country(code), role="lead") if code != "SE" else None
    lead = type(lead).objects.get(pk=lead.pk)
    for code in ("SE", "DK", "FI", "NL", "BE"):
        filled(code, hard_to_reach=True, message=f"{code} message", lead=lead)
    client.force_login(reviewer)
    client.get(reverse(name))
    with django_assert_max_num_queries(12):
        assert client.get(reverse(name)).status_code == 200


def test_editor_copies_a_message_from_an_approved_strategy_with_its_origin(client, europe, reviewer):
    from reviews.models import Snapshot

    italian_lead = europe["IT"]
    italy = italian_lead.memberships.get().country.strategies.get()
    portugal = Snapshot.objects.get(strategy__country__code="PT")
    row = portugal.data["parts"]["messages"][0]
    client.force_login(italian_lead)
    page = client.get(reverse("reviews:snapshot", args=[portugal.pk])).content.decode()
    assert "Copy to my draft" in page
    client.post(reverse("comparisons:reuse", args=[portugal.pk, "messages", row["id"]]), {"strategy": italy.pk})
    copied = italy.messages.get(message="Portuguese message")
    assert copied.copied_from.startswith("Portugal") and copied.segment is None


def test_reuse_refuses_unapproved_sources_and_foreign_targets(client, europe, reviewer):
    from reviews.models import Snapshot

    france = Snapshot.objects.get(strategy__country__code="FR")  # submitted, not approved
    portugal = Snapshot.objects.get(strategy__country__code="PT")
    italian_lead = europe["IT"]
    italy = italian_lead.memberships.get().country.strategies.get()
    client.force_login(italian_lead)
    row = france.data["parts"]["messages"][0]
    assert (
        client.post(
            reverse("comparisons:reuse", args=[france.pk, "messages", row["id"]]), {"strategy": italy.pk}
        ).status_code
        == 404
    )
    french_draft = make_strategy("FR", title="Another French draft")
    row = portugal.data["parts"]["messages"][0]
    response = client.post(
        reverse("comparisons:reuse", args=[portugal.pk, "messages", row["id"]]), {"strategy": french_draft.pk}
    )
    assert response.status_code == 404
    assert not french_draft.messages.exists() and not italy.messages.filter(copied_from__gt="").exists()


def test_comparisons_are_cached_by_snapshot_and_follow_a_resubmission(
    client, reviewer, europe, django_assert_max_num_queries
):
    client.force_login(reviewer)
    assert "French message" in client.get(reverse("comparisons:messages")).content.decode()
    with django_assert_max_num_queries(7):  # session, user, bell, memberships, snapshots list: no content load
        assert "French message" in client.get(reverse("comparisons:messages")).content.decode()
    france = europe["FR"].memberships.get().country.strategies.get()
    review_services.strategy_withdraw(strategy=france, user=europe["FR"])
    services.part_create(model=KeyMessage, strategy=france, message="A second French message")
    review_services.strategy_submit(strategy=france, user=europe["FR"])
    assert "A second French message" in client.get(reverse("comparisons:messages")).content.decode()


def test_dashboard_shows_an_edit_made_after_the_last_view(client, reviewer, europe):
    client.force_login(reviewer)
    italy = europe["IT"].memberships.get().country.strategies.get()
    before = client.get(reverse("comparisons:dashboard"), {"format": "csv"}).content.decode()
    services.section_update(
        strategy=italy, key="conclusion", data={"summary": "<p>Done</p>"}, base_version=1, user=europe["IT"]
    )
    after = client.get(reverse("comparisons:dashboard"), {"format": "csv"}).content.decode()
    italy_before = next(line for line in before.splitlines() if line.startswith("Italy"))
    italy_after = next(line for line in after.splitlines() if line.startswith("Italy"))
    assert italy_before.endswith(",0") and italy_after.endswith(",100")


def test_section_comparison_exports_as_pdf(client, reviewer, europe):
    import io

    from pypdf import PdfReader

    from exports.services import run_pending_jobs

    client.force_login(reviewer)
    url = reverse("comparisons:section", args=["key_messages"])
    params = {"country": ["FR", "PT"], "format": "pdf"}
    assert client.get(url, params).status_code == 202
    run_pending_jobs()
    response = client.get(url, params)
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "French message text" in text and "Portuguese message text" in text and "Italian" not in text


def test_section_comparison_pdf_never_includes_what_the_user_may_not_see(client, europe):
    from exports.services import run_pending_jobs

    client.force_login(europe["IT"])
    url = reverse("comparisons:section", args=["key_messages"])
    client.get(url, {"country": ["FR", "PT"], "format": "pdf"})
    run_pending_jobs()
    import io

    from pypdf import PdfReader

    response = client.get(url, {"country": ["FR", "PT"], "format": "pdf"})
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
    assert "Portuguese message text" in text and "French message text" not in text


def test_dashboard_follows_an_admins_country_flags(client, reviewer, europe):
    from accounts.models import Country

    client.force_login(reviewer)
    url = reverse("comparisons:dashboard")
    assert "Italy" not in client.get(url, {"operational": "1"}).content.decode()
    Country.objects.filter(code="IT").update(is_operational=True)
    assert "Italy" in client.get(url, {"operational": "1"}).content.decode()
