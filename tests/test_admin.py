"""The admin shows every model: each changelist, search and add page answers for an admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from strategies.models import Strategy

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def seeded(db, client):
    """One row of every model (seeding the whole demo for each of these tests would be slow)."""
    from accounts import services as account_services
    from strategies import models, services
    from tests.factories import MembershipFactory, UserFactory, make_strategy

    lead = MembershipFactory(user__username="genom-lead", role="lead").user
    strategy = make_strategy("DE", title="genomDE strategy")
    segment = services.part_create(model=models.AudienceSegment, strategy=strategy, group="citizens", name="Adults")
    channel = services.part_create(model=models.Channel, strategy=strategy, name="Social media")
    objective = services.part_create(model=models.Objective, strategy=strategy, title="Trust in genomics")
    services.part_create(model=models.KeyMessage, strategy=strategy, segment=segment, message="Your data, your say")
    services.part_create(model=models.Tactic, strategy=strategy, channel=channel, description="Weekly posts")
    services.part_create(model=models.ContentItem, strategy=strategy, title="Video", content_type="video")
    services.part_create(model=models.Stakeholder, strategy=strategy, name="Patient alliance")
    services.part_create(model=models.KPI, strategy=strategy, objective=objective, metric="Visits")
    services.part_create(model=models.Risk, strategy=strategy, description="Low trust")
    services.part_create(model=models.ImplementationRole, strategy=strategy, role="Comms lead")
    services.part_create(model=models.BudgetLine, strategy=strategy, item="Videos", amount=1000)
    services.comment_add(strategy=strategy, key="conclusion", author=lead, body="genomics?")
    services.presence_ping(strategy=strategy, key="conclusion", user=lead)
    services.section_assign(strategy=strategy, key="conclusion", assignee=lead, due=None, assigned_by=lead)
    account_services.calendar_token_renew(user=lead)
    from reviews import services as review_services

    review_services.strategy_submit(strategy=strategy, user=lead)
    review = review_services.open_review(strategy)
    reviewer = UserFactory(username="genom-reviewer", is_reviewer=True)
    review_services.section_review_set(review=review, key="conclusion", status="accepted", user=reviewer)
    review_services.review_decide(review=review, user=reviewer, decision="approve")
    from exports.models import RenderedPdf
    from factsheets import services as factsheet_services
    from factsheets.models import FactsheetTemplate

    factsheet_services.factsheet_get_or_create(
        country=strategy.country, template=FactsheetTemplate.objects.first(), language="de"
    )
    RenderedPdf.objects.create(key="k" * 64, kind="strategy", title="genomDE strategy", content=b"%PDF-")
    from exports.models import PdfJob

    PdfJob.objects.create(key="j" * 64, kind="strategy", template="pdf/strategy.html", document={}, filename="genomde")
    client.force_login(UserFactory(username="site-admin", is_superuser=True, is_staff=True))
    return client


def test_every_project_model_is_registered():
    from django.apps import apps

    for app in ("accounts", "guide", "strategies", "factsheets"):
        for model in apps.get_app_config(app).get_models():
            assert model in admin.site._registry, model


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_search(seeded, model):
    admin_client = seeded
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "genom"}).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_change_page_of_first_object(seeded, model):
    admin_client = seeded
    obj = model.objects.first()
    if obj is None:
        pytest.skip("no rows")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    assert admin_client.get(url).status_code == 200


def test_strategy_created_in_admin_gets_its_template(seeded):
    admin_client = seeded
    from tests.factories import country

    response = admin_client.post(
        reverse("admin:strategies_strategy_add"),
        {
            "country": country("IT").pk,
            "title": "Strategia nazionale",
            "language": "it",
            "status": "draft",
            "version": 1,
            "assessments-TOTAL_FORMS": 0,
            "assessments-INITIAL_FORMS": 0,
            "assessments-MIN_NUM_FORMS": 0,
            "assessments-MAX_NUM_FORMS": 1000,
        },
    )
    assert response.status_code == 302, response.content[:2000]
    strategy = Strategy.objects.get(title="Strategia nazionale")
    assert len(strategy.sections()) == 13 and strategy.tasks.exists() and strategy.assessments.count() == 6


@pytest.mark.parametrize(
    "name", ["accounts_country", "accounts_user", "strategies_task", "strategies_risk", "strategies_kpi"]
)
def test_import_export_pages(seeded, name):
    admin_client = seeded
    assert admin_client.get(reverse(f"admin:{name}_import")).status_code == 200
    assert admin_client.get(reverse(f"admin:{name}_export")).status_code == 200


# --- Spreadsheet exports and imports in the admin (issue #11: formulas; issue #9: Yes/No, BOM, filters) ------


FORMULA = '=HYPERLINK("http://evil.example","Click")'


def _admin_export(admin_client, name: str, fmt: str) -> bytes:
    """Export the way the admin's page does it: pick the format, keep every column ticked."""
    url = reverse(f"admin:{name}_export")
    form = admin_client.get(url).context["form"]
    formats = {label: value for value, label in form.fields["format"].choices}
    data = {"format": formats[fmt], "resource": "0"}
    data.update({field: "on" for field, f in form.fields.items() if f.__class__.__name__ == "BooleanField"})
    response = admin_client.post(url, data)
    assert response.status_code == 200, response.content[:500]
    return response.content


def _admin_import(admin_client, name: str, fmt: str, content: bytes) -> None:
    """Import the way the admin does it: upload, look at the preview, confirm."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    url = reverse(f"admin:{name}_import")
    formats = {label: value for value, label in admin_client.get(url).context["form"].fields["format"].choices}
    upload = SimpleUploadedFile(f"export.{fmt}", content)
    preview = admin_client.post(url, {"import_file": upload, "format": formats[fmt], "resource": "0"})
    assert preview.status_code == 200
    assert not preview.context["result"].has_errors() and not preview.context["result"].has_validation_errors()
    confirm = preview.context["confirm_form"]
    response = admin_client.post(reverse(f"admin:{name}_process_import"), confirm.initial)
    assert response.status_code == 302, response.content[:1000]


def _cells(content: bytes, fmt: str) -> list[dict]:
    import csv
    import io

    if fmt == "csv":
        assert content.startswith("\ufeff".encode())  # Excel reads the accents
        return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    import openpyxl

    sheet = openpyxl.load_workbook(io.BytesIO(content)).active
    assert sheet.auto_filter.ref and sheet.auto_filter.ref.startswith("A1:")
    rows = list(sheet.iter_rows())
    assert not [c.coordinate for row in rows for c in row if c.data_type == "f"]  # no live formula anywhere
    headers = [c.value for c in rows[0]]
    return [dict(zip(headers, [c.value for c in row], strict=True)) for row in rows[1:]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_admin_user_export_neutralises_formulas_and_reimport_restores_the_text(seeded, fmt):
    from accounts.models import User

    admin_client = seeded
    User.objects.filter(username="genom-lead").update(first_name=FORMULA, last_name="Müller")
    content = _admin_export(admin_client, "accounts_user", fmt)
    row = next(r for r in _cells(content, fmt) if r["username"] == "genom-lead")
    assert row["first_name"] == "'" + FORMULA and row["last_name"] == "Müller"
    assert row["is_active"] == "Yes" and row["is_reviewer"] == "No"
    User.objects.filter(username="genom-lead").update(first_name="changed", is_active=False)
    _admin_import(admin_client, "accounts_user", fmt, content)
    lead = User.objects.get(username="genom-lead")
    assert lead.first_name == FORMULA and lead.is_active  # the text as it was, without the apostrophe


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_admin_risk_export_neutralises_formulas_and_reimport_restores_the_text(seeded, fmt):
    from strategies.models import Risk

    admin_client = seeded
    risk = Risk.objects.get()
    texts = {"description": FORMULA, "mitigation": "+SUM(1;2)", "contingency": "-1", "owner": "@boss"}
    Risk.objects.filter(pk=risk.pk).update(**texts)
    content = _admin_export(admin_client, "strategies_risk", fmt)
    row = next(r for r in _cells(content, fmt) if str(r["id"]) == str(risk.pk))
    assert {key: row[key] for key in texts} == {key: "'" + value for key, value in texts.items()}
    Risk.objects.filter(pk=risk.pk).update(description="changed", mitigation="", contingency="", owner="")
    _admin_import(admin_client, "strategies_risk", fmt, content)
    risk.refresh_from_db()
    assert {key: getattr(risk, key) for key in texts} == texts


def test_admin_offers_csv_and_xlsx_through_the_safe_writer(seeded):
    from core import tabular

    admin_client = seeded
    form = admin_client.get(reverse("admin:strategies_task_export")).context["form"]
    assert [label for _value, label in form.fields["format"].choices if _value] == ["csv", "xlsx"]
    assert admin.site._registry[Strategy.tasks.rel.related_model].formats == tabular.FORMATS
