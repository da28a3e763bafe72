import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from accounts.models import Country, Membership, User
from strategies.models import Strategy
from tests.conftest import rolled_back_at_the_end

pytestmark = pytest.mark.django_db


def test_refuses_to_run_with_debug_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo")
    assert not User.objects.exists()


def test_force_runs_with_debug_off(settings):
    settings.DEBUG = False
    call_command("seed_demo", "--force")
    assert User.objects.filter(username="lead-de").exists()


def test_it_says_how_to_sign_in(settings):
    import io

    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines == [
        "Demo data ready. Sign in at http://127.0.0.1:8000/accounts/login/",
        "  password for every demo user: onemg-demo",
        "  admin, reviewer, lead-de, editor-de, viewer-de, lead-fr, editor-fr, viewer-fr, "
        "lead-pt, editor-pt, viewer-pt",
    ]


def test_full_borrows_a_plan_under_each_countrys_own_name(db):
    from accounts.models import Country
    from demo import seeding

    italy = seeding.strategy_data(Country.objects.get(code="IT"))
    assert italy["title"] == "Italy 1+MG communication strategy" and italy["sections"]
    assert italy["contact"]["contact_email"] == "1mg-it@example.org"


def test_the_demo_password_is_hashed_once_for_every_account(settings, monkeypatch):
    """Password hashing is slow on purpose (about 0.3 s each); 86 accounts with --full made it most of the
    seeding time (issue #13: `seed_demo --full` within 15 s)."""
    from django.contrib.auth import hashers

    from demo import seeding

    hasher = type(hashers.get_hasher("default"))
    calls = []
    original = hasher.encode
    monkeypatch.setattr(hasher, "encode", lambda self, *args, **kw: calls.append(1) or original(self, *args, **kw))
    seeding._demo_password_hash.cache_clear()
    settings.DEBUG = True
    call_command("seed_demo")
    assert len(calls) == 1
    assert User.objects.count() == 11 and all(u.check_password("onemg-demo") for u in User.objects.all())


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """`seed_demo`, once for the class (2-5 s each time): each test reads it in a savepoint of its own, and it is
    rolled back after the last one."""
    with rolled_back_at_the_end(django_db_blocker), override_settings(DEBUG=True):
        call_command("seed_demo")
        yield


# The demo is seeded once for the class: its tests stay on one test worker (make test's --dist loadgroup).
@pytest.mark.usefixtures("seeded")
@pytest.mark.xdist_group("seeded-demo")
class TestTheSeededDemo:
    def test_every_country_is_there(self):
        assert Country.objects.count() == 28
        assert Country.objects.filter(is_signatory=True).count() == 26

    @pytest.mark.parametrize(
        ("username", "country", "role"),
        [(f"{r}-{c.lower()}", c, r) for c in ("DE", "FR", "PT") for r in ("lead", "editor", "viewer")],
    )
    def test_demo_country_users(self, client, username, country, role):
        assert Membership.objects.get(user__username=username).role == role
        assert client.login(username=username, password="onemg-demo")

    def test_admin_and_reviewer(self, client):
        assert User.objects.get(username="admin").is_superuser
        assert User.objects.get(username="reviewer").is_reviewer
        assert client.login(username="reviewer", password="onemg-demo")

    def test_strategies_in_different_states_and_one_complete(self):
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

    def test_seed_is_idempotent_and_keeps_work(self):
        germany = Strategy.objects.get(country__code="DE")
        section = germany.conclusion_section
        section.summary = "<p>Edited in the demo</p>"
        section.save()
        counts = (User.objects.count(), Strategy.objects.count(), Membership.objects.count())
        call_command("seed_demo")
        assert (User.objects.count(), Strategy.objects.count(), Membership.objects.count()) == counts
        section.refresh_from_db()
        assert section.summary == "<p>Edited in the demo</p>"

    def test_germany_has_both_factsheets_ready_for_a_final_pdf(self):
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

    def test_the_content_is_data_and_is_written_through_the_services(self):
        from pathlib import Path

        from demo import seeding
        from strategies.models import Revision, Task

        assert {p.name for p in Path(seeding.DATA).glob("*.json")} >= {"strategy-de.json", "countries.json"}
        germany = Strategy.objects.get(country__code="DE")
        # Every section written by the demo is in its history, as an editor's save is.
        for section in germany.sections():
            assert Revision.objects.filter(
                strategy=germany, target=f"section:{section.key}", version=section.edit_version
            )
        # The guide's tasks the demo fills in are saved like any edit: a new version with its revision.
        owned = Task.objects.filter(strategy=germany, owner__isnull=False)
        assert owned.exists()
        for task in owned:
            revision = Revision.objects.get(strategy=germany, target=f"task:{task.pk}", version=task.edit_version)
            assert revision.data["owner"] == task.owner_id and revision.user.username == "editor-de"

    def test_germany_and_portugal_run_their_plans(self):
        """The monitoring demo (demo/data/monitoring.json): readings, risk reviews and two stories each, and
        Portugal's 2025 report approved with its lessons while its H1 2026 report is in review."""
        from monitoring.models import KPIReading, ProgressReport, RiskReview, SuccessStory

        for code in ("DE", "PT"):
            assert KPIReading.objects.filter(kpi__strategy__country__code=code).exists(), code
            assert RiskReview.objects.filter(risk__strategy__country__code=code).exists(), code
            assert SuccessStory.objects.filter(strategy__country__code=code).count() == 2, code
        reports = dict(ProgressReport.objects.filter(strategy__country__code="PT").values_list("title", "status"))
        assert reports == {"Progress report 2025": "approved", "Progress report H1 2026": "submitted"}
        approved = ProgressReport.objects.get(title="Progress report 2025")
        assert approved.lessons.count() == 2

    def test_seeding_again_adds_no_monitoring_data(self):
        from monitoring.models import KPIReading, ProgressReport, SuccessStory

        counts = (KPIReading.objects.count(), SuccessStory.objects.count(), ProgressReport.objects.count())
        call_command("seed_demo")
        assert (KPIReading.objects.count(), SuccessStory.objects.count(), ProgressReport.objects.count()) == counts
