"""The editor's local copy survives a save the server refuses, and a too-large save is stopped in the
browser with a message that says the limit: nobody's text is lost to a limit."""

import pytest

from tests.browser.test_editing import open_section, type_into

pytestmark = pytest.mark.usefixtures("reference_data")


def test_the_local_copy_survives_a_refused_save(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    open_section(page, live_server, strategy)
    type_into(page, "Opening words. ")
    # One answer over its limit (under the request limit): the server refuses it with a field error.
    page.evaluate(
        """() => document.querySelector('trix-editor[input="id_summary"]').editor
                 .insertString("word ".repeat(21000))"""
    )
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Nothing was saved")
    assert "the limit is" in page.content()
    # The refused page holds the unsaved text; leaving it must not lose the browser's copy.
    page.goto(f"{live_server.url}/")
    open_section(page, live_server, strategy)
    page.wait_for_selector("#local-draft:not([hidden])")
    page.get_by_role("button", name="Restore them").click()
    assert "Opening words." in page.locator('trix-editor[input="id_summary"]').inner_text()
    strategy.conclusion_section.refresh_from_db()
    assert strategy.conclusion_section.summary == ""


def test_a_too_large_save_is_stopped_in_the_browser_with_the_limit(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    open_section(page, live_server, strategy)
    type_into(page, "Kept words. ")
    page.evaluate(
        """() => document.querySelector('trix-editor[input="id_summary"]').editor.insertString("x".repeat(2600000))"""
    )
    page.get_by_role("button", name="Save").click()
    notice = page.locator("#too-large")
    notice.wait_for(state="visible")
    assert "at most 2.5 MB" in notice.inner_text()
    assert page.url.endswith(f"/strategies/{strategy.pk}/sections/conclusion/")  # nothing was sent
    assert "Kept words." in page.locator('trix-editor[input="id_summary"]').inner_text()
