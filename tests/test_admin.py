"""The admin shows every model: each changelist, search and add page answers for an admin."""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.urls import reverse

from strategies.models import Strategy

MODELS = sorted(admin.site._registry, key=lambda m: m._meta.label)


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_every_project_model_is_registered():
    from django.apps import apps

    for app in ("accounts", "guide", "strategies", "factsheets"):
        for model in apps.get_app_config(app).get_models():
            assert model in admin.site._registry, model


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_changelist_and_search(admin_client, seeded, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    assert admin_client.get(url).status_code == 200
    assert admin_client.get(url, {"q": "genom"}).status_code == 200


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_change_page_of_first_object(admin_client, seeded, model):
    obj = model.objects.first()
    if obj is None:
        pytest.skip("no rows")
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    assert admin_client.get(url).status_code == 200


def test_strategy_created_in_admin_gets_its_template(admin_client, seeded):
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
def test_import_export_pages(admin_client, seeded, name):
    assert admin_client.get(reverse(f"admin:{name}_import")).status_code == 200
    assert admin_client.get(reverse(f"admin:{name}_export")).status_code == 200
