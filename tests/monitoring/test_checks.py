"""Readiness checks from the guide: each one met or not, with what to do; advice only."""

import datetime

from guide.models import Phase
from monitoring.checks import run_checks
from reviews import services as review_services
from strategies import services as strategy_services
from strategies.models import AudienceSegment, BudgetLine, KeyMessage, Risk


def _by_key(strategy):
    return {check.key: check for check in run_checks(strategy)}


def test_a_new_strategy_meets_none_and_says_what_to_do(strategy):
    checks = _by_key(strategy)
    assert len(checks) == 7
    assert not any(c.met for c in checks.values())
    assert all(c.message for c in checks.values())
    assert "Add the strategy's objectives" in checks["objectives_kpis"].message


def test_each_check_is_met_by_what_the_guide_asks_for(running, lead):
    strategy = running["strategy"]
    assert _by_key(strategy)["objectives_kpis"].met
    strategy_services.part_create(
        model=AudienceSegment, strategy=strategy, group="citizens", name="Carers", hard_to_reach=True
    )
    strategy_services.part_create(model=KeyMessage, strategy=strategy, message="Your data helps")
    strategy_services.part_create(model=BudgetLine, strategy=strategy, item="Campaign", amount=1000)
    for assessment in strategy.assessments.all():
        strategy_services.assessments_update(
            strategy=strategy,
            data={
                assessment.pk: {"status": "planned", "evidence": "<p>Plan</p>", "edit_version": assessment.edit_version}
            },
            user=lead,
        )
    for value, _label in Phase.choices:
        task = strategy.tasks.filter(phase=value).first()
        strategy_services.part_update(
            part=task,
            data={"owner": lead.pk, "due": datetime.date(2026, 3, 1)},
            base_version=task.edit_version,
            user=lead,
        )
    checks = _by_key(strategy)
    assert all(c.met for c in checks.values()), {k: c.message for k, c in checks.items() if not c.met}


def test_an_objective_without_a_complete_kpi_is_named(running):
    strategy = running["strategy"]
    kpi = running["kpi"]
    strategy_services.part_update(part=kpi, data={"method": ""}, base_version=kpi.edit_version, user=None)
    check = _by_key(strategy)["objectives_kpis"]
    assert not check.met and "Raise awareness" in check.message


def test_a_risk_without_owner_fails_the_check(running):
    strategy_services.part_create(model=Risk, strategy=running["strategy"], description="No owner", mitigation="x")
    check = _by_key(running["strategy"])["risks"]
    assert not check.met and check.message == "1 risk lacks a mitigation or an owner."


def test_checks_are_advice_submitting_stays_possible_and_freezes_them(strategy, lead):
    snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    assert len(snapshot.data["readiness"]) == 7
    assert not any(item["met"] for item in snapshot.data["readiness"])


def test_the_submit_confirmation_and_the_review_page_show_the_checks(client, strategy, lead, reviewer):
    client.force_login(lead)
    response = client.post(f"/reviews/strategies/{strategy.pk}/transition/", {"action": "submit"})
    assert b"Readiness checks from the guide" in response.content and b"0 of 7 met" in response.content
    snapshot = review_services.strategy_submit(strategy=strategy, user=lead)
    client.force_login(reviewer)
    response = client.get(f"/reviews/{snapshot.review.pk}/")
    assert b"Readiness checks at submission" in response.content


def test_the_overview_fragment_shows_the_checks_to_members_only(client, strategy, lead, outsider):
    client.force_login(lead)
    assert b"Readiness checks" in client.get(f"/monitoring/strategies/{strategy.pk}/checks/").content
    client.force_login(outsider)
    assert client.get(f"/monitoring/strategies/{strategy.pk}/checks/").status_code == 404


def test_a_mitigation_or_owner_of_whitespace_only_counts_as_missing(running):
    """The check counts in SQL (one query for all checks): whitespace is what Python's str.strip() strips."""
    strategy = running["strategy"]
    Risk.objects.filter(strategy=strategy).update(mitigation="Plan B", owner="Comms")
    strategy_services.part_create(model=Risk, strategy=strategy, description="Tabs", mitigation="x", owner="x")
    Risk.objects.filter(description="Tabs").update(mitigation="\t\n\u00a0\u2003 ")
    strategy_services.part_create(model=Risk, strategy=strategy, description="Spaced", mitigation="x", owner="x")
    Risk.objects.filter(description="Spaced").update(owner="  \r\n")
    check = _by_key(strategy)["risks"]
    assert not check.met and check.message == "2 risks lack a mitigation or an owner."
    Risk.objects.filter(strategy=strategy).update(mitigation=" Plan ", owner="\tComms\n")
    assert _by_key(strategy)["risks"].met


def test_all_checks_take_two_queries(running, django_assert_num_queries):
    with django_assert_num_queries(2):
        run_checks(running["strategy"])
