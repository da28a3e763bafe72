import re

import pytest
from bs4 import BeautifulSoup
from django.urls import reverse

from accounts.models import User
from reviews import services as review_services
from strategies import services
from strategies.models import AudienceSegment, KeyMessage, Risk
from tests.conftest import written_once_for_many_tests
from tests.factories import MembershipFactory, UserFactory, country, make_strategy

PAGES = [
    "comparisons:audiences",
    "comparisons:messages",
    "comparisons:channels",
    "comparisons:kpis",
    "comparisons:risks",
    "comparisons:recommendations",
    "comparisons:progress",
]

# The Europe of the WithEurope classes is written once per class: each class's tests stay on one test worker.
pytestmark = pytest.mark.xdist_group("comparisons-europe")


def compared(page: str) -> str:
    """The page without its note naming the countries left out (which names every other country)."""
    return re.sub(r'<p class="small mb-3 left-out".*?</p>', "", page, flags=re.S)


def scope_form(page: str):
    return BeautifulSoup(page, "html.parser").select_one("form.scope-filter")


def left_out(page: str) -> str:
    return re.search(r'<p class="small mb-3 left-out".*?</p>', page, flags=re.S).group(0)


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


@pytest.fixture(scope="class")
def europe_ids(django_db_setup, django_db_blocker):
    """France submitted, Portugal approved, Italy a draft and Spain nothing, with a lead each and a reviewer,
    written once for a WithEurope class (for each of its tests it cost about a second on PostgreSQL): each
    test runs in a savepoint of its own inside it (what one writes, the next never sees), and it is rolled back
    after the class's last test."""
    with written_once_for_many_tests(django_db_blocker):
        reviewer = UserFactory(username="reviewer", is_reviewer=True)
        leads = {
            code: MembershipFactory(user__username=f"lead-{code}", country=country(code), role="lead").user
            for code in ("FR", "PT", "IT", "ES")
        }
        filled("FR", hard_to_reach=True, message="French message", lead=leads["FR"])  # submitted
        filled(
            "PT", hard_to_reach=False, message="Portuguese message", lead=leads["PT"], reviewer=reviewer, approve=True
        )
        filled("IT", hard_to_reach=False, message="Italian draft message", lead=leads["IT"], submit=False)  # draft only
        yield {"reviewer": reviewer.pk, "leads": {code: user.pk for code, user in leads.items()}}


class WithEurope:
    """Tests that read the Europe of `europe_ids` (and may add to it, in their own savepoint)."""

    @pytest.fixture
    def reviewer(self, europe_ids, db):
        """The class's reviewer (tests/conftest.py's would be a second user of the same name), read afresh."""
        return User.objects.get(pk=europe_ids["reviewer"])

    @pytest.fixture
    def europe(self, europe_ids, db):
        """{country code: its lead}, read afresh for each test."""
        return {code: User.objects.get(pk=pk) for code, pk in europe_ids["leads"].items()}


class TestEuropeComparisons(WithEurope):
    """France submitted, Portugal approved, Italy a draft: the comparisons each of them and a reviewer see."""

    def test_reviewer_answers_hard_to_reach_in_two_clicks(self, client, reviewer, europe):
        client.force_login(reviewer)
        landing = client.get(reverse("comparisons:index")).content.decode()
        assert reverse("comparisons:audiences") in landing  # click 1: Compare, click 2: Audiences
        page = client.get(reverse("comparisons:audiences")).content.decode()
        assert "No plan for hard-to-reach or vulnerable groups:</strong>\n  Portugal" in page
        assert "Italy" not in compared(page)  # a draft is never compared

    def test_reviewer_compares_france_and_portugal_key_messages(self, client, reviewer, europe):
        client.force_login(reviewer)
        page = client.get(reverse("comparisons:messages")).content.decode()
        assert "French message" in page and "Portuguese message" in page
        assert "Italian draft message" not in page
        side = client.get(
            reverse("comparisons:section", args=["key_messages"]), {"country": ["FR", "PT"]}
        ).content.decode()
        assert "French message text" in side and "Portuguese message text" in side

    @pytest.mark.parametrize("name", PAGES)
    def test_country_user_sees_own_and_approved_never_other_submissions(self, client, europe, name):
        italian = europe["IT"]
        client.force_login(italian)
        page = client.get(reverse(name)).content.decode()
        assert "Portugal" in compared(page)  # approved: open to everyone
        assert "France" not in compared(page)  # submitted, not approved: not for other countries
        assert "France" in left_out(page)  # ... and the page says it is left out
        assert "Italian draft message" not in page  # own draft is not a snapshot either
        export = client.get(reverse(name), {"format": "csv"}).content.decode()
        assert "France" not in export and "Portugal" in export

    @pytest.mark.parametrize("fmt", ["csv", "xlsx"])
    @pytest.mark.parametrize("name", [*PAGES, "comparisons:dashboard"])
    def test_every_table_exports(self, client, reviewer, europe, name, fmt):
        client.force_login(reviewer)
        response = client.get(reverse(name), {"format": fmt})
        assert response.status_code == 200
        assert response["Content-Disposition"].endswith(f'.{fmt}"')
        if fmt == "csv":
            assert "Portugal" in response.content.decode()

    def test_dashboard_is_for_reviewers_and_shows_progress_not_text(self, client, reviewer, europe):
        client.force_login(europe["FR"])
        assert client.get(reverse("comparisons:dashboard")).status_code == 404
        client.force_login(reviewer)
        page = client.get(reverse("comparisons:dashboard")).content.decode()
        assert page.count("<tr>") >= 29  # all 28 countries
        assert "Italy" in page and "Italian draft message" not in page
        filtered = client.get(reverse("comparisons:dashboard"), {"status": "approved"}).content.decode()
        assert "Portugal" in filtered and "France</th>" not in filtered

    def test_section_comparison_of_a_draft_only_country_shows_nothing(self, client, reviewer, europe):
        client.force_login(reviewer)
        page = client.get(reverse("comparisons:section", args=["key_messages"]), {"country": ["IT"]}).content.decode()
        assert "Italian draft message" not in page

    @pytest.mark.parametrize("name", [*PAGES, "comparisons:dashboard", "comparisons:index"])
    def test_query_count_does_not_grow_with_countries(
        self, client, reviewer, europe, django_assert_max_num_queries, name
    ):
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

    def test_editor_copies_a_message_from_an_approved_strategy_with_its_origin(self, client, europe, reviewer):
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

    def test_reuse_refuses_unapproved_sources_and_foreign_targets(self, client, europe, reviewer):
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
        self, client, reviewer, europe, django_assert_max_num_queries
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

    def test_dashboard_shows_an_edit_made_after_the_last_view(self, client, reviewer, europe):
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

    def test_section_comparison_exports_as_pdf(self, client, reviewer, europe):
        import io

        from pypdf import PdfReader

        from tests.tasks import run_tasks

        client.force_login(reviewer)
        url = reverse("exports:comparison_pdf", args=["key_messages"])
        params = {"country": ["FR", "PT"]}
        assert client.get(url, params).status_code == 202
        run_tasks()
        response = client.get(url, params)
        assert response["Content-Type"] == "application/pdf"
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert "French message text" in text and "Portuguese message text" in text and "Italian" not in text

    def test_section_comparison_pdf_never_includes_what_the_user_may_not_see(self, client, europe):
        from tests.tasks import run_tasks

        client.force_login(europe["IT"])
        url = reverse("exports:comparison_pdf", args=["key_messages"])
        client.get(url, {"country": ["FR", "PT"]})
        run_tasks()
        import io

        from pypdf import PdfReader

        response = client.get(url, {"country": ["FR", "PT"]})
        text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages)
        assert "Portuguese message text" in text and "French message text" not in text

    def test_the_section_pages_pdf_link_and_its_old_address_lead_to_the_exports_pdf(self, client, reviewer, europe):
        client.force_login(reviewer)
        page = client.get(reverse("comparisons:section", args=["key_messages"]), {"country": ["FR", "PT"]})
        pdf = reverse("exports:comparison_pdf", args=["key_messages"])
        assert f'href="{pdf}?country=FR&amp;country=PT"' in page.content.decode()
        old = client.get(
            reverse("comparisons:section", args=["key_messages"]), {"country": ["FR", "PT"], "format": "pdf"}
        )
        assert old.status_code == 302 and old["Location"] == f"{pdf}?country=FR&country=PT"

    def test_dashboard_follows_an_admins_country_flags(self, client, reviewer, europe):
        from accounts.models import Country
        from accounts.services import country_set

        client.force_login(reviewer)
        url = reverse("comparisons:dashboard")
        assert "Italy</th>" not in client.get(url, {"operational": "1"}).content.decode()  # (the filter lists it)
        country_set(country=Country.objects.get(code="IT"), is_operational=True)  # as the admin's page does
        assert "Italy</th>" in client.get(url, {"operational": "1"}).content.decode()


# --- Issue #9: the guide's categories, key messages at 28 countries, scope, headers, exports --------------


def _preset(kind, name):
    from guide.models import Preset

    return Preset.objects.get(kind=kind, name=name)


@pytest.fixture
def linked(db, reviewer):
    """Portugal (approved) names its audiences and channels in its own words, linked to the guide's lists
    through the editor's forms."""
    from strategies.models import Channel

    lead = MembershipFactory(user__username="lead-pt", country=country("PT"), role="lead").user
    strategy = make_strategy("PT", title="PT strategy")
    doctors = services.part_create(
        model=AudienceSegment,
        strategy=strategy,
        group="professionals",
        name="Family doctors",
        preset=_preset("professionals", "Doctors"),
    )
    services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name="Carers")  # "other"
    services.part_create(
        model=Channel,
        strategy=strategy,
        name="National 1+MG website",
        preset=_preset("channel", "A website for the national 1+MG initiative"),
    )
    services.part_create(model=KeyMessage, strategy=strategy, segment=doctors, message="Genomics helps you treat")
    services.part_create(model=KeyMessage, strategy=strategy, message="Your data, your choice")
    review_services.strategy_submit(strategy=strategy, user=lead)
    review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    return strategy


def _row(matrix_csv: str, country_name: str) -> dict:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(matrix_csv.lstrip("\ufeff"))))
    return next(r for r in rows if r["Country"] == country_name)


def test_audience_columns_follow_the_link_to_the_guide_not_the_wording(client, reviewer, linked):
    client.force_login(reviewer)
    row = _row(client.get(reverse("comparisons:audiences"), {"format": "csv"}).content.decode(), "Portugal")
    assert row["Doctors"] == "Yes"  # "Family doctors", linked to the guide's doctors
    assert row["Carers"] == "No"  # named like the guide's carers, but nobody linked it
    assert row["Other groups"] == "Carers"


def test_channel_columns_follow_the_link_to_the_guide(client, reviewer, linked):
    client.force_login(reviewer)
    row = _row(client.get(reverse("comparisons:channels"), {"format": "csv"}).content.decode(), "Portugal")
    assert row["A website for the national 1+MG initiative"] == "Yes"
    assert row["Other channels"] == ""


def test_comparisons_read_the_link_from_the_snapshot_and_old_snapshots_count_as_other(client, reviewer, linked):
    from reviews.models import Snapshot

    linked.segments.update(preset=None)  # the live draft changes; the approved snapshot does not
    client.force_login(reviewer)
    row = _row(client.get(reverse("comparisons:audiences"), {"format": "csv"}).content.decode(), "Portugal")
    assert row["Doctors"] == "Yes"
    data = Snapshot.objects.get(strategy=linked).data
    for segment in data["parts"]["segments"]:
        del segment["values"]["preset"]  # as frozen before the link existed
    Snapshot.objects.filter(strategy=linked).update(data=data)
    from django.core.cache import cache

    cache.clear()
    row = _row(client.get(reverse("comparisons:audiences"), {"format": "csv"}).content.decode(), "Portugal")
    assert row["Doctors"] == "No" and row["Other groups"] == "Family doctors; Carers"


def test_reusing_a_segment_keeps_its_link_to_the_guide(client, linked):
    from reviews.models import Snapshot

    lead = MembershipFactory(user__username="lead-it", country=country("IT"), role="lead").user
    italy = make_strategy("IT", title="IT strategy")
    snapshot = Snapshot.objects.get(strategy=linked)
    row = next(r for r in snapshot.data["parts"]["segments"] if r["fields"]["name"] == "Family doctors")
    client.force_login(lead)
    client.post(reverse("comparisons:reuse", args=[snapshot.pk, "segments", row["id"]]), {"strategy": italy.pk})
    assert italy.segments.get().preset == _preset("professionals", "Doctors")


def test_key_messages_export_names_the_audience_group(client, reviewer, linked):
    import csv
    import io

    client.force_login(reviewer)
    content = client.get(reverse("comparisons:messages"), {"format": "csv"}).content.decode()
    rows = list(csv.DictReader(io.StringIO(content.lstrip("\ufeff"))))
    by_message = {r["Message"]: r for r in rows}
    assert by_message["Genomics helps you treat"]["Audience group"] == "Doctors"
    assert by_message["Genomics helps you treat"]["Citizens or professionals"] == "Healthcare professionals"
    assert by_message["Your data, your choice"]["Audience"] == "General"


class TestEuropeKeyMessagesAndScope(WithEurope):
    """The same Europe: key messages at 28 countries, the countries left out, scope filters, headings."""

    def test_key_messages_show_one_row_per_country(self, client, reviewer, europe, linked):
        client.force_login(reviewer)
        page = compared(client.get(reverse("comparisons:messages")).content.decode())
        body = page[page.index("<tbody>") : page.index("</tbody>")]
        assert body.count('<th scope="row">') == 2  # France and Portugal, one row each (Italy has only a draft)
        assert body.index("France") < body.index("Portugal")

    def test_key_messages_filter_by_audience_group_and_country(self, client, reviewer, europe, linked):
        doctors = _preset("professionals", "Doctors")
        client.force_login(reviewer)
        url = reverse("comparisons:messages")
        page = client.get(url, {"audience": f"p{doctors.pk}"}).content.decode()
        assert "Genomics helps you treat" in page and "Your data, your choice" not in page
        assert "French message" not in page  # France's message is for an unlinked group
        general = client.get(url, {"audience": "general"}).content.decode()
        assert "Your data, your choice" in general and "Genomics helps you treat" not in general
        other = client.get(url, {"audience": "other"}).content.decode()
        assert "French message" in other and "Genomics helps you treat" not in other
        only_france = compared(client.get(url, {"country": "FR"}).content.decode())
        assert "French message" in only_france and "Your data, your choice" not in only_france
        assert client.get(url, {"audience": "nonsense"}).status_code == 200  # unknown filter: everything

    @pytest.mark.parametrize("name", [*PAGES, "comparisons:index"])
    def test_every_comparison_page_names_the_countries_it_leaves_out(self, client, reviewer, europe, name):
        client.force_login(reviewer)
        note = left_out(client.get(reverse(name)).content.decode())
        assert "Showing all 2 countries with a version you may see." in note
        assert "Not included (26)" in note and "Italy" in note and "Austria" in note
        assert "France" not in note and "Portugal" not in note

    @pytest.mark.parametrize("name", PAGES)
    def test_comparison_pages_filter_by_country(self, client, reviewer, europe, name):
        client.force_login(reviewer)
        page = client.get(reverse(name), {"country": ["PT"]}).content.decode()
        boxes = {box["value"]: box.has_attr("checked") for box in scope_form(page).select("input[name=country]")}
        assert boxes == {"PT": True, "FR": False}  # the filter's own form, rendered with what was picked
        assert "Showing 1 of the 2 countries with a version you may see." in left_out(page)
        shown = BeautifulSoup(compared(page), "html.parser")
        shown.select_one("form.scope-filter").decompose()  # the filter offers France, the page does not show it
        assert "France" not in str(shown)
        export = client.get(reverse(name), {"country": ["PT"], "format": "csv"}).content.decode()
        assert "Portugal" in export and "France" not in export

    def test_dashboard_headings_name_the_sections(self, client, reviewer, europe):
        client.force_login(reviewer)
        page = client.get(reverse("comparisons:dashboard")).content.decode()
        assert '<abbr title="4. Target audience" aria-hidden="true"><span class="num">4</span> Audience</abbr>' in page
        assert '<span class="visually-hidden">4. Target audience</span>' in page

    def test_dashboard_filters_by_country_and_sorting_keeps_the_filters(self, client, reviewer, europe):
        client.force_login(reviewer)
        page = client.get(reverse("comparisons:dashboard"), {"country": ["FR", "PT"], "status": ""}).content.decode()
        assert "France</th>" in page and "Portugal</th>" in page and "Italy</th>" not in page
        assert re.search(r'href="\?country=FR&amp;country=PT&amp;status=&amp;sort=total"', page)


def test_dashboard_heatmap_text_meets_wcag_aa_contrast():
    """Every fill of the heatmap against the colour of the numbers and links written on it (4.5:1)."""
    import pathlib

    from django.conf import settings

    css = (pathlib.Path(settings.BASE_DIR) / "static/css/app.css").read_text()
    fills = dict(re.findall(r"\.dashboard \.fill-(\d) \{ background: (#[0-9a-f]{6}); \}", css))
    assert len(fills) == 5
    rule = re.search(r"\.dashboard td\.fill, \.dashboard td\.fill a \{ color: ([^;]+); \}", css)
    assert rule, "the heatmap's cells and links need a colour of their own"
    ink = rule.group(1)
    if ink.startswith("var("):
        ink = re.search(re.escape(ink[4:-1]) + r": (#[0-9a-f]{6});", css).group(1)

    def luminance(hex_colour):
        channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    for fill in fills.values():
        light, dark = sorted([luminance(fill), luminance(ink)], reverse=True)
        assert (light + 0.05) / (dark + 0.05) >= 4.5, fill


# --- Exports (issues #9 and #11) ---------------------------------------------------------------------------


@pytest.fixture
def hostile(db, reviewer):
    """An approved strategy whose rows start like spreadsheet formulas, with accents."""
    lead = MembershipFactory(user__username="lead-pt", country=country("PT"), role="lead").user
    strategy = make_strategy("PT", title="Estratégia")
    for description in ('=HYPERLINK("http://evil.example","clique")', "+1+2", "-3", "@SUM(A1)", "\tTab", "Saúde"):
        services.part_create(model=Risk, strategy=strategy, description=description, likelihood=2, impact=3)
    services.part_create(
        model=AudienceSegment, strategy=strategy, group="citizens", name="=cmd|' /C calc'!A0", hard_to_reach=True
    )
    review_services.strategy_submit(strategy=strategy, user=lead)
    review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    return strategy


def test_comparison_csv_neutralises_formulas_has_a_bom_and_says_yes_or_no(client, reviewer, hostile):
    import csv
    import io

    client.force_login(reviewer)
    raw = client.get(reverse("comparisons:risks"), {"format": "csv"}).content
    assert raw.startswith("\ufeff".encode())
    text = raw.decode("utf-8-sig")
    risks = [r["Risk"] for r in csv.DictReader(io.StringIO(text))]
    assert '\'=HYPERLINK("http://evil.example","clique")' in risks
    assert {"'+1+2", "'-3", "'@SUM(A1)", "'\tTab", "Saúde"} <= set(risks)
    assert not any(r.startswith(("=", "+", "-", "@", "\t")) for r in risks)
    row = _row(client.get(reverse("comparisons:audiences"), {"format": "csv"}).content.decode(), "Portugal")
    assert row["Hard to reach"] == "'=cmd|' /C calc'!A0" and row["Adults"] == "No"
    dashboard = client.get(reverse("comparisons:dashboard"), {"format": "csv"}).content.decode("utf-8-sig")
    portugal = next(r for r in csv.DictReader(io.StringIO(dashboard)) if r["Country"] == "Portugal")
    assert portugal["Signatory"] in ("Yes", "No") and portugal["Operational"] in ("Yes", "No")


def test_comparison_xlsx_stores_text_never_formulas_and_filters_its_header(client, reviewer, hostile):
    import io

    import openpyxl

    client.force_login(reviewer)
    content = client.get(reverse("comparisons:risks"), {"format": "xlsx"}).content
    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    assert sheet.freeze_panes == "A2"
    cells = [row[1] for row in sheet.iter_rows(min_row=2)]
    assert all(c.data_type != "f" for c in cells)
    values = {c.value for c in cells}
    assert '\'=HYPERLINK("http://evil.example","clique")' in values and "Saúde" in values
    audiences = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("comparisons:audiences"), {"format": "xlsx"}).content)
    ).active
    header = [c.value for c in audiences[1]]
    portugal = [c.value for c in next(r for r in audiences.iter_rows(min_row=2) if r[0].value == "Portugal")]
    assert portugal[header.index("Adults")] == "No"


# --- The filters are Django forms, used the way a browser uses them -----------------------------------


def _get_form(page: str, selector: str):
    form = BeautifulSoup(page, "html.parser").select_one(selector)
    assert form is not None and form.get("method") == "get"
    return form


class TestEuropeFiltersAsABrowser(WithEurope):
    """The same Europe: the filters are Django forms, used the way a browser uses them."""

    def test_dashboard_filter_as_a_browser(self, client, reviewer, europe):
        client.force_login(reviewer)
        form = _get_form(client.get(reverse("comparisons:dashboard")).content.decode(), "form.row")
        statuses = [o["value"] for o in form.select("select[name=status] option")]
        assert statuses == ["", "draft", "submitted", "changes_requested", "approved", "none"]
        assert {"signatory", "operational", "country", "sort", "view"} <= {f["name"] for f in form.select("[name]")}
        data = {"status": "submitted", "country": ["FR", "PT"], "sort": "country", "view": ""}
        page = client.get(reverse("comparisons:dashboard"), data).content.decode()
        table = BeautifulSoup(page, "html.parser").select_one("table.dashboard tbody").get_text(" ", strip=True)
        assert "France" in table and "Portugal" not in table and "Italy" not in table
        again = _get_form(page, "form.row")
        assert again.select_one("select[name=status] option[selected]")["value"] == "submitted"
        assert {b["value"] for b in again.select("input[name=country][checked]")} == {"FR", "PT"}

    def test_dashboard_filter_ignores_what_it_does_not_offer(self, client, reviewer, europe):
        client.force_login(reviewer)
        response = client.get(reverse("comparisons:dashboard"), {"status": "<b>", "sort": "nonsense", "signatory": "x"})
        assert response.status_code == 200 and "Italy" in response.content.decode()

    def test_key_messages_audience_filter_offers_the_guides_groups(self, client, reviewer, europe):
        client.force_login(reviewer)
        url = reverse("comparisons:messages")
        form = _get_form(client.get(url).content.decode(), "form.scope-filter")
        options = [o["value"] for o in form.select("select[name=audience] option")]
        assert options[:4] == ["", "general", "citizens", "professionals"] and options[-1] == "other"
        assert form.select("select[name=audience] optgroup")  # the guide's groups, grouped by kind
        page = client.get(url, {"audience": options[1], "country": ["FR"]}).content.decode()
        chosen = _get_form(page, "form.scope-filter").select_one("select[name=audience] option[selected]")
        assert chosen["value"] == "general"

    def test_section_picker_as_a_browser(self, client, reviewer, europe):
        client.force_login(reviewer)
        form = _get_form(client.get(reverse("comparisons:index")).content.decode(), "#compare-form")
        codes = [box["value"] for box in form.select("input[name=country]")]
        assert codes == ["FR", "PT"] and "approved" in form.select_one("label[for=id_country_1]").get_text()
        button = next(b for b in form.select("button") if "Key messages" in b.get_text())
        page = client.get(button["formaction"], {"country": codes}).content.decode()
        assert "French message text" in page and "Portuguese message text" in page
