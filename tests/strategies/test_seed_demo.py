import pytest
from django.core.management import CommandError, call_command

from accounts.models import Country, Membership, User
from strategies.models import Strategy

pytestmark = pytest.mark.django_db


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


@pytest.fixture
def seeded(settings):
    settings.DEBUG = True
    call_command("seed_demo")


def test_every_country_is_there(seeded):
    assert Country.objects.count() == 28
    assert Country.objects.filter(is_signatory=True).count() == 26


@pytest.mark.parametrize(
    ("username", "country", "role"),
    [(f"{r}-{c.lower()}", c, r) for c in ("DE", "FR", "PT") for r in ("lead", "editor", "viewer")],
)
def test_demo_country_users(seeded, client, username, country, role):
    assert Membership.objects.get(user__username=username).role == role
    assert client.login(username=username, password="onemg-demo")


def test_admin_and_reviewer(seeded, client):
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="reviewer").is_reviewer
    assert client.login(username="reviewer", password="onemg-demo")


def test_strategies_in_different_states_and_one_complete(seeded):
    statuses = dict(Strategy.objects.values_list("country__code", "status"))
    assert statuses == {"DE": "draft", "FR": "submitted", "PT": "approved"}
    germany = Strategy.objects.get(country__code="DE")
    assert all(section.is_complete for section in germany.sections())
    for related in ("segments", "messages", "channels", "tactics", "content_items", "stakeholders", "objectives"):
        assert getattr(germany, related).exists(), related
    for related in ("kpis", "risks", "roles", "budget_lines"):
        assert getattr(germany, related).exists(), related
    assert germany.segments.filter(hard_to_reach=True).exists()
    assert germany.tasks.filter(owner__isnull=False, due__isnull=False).exists()
    assert not germany.assessments.filter(status="not_started", evidence="").exists()


def test_seed_is_idempotent_and_keeps_work(settings, seeded):
    germany = Strategy.objects.get(country__code="DE")
    section = germany.conclusion_section
    section.summary = "<p>Edited in the demo</p>"
    section.save()
    counts = (User.objects.count(), Strategy.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Strategy.objects.count(), Membership.objects.count()) == counts
    section.refresh_from_db()
    assert section.summary == "<p>Edited in the demo</p>"


def test_force_runs_with_debug_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(username="lead-de").exists()


def test_germany_has_both_factsheets_ready_for_a_final_pdf(seeded):
    from factsheets import services
    from factsheets.models import Factsheet

    factsheets = Factsheet.objects.filter(country__code="DE")
    assert {(f.template.audience, f.language) for f in factsheets} == {
        ("citizens", "en"),
        ("citizens", "de"),
        ("professionals", "en"),
        ("professionals", "de"),
    }
    assert all(services.resolved(f)["missing"] == [] for f in factsheets)
