"""A save that fails on the server loses nothing in the browser either: the error page hands the text back
and the editor offers its local copy when the person returns."""

import pytest
from django.db import OperationalError

from strategies import services

pytestmark = pytest.mark.usefixtures("reference_data")


def test_text_survives_a_database_failure_during_save(sign_in, live_server, editor, strategy, monkeypatch):
    page = sign_in("editor")
    url = f"{live_server.url}/strategies/{strategy.pk}/sections/conclusion/"
    page.goto(url)
    page.wait_for_selector("trix-editor")
    page.locator('trix-editor[input="id_summary"]').click()
    page.keyboard.type("An hour of careful writing.")

    def database_gone(**kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(services, "section_update", database_gone)
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Your work was not saved, but it is not lost")
    assert page.locator("textarea").first.input_value() == "An hour of careful writing."

    monkeypatch.undo()  # the database is back
    page.get_by_role("link", name="Back to the page, to try again").click()
    page.wait_for_selector("#local-draft:not([hidden])")
    page.get_by_role("button", name="Restore them").click()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Saved.")
    strategy.conclusion_section.refresh_from_db()
    assert "An hour of careful writing." in strategy.conclusion_section.summary
