"""The admin shows every model but the app's internal tables: each changelist, search and add page answers for
an admin; internal tables are hidden or read-only, names and plurals read right, the add-user form has a name
and an e-mail address, and no membership row is silently dropped."""

import pytest
from django.contrib import admin
from django.urls import reverse

import onemg_planner.urls  # noqa: F401 - the admin is curated (onemg_planner/admin_site.py) when the URLs load
from onemg_planner.admin_site import HIDDEN, READ_ONLY
from strategies.models import Strategy
from tests.conftest import rolled_back_at_the_end

# Data written once for the module: its tests stay on one test worker (make test's --dist loadgroup).
pytestmark = pytest.mark.xdist_group("admin-rows")

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture(scope="module")
def one_of_everything(django_db_setup, django_db_blocker):
    """One row of every model, written once for the module (for each of its 130 tests it cost a third of a
    second) and rolled back after its last test; yields the admin's id."""
    with rolled_back_at_the_end(django_db_blocker):
        yield _one_of_everything()


@pytest.fixture
def seeded(one_of_everything, db, client):
    """The test client signed in as an admin, on one row of every model (seeding the whole demo for each of
    these tests would be slow)."""
    from accounts.models import User

    client.force_login(User.objects.get(pk=one_of_everything))
    return client


def _one_of_everything() -> int:
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
    from exports import tasks as export_tasks
    from tests.tasks import run_tasks

    # A render task that failed: admins read why in the task results.
    export_tasks.render_pdf.enqueue(key="j" * 64, kind="strategy", template="pdf/nope.html", document={}, title="t")
    run_tasks()
    return UserFactory(username="site-admin", is_superuser=True, is_staff=True).pk


#: Kept out of the admin on purpose: edited only on the team pages, or a secret.
APP_ONLY = {"accounts.SecuritySettings", "accounts.CalendarToken"}


def test_every_project_model_is_registered_except_internal_tables():
    from django.apps import apps

    for app in ("accounts", "guide", "strategies", "factsheets", "reviews", "exports"):
        for model in apps.get_app_config(app).get_models():
            hidden = model._meta.label in HIDDEN or model._meta.label in APP_ONLY
            assert (model in admin.site._registry) != hidden, model


@pytest.mark.parametrize("label", READ_ONLY)
def test_records_the_app_only_adds_to_are_read_only(seeded, label):
    from django.apps import apps
    from django.test import RequestFactory

    model = apps.get_model(label)
    request = RequestFactory().get("/")
    request.user = type("Admin", (), {"is_active": True, "is_staff": True, "is_superuser": True})()
    model_admin = admin.site._registry[model]
    assert not model_admin.has_add_permission(request) and not model_admin.has_change_permission(request)


def test_names_and_plurals_read_right():
    plurals = [str(m._meta.verbose_name_plural) for m in admin.site._registry]
    assert not [p for p in plurals if p.endswith("ss") or p.endswith("ys")], plurals
    from strategies.models import ExecutiveSummary, KeyMessagesSection, ObjectivesSection

    assert str(KeyMessagesSection._meta.verbose_name_plural) == "Key messages sections"
    assert str(ObjectivesSection._meta.verbose_name_plural) == "Objectives sections"
    assert str(ExecutiveSummary._meta.verbose_name_plural) == "Executive summary sections"
    assert ExecutiveSummary().title == "Executive summary"  # the section's own title is unchanged


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


# --- Accounts in the admin (issue #12) ---------------------------------------------------------------------


def _user_change_form(user, **memberships):
    """The user change form as the admin's page sends it, with the membership rows given."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "email_mode": user.email_mode,
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
        "memberships-TOTAL_FORMS": str(len(memberships["rows"])),
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for index, (country_pk, role) in enumerate(memberships["rows"]):
        data[f"memberships-{index}-country"] = country_pk
        data[f"memberships-{index}-role"] = role
        data[f"memberships-{index}-user"] = str(user.pk)
    return data


@pytest.mark.parametrize("row", [("", "lead"), ("", "editor"), ("DE", "")])
def test_a_membership_row_with_only_a_role_or_only_a_country_is_an_error_not_dropped(admin_client, db, row):
    from accounts.models import Membership
    from tests.factories import UserFactory, country

    user = UserFactory(username="rowan")
    country_pk = str(country("DE").pk) if row[0] else ""
    response = admin_client.post(
        reverse("admin:accounts_user_change", args=[user.pk]), _user_change_form(user, rows=[(country_pk, row[1])])
    )
    assert response.status_code == 200 and "errorlist" in response.content.decode()
    assert not Membership.objects.filter(user=user).exists()


def test_an_untouched_new_membership_row_is_ignored_and_a_full_one_saved(admin_client, db):
    from accounts.models import Membership
    from tests.factories import UserFactory, country

    user = UserFactory(username="rowan")
    rows = [("", ""), (str(country("FR").pk), "viewer")]
    url = reverse("admin:accounts_user_change", args=[user.pk])
    response = admin_client.post(url, _user_change_form(user, rows=rows))
    assert response.status_code == 302, response.content[:2000]
    assert list(Membership.objects.filter(user=user).values_list("country__code", "role")) == [("FR", "viewer")]


def test_the_add_user_form_asks_name_and_email_and_sends_an_invitation(
    admin_client, db, mailoutbox, django_capture_on_commit_callbacks
):
    from accounts.models import Invitation, User

    page = admin_client.get(reverse("admin:accounts_user_add")).content.decode()
    assert 'name="first_name"' in page and 'name="email"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:accounts_user_add"),
            {
                "username": "newbie",
                "first_name": "New",
                "last_name": "Person",
                "email": "newbie@example.org",
                "usable_password": "false",
                "memberships-TOTAL_FORMS": "0",
                "memberships-INITIAL_FORMS": "0",
                "memberships-MIN_NUM_FORMS": "0",
                "memberships-MAX_NUM_FORMS": "1000",
            },
        )
    assert response.status_code == 302, response.content[:2000]
    user = User.objects.get(username="newbie")
    assert user.get_full_name() == "New Person" and not user.has_usable_password()
    assert Invitation.objects.get(user=user).is_pending and mailoutbox[-1].to == ["newbie@example.org"]


def test_the_user_import_preview_shows_the_memberships_it_will_write(admin_client, db):
    import tablib
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import User
    from tests.factories import MembershipFactory, country

    MembershipFactory(user__username="bob", country=country("PT"), role="viewer")
    data = tablib.Dataset(headers=["username", "email", "memberships"])
    data.append(["carla", "carla@example.org", "DE:editor; FR:lead"])
    data.append(["bob", "bob@example.org", "PT:lead"])
    url = reverse("admin:accounts_user_import")
    formats = {label: value for value, label in admin_client.get(url).context["form"].fields["format"].choices}
    upload = SimpleUploadedFile("u.csv", data.export("csv").encode())
    preview = admin_client.post(url, {"import_file": upload, "format": formats["csv"], "resource": "0"})
    rows = preview.context["result"].rows
    assert "DE:editor, FR:lead" in rows[0].diff[-1]
    # Bob's change is shown as a change: PT stays, viewer struck out, lead added.
    assert "PT:" in rows[1].diff[-1] and "<del" in rows[1].diff[-1] and ">lead</ins>" in rows[1].diff[-1]
    assert "DE:editor, FR:lead" in preview.content.decode()
    assert not User.objects.filter(username="carla").exists()  # a preview writes nothing


def test_a_user_import_with_one_bad_row_writes_nothing_and_says_why(admin_client, db):
    import tablib
    from django.core.files.uploadedfile import SimpleUploadedFile

    from accounts.models import User

    data = tablib.Dataset(headers=["username", "email", "memberships"])
    data.append(["good", "good@example.org", "DE:editor"])
    data.append(["bad", "bad@example.org", "XX:editor"])
    url = reverse("admin:accounts_user_import")
    formats = {label: value for value, label in admin_client.get(url).context["form"].fields["format"].choices}
    preview = admin_client.post(
        url, {"import_file": SimpleUploadedFile("u.csv", data.export("csv").encode()), "format": formats["csv"]}
    )
    page = preview.content.decode()
    assert "is not the code of a 1+MG country" in page and "confirm_form" not in (preview.context or {})
    assert not User.objects.filter(username__in=["good", "bad"]).exists()


def test_admins_read_why_a_background_task_failed_and_cannot_change_it(seeded):
    """Background tasks (PDF renders, mails) are listed read-only with their outcome and traceback."""
    from django_tasks_db.models import DBTaskResult

    admin_client = seeded
    failed = DBTaskResult.objects.get(status="FAILED")
    changelist = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_changelist"), {"status": "FAILED"})
    assert "render_pdf" in changelist.content.decode()
    page = admin_client.get(reverse("admin:django_tasks_database_dbtaskresult_change", args=[failed.pk]))
    assert "TemplateDoesNotExist" in page.content.decode() and "pdf/nope.html" in page.content.decode()
    assert 'name="_save"' not in page.content.decode()
    delete = reverse("admin:django_tasks_database_dbtaskresult_delete", args=[failed.pk])
    assert admin_client.post(delete).status_code == 403
    assert DBTaskResult.objects.filter(pk=failed.pk, status="FAILED").exists()
