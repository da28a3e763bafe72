"""Issue #14's "done when", in a browser: a country runs a whole cycle (readings, a progress report submitted
and approved, lessons carried into the next version) and the reviewer sees it on the Europe dashboard."""

import datetime

import pytest

from reviews import services as review_services
from strategies import services as strategy_services
from strategies.models import KPI, Objective
from tests.factories import make_strategy

pytestmark = pytest.mark.usefixtures("reference_data")


@pytest.fixture
def approved(lead, reviewer):
    strategy = make_strategy("DE", period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2026, 12, 31))
    objective = strategy_services.part_create(model=Objective, strategy=strategy, title="Reach professionals")
    strategy_services.part_create(
        model=KPI,
        strategy=strategy,
        objective=objective,
        metric="Webinar attendees",
        baseline="0",
        target="1,000 by end of 2026",
        method="Registrations",
        frequency="quarterly",
    )
    review_services.strategy_submit(strategy=strategy, user=lead)
    review_services.review_decide(review=review_services.open_review(strategy), user=reviewer, decision="approve")
    return strategy


def test_a_country_runs_a_whole_cycle_and_the_reviewer_sees_it(sign_in, live_server, approved, editor):
    base = live_server.url
    country = sign_in("lead")
    country.goto(f"{base}/strategies/{approved.pk}/")
    country.get_by_role("link", name="Monitoring").first.click()
    country.get_by_role("link", name="Add a reading (Webinar attendees)").click()
    country.get_by_label("Measured on").fill("2025-12-31")
    country.get_by_label("Period").fill("2025")
    country.get_by_label("Value").fill("520")
    country.get_by_label("Note").fill("Two series with the medical association.")
    country.get_by_role("button", name="Save the reading").click()
    country.wait_for_selector("text=Reading saved.")
    assert "On track" in country.locator("table").inner_text()

    country.get_by_role("link", name="Monitoring").first.click()
    country.get_by_label("Title").fill("Progress report 2025")
    country.get_by_label("Period starts").fill("2025-01-01")
    country.get_by_label("Period ends").fill("2025-12-31")
    country.get_by_role("button", name="Draft the report").click()
    country.wait_for_selector("text=Report drafted from the monitoring data")
    assert "Webinar attendees" in country.locator("#part-kpis").inner_text()
    country.get_by_label("Findings").fill("Webinars work; evening slots draw more GPs.")
    country.get_by_label("Lessons learnt").fill("Hold webinars in the evening.\nPartner with the medical association.")
    country.get_by_role("button", name="Save the report").click()
    country.wait_for_selector("text=Report saved.")
    country.get_by_role("button", name="Submit for review").click()
    country.get_by_role("button", name="Yes, submit it").click()  # submitting asks first
    country.wait_for_selector("text=Report submitted to the Special Group.")

    sg = sign_in("reviewer")
    sg.goto(f"{base}/reviews/")
    sg.get_by_role("link", name="Review Germany: Progress report 2025").click()
    part = sg.locator("#part-kpis")
    part.get_by_label("Accepted").check()
    part.get_by_label("Comment for the country").fill("Good progress.")
    part.get_by_role("button", name="Save verdict").click()
    sg.wait_for_selector("text=Verdict saved.")
    sg.get_by_role("radio", name="Approve").check()
    sg.get_by_role("button", name="Send decision").click()
    sg.wait_for_selector("text=Report approved")

    country.goto(f"{base}/strategies/{approved.pk}/")
    country.get_by_role("button", name="Start a new version").click()
    country.wait_for_selector("text=Lessons learnt for version 2")  # reopening opens the lessons
    lesson = country.locator("section", has_text="Hold webinars in the evening.")
    lesson.get_by_label("Changed section").select_option("channels")
    lesson.get_by_role("button", name="Link").click()
    country.wait_for_selector("text=Lesson linked.")
    assert "changed Channels and tactics in version 2" in country.locator("main").inner_text().replace("\n", " ")

    sg.goto(f"{base}/compare/europe/?view=running")
    germany = sg.locator("tr", has=sg.locator("th", has_text="Germany"))
    cells = germany.locator("td").all_inner_texts()
    # 1+MG, status, on track, at risk, off track, no status, tasks on time, checks, approved, in review, ...
    assert cells[2:6] == ["1", "0", "0", "0"] and cells[8:10] == ["1", "0"], cells
    sg.get_by_role("link", name="Findings and stories").click()
    assert "Hold webinars in the evening." in sg.locator("main").inner_text()
