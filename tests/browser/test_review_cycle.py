"""The whole review cycle in a browser: submit, request changes, fix, resubmit, approve, read elsewhere."""

import pytest

pytestmark = pytest.mark.usefixtures("reference_data")


def test_full_review_cycle(sign_in, live_server, lead, editor, reviewer, outsider, strategy):
    base = live_server.url
    country = sign_in("lead")
    country.goto(f"{base}/strategies/{strategy.pk}/sections/conclusion/")
    country.locator('trix-editor[input="id_summary"]').click()
    country.keyboard.type("We will engage every region.")
    country.get_by_role("button", name="Save").click()
    country.wait_for_selector("text=Saved.")
    country.goto(f"{base}/strategies/{strategy.pk}/")
    country.get_by_label("Note for the reviewers (optional)").fill("First submission")
    country.get_by_role("button", name="Submit for review").click()
    country.get_by_role("button", name="Yes, submit it").click()  # submitting asks first
    country.wait_for_selector("text=Submitted for review")

    sg = sign_in("reviewer")
    sg.goto(f"{base}/reviews/")
    sg.get_by_role("link", name="Germany").click()
    section = sg.locator("#conclusion")
    section.get_by_label("Needs changes").check()
    section.get_by_label("Comment for the country").fill("Name the regions and the timeline.")
    section.get_by_role("button", name="Save verdict").click()
    sg.wait_for_selector("#conclusion >> text=Name the regions and the timeline.")
    sg.get_by_role("radio", name="Request changes").check()
    sg.get_by_label("Reason (required to request changes)").fill("The conclusion needs specifics.")
    sg.get_by_role("button", name="Send decision").click()
    sg.wait_for_selector("text=Decision sent to the country.")

    author = sign_in("editor")
    author.goto(f"{base}/strategies/{strategy.pk}/sections/conclusion/")
    author.wait_for_selector("#comments-panel >> text=Name the regions and the timeline.")
    author.locator('trix-editor[input="id_summary"]').click()
    author.keyboard.press("Control+End")
    author.keyboard.type(" Bavaria and Saxony first, by June 2026.")
    author.get_by_role("button", name="Save").click()
    author.wait_for_selector("text=Saved.")
    author.locator("#comments-panel").get_by_role("button", name="Resolve").click()
    author.wait_for_selector("#comments-panel >> text=Resolved by")

    country.goto(f"{base}/strategies/{strategy.pk}/")
    assert "Changes requested" in country.content()
    country.get_by_role("button", name="Submit for review").click()
    country.get_by_role("button", name="Yes, submit it").click()
    country.wait_for_selector("text=Submitted for review")

    sg.goto(f"{base}/reviews/")
    sg.get_by_role("link", name="Germany").click()
    sg.wait_for_selector("text=Changes are shown against submission 1")
    assert "Bavaria and Saxony first" in sg.locator("#conclusion ins").first.inner_text()
    assert "addressed" in sg.locator("#conclusion").inner_text()
    sg.get_by_role("radio", name="Approve").check()
    sg.get_by_role("button", name="Send decision").click()
    sg.get_by_role("button", name="Approve anyway").click()  # approving asks first (sections without verdict)
    sg.wait_for_selector("text=Decision sent to the country.")

    other = sign_in("outsider")
    other.goto(f"{base}/")
    other.get_by_role("link", name="Germany – National strategy").click()
    other.wait_for_selector("text=Bavaria and Saxony first")
    assert "Approved" in other.content()
