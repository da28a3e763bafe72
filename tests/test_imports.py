"""Admin imports (django-import-export): malformed, oversized, wrong-type or formula-laden files are refused
with a clear message and write nothing; an import naming another country's rows fails on those rows."""

import io

import openpyxl
import pytest
import tablib
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from strategies import services
from strategies.models import Risk, Task
from strategies.resources import RiskResource, TaskResource
from tests.db_state import fingerprint
from tests.factories import make_strategy

CSV, XLSX = "0", "1"


def upload(client, url_name, content: bytes, name: str, fmt: str):
    file = SimpleUploadedFile(name, content)
    return client.post(reverse(url_name), {"resource": "0", "format": fmt, "import_file": file})


def risks_csv(*rows) -> bytes:
    data = tablib.Dataset(headers=["id", "strategy", "description", "likelihood", "impact", "mitigation"])
    for row in rows:
        data.append(row)
    return data.export("csv").encode()


@pytest.fixture
def admin_client(client, admin_user):
    client.force_login(admin_user)
    return client


@pytest.mark.parametrize(
    "cell",
    ['=HYPERLINK("https://evil.example","click")', "@SUM(1+1)*cmd|' /C calc'!A0", "+cmd|' /C calc'!A0", "-SUM(A1)"],
)
def test_a_csv_with_a_formula_is_refused_and_writes_nothing(admin_client, strategy, cell):
    before = fingerprint()
    response = upload(
        admin_client, "admin:strategies_risk_import", risks_csv(["", strategy.pk, "Ok", 3, 3, cell]), "r.csv", CSV
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "spreadsheet formula" in content and "Row 1, column “mitigation”" in content
    assert 'name="import_file_name"' not in content  # no confirmation step is offered
    assert fingerprint() == before


def test_signed_numbers_and_dash_bullets_are_not_formulas(strategy):
    data = tablib.Dataset(headers=["id", "strategy", "description", "likelihood", "impact", "mitigation"])
    data.append(["", strategy.pk, "-5 % trust", 3, 3, "- see (page 3)"])
    result = RiskResource().import_data(data, dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
    assert Risk.objects.get().mitigation == "- see (page 3)"


def test_an_xlsx_formula_is_refused_not_imported_as_its_last_result(admin_client, strategy):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["id", "strategy", "description", "likelihood", "impact", "mitigation"])
    sheet.append([None, strategy.pk, "Risk", 3, 3, '=HYPERLINK("https://evil.example","Read more")'])
    buffer = io.BytesIO()
    book.save(buffer)
    before = fingerprint()
    response = upload(admin_client, "admin:strategies_risk_import", buffer.getvalue(), "r.xlsx", XLSX)
    assert "spreadsheet formula" in response.content.decode()
    assert fingerprint() == before


def test_an_oversized_file_is_refused_before_it_is_read(admin_client, strategy):
    before = fingerprint()
    content = risks_csv(*[["", strategy.pk, "x" * 1000, 3, 3, ""] for _ in range(2100)])
    response = upload(admin_client, "admin:strategies_risk_import", content, "big.csv", CSV)
    assert "an import file may be at most 2.0 MB" in response.content.decode()
    assert fingerprint() == before


def test_too_many_rows_are_refused(admin_client, strategy):
    before = fingerprint()
    content = risks_csv(*[["", strategy.pk, "r", 3, 3, ""] for _ in range(5001)])
    response = upload(admin_client, "admin:strategies_risk_import", content, "rows.csv", CSV)
    assert "one import takes at most 5000" in response.content.decode()
    assert fingerprint() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "trying to read file"),
        (b"just one line without the columns", "No valid data to import"),
        (risks_csv(["", "1", "Ok\x00", 3, 3, ""]), "null character"),
    ],
)
def test_malformed_files_are_refused_with_a_message(admin_client, strategy, content, message):
    before = fingerprint()
    response = upload(admin_client, "admin:strategies_risk_import", content, "bad.csv", CSV)
    assert response.status_code == 200
    page = response.content.decode()
    assert "errorlist" in page or "Errors" in page or "error" in page.lower()
    assert message in page
    assert 'name="import_file_name"' not in page
    assert fingerprint() == before


def test_one_wrong_row_means_nothing_is_written_even_without_the_dry_run(strategy):
    data = tablib.Dataset(headers=["id", "strategy", "description", "likelihood", "impact"])
    data.append(["", strategy.pk, "A fine new risk", 3, 3])
    data.append(["", strategy.pk, "Likelihood out of the 1–5 scale", 9, 3])
    data.append(["", strategy.pk, "Another fine one", 2, 2])
    result = RiskResource().import_data(data, dry_run=False)
    assert result.has_validation_errors() and not result.has_errors()
    assert not Risk.objects.exists()


def test_a_row_of_another_country_cannot_be_moved_into_this_strategy(strategy):
    france = make_strategy("FR")
    french_task = france.tasks.first()
    before = fingerprint()
    data = tablib.Dataset(headers=["id", "strategy", "phase", "title", "status"])
    data.append([french_task.pk, strategy.pk, french_task.phase, "Taken over", "todo"])
    result = TaskResource().import_data(data, dry_run=False)
    assert [row.number for row in result.invalid_rows] == [1]
    assert "another country" in str(result.invalid_rows[0].error_dict)
    assert fingerprint() == before
    assert Task.objects.get(pk=french_task.pk).strategy_id == france.pk


def test_a_task_cannot_hang_under_another_countrys_task_or_be_owned_by_an_outsider(strategy, outsider, editor):
    france = make_strategy("FR")
    french_parent = france.tasks.filter(parent__isnull=True).first()
    data = tablib.Dataset(headers=["id", "strategy", "phase", "parent", "title", "status", "owner"])
    data.append(["", strategy.pk, french_parent.phase, french_parent.pk, "Sub-task", "todo", ""])
    data.append(["", strategy.pk, "execute", "", "Owned elsewhere", "todo", outsider.username])
    data.append(["", strategy.pk, "execute", "", "Owned here", "todo", editor.username])
    before = fingerprint()
    result = TaskResource().import_data(data, dry_run=False)
    assert [row.number for row in result.invalid_rows] == [1, 2]
    assert "another strategy" in str(result.invalid_rows[0].error_dict)
    assert "not a lead or editor" in str(result.invalid_rows[1].error_dict)
    assert fingerprint() == before


def test_a_good_import_goes_through_and_is_audited(admin_client, admin_user, strategy):
    content = risks_csv(["", strategy.pk, "Imported risk", 2, 4, "Talk early"])
    preview = upload(admin_client, "admin:strategies_risk_import", content, "ok.csv", CSV)
    page = preview.content.decode()
    assert 'name="import_file_name"' in page
    import re

    confirm = dict(re.findall(r'name="(\w+)"[^>]*value="([^"]*)"', page))
    response = admin_client.post(reverse("admin:strategies_risk_process_import"), confirm)
    assert response.status_code == 302
    assert Risk.objects.get().description == "Imported risk"
    event = AuditEvent.objects.get(action="import")
    assert event.user == admin_user and event.target == "strategies.risk" and event.details["totals"] == {"new": 1}


def test_account_imports_are_checked_the_same_way(admin_client):
    data = tablib.Dataset(headers=["username", "first_name", "email", "memberships"])
    data.append(["mallory", "=cmd|' /C calc'!A0", "m@example.org", "DE:lead"])
    before = fingerprint()
    response = upload(admin_client, "admin:accounts_user_import", data.export("csv").encode(), "u.csv", CSV)
    assert "spreadsheet formula" in response.content.decode()
    assert fingerprint() == before


def test_existing_row_round_trips_still_work(strategy):
    services.part_create(model=Risk, strategy=strategy, description="Low trust", likelihood=4, impact=5)
    dataset = RiskResource().export(Risk.objects.all())
    result = RiskResource().import_data(tablib.Dataset().load(dataset.export("csv"), format="csv"), dry_run=False)
    assert not result.has_errors() and not result.has_validation_errors()
