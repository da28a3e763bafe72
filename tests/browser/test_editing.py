"""A person in a browser: sign in, write a section, lose nothing to a colleague, add a task, comment."""

import pytest

from strategies.models import Comment, Task

pytestmark = pytest.mark.usefixtures("reference_data")


def open_section(page, live_server, strategy, key="conclusion"):
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/{key}/")
    page.wait_for_selector("trix-editor")


def type_into(page, text, field="summary"):
    editor = page.locator(f'trix-editor[input="id_{field}"]')
    editor.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(text)


def test_editor_signs_in_and_saves_a_section(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    assert strategy.title in page.content()
    open_section(page, live_server, strategy)
    type_into(page, "Genomics for everyone.")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Saved.")
    strategy.conclusion_section.refresh_from_db()
    assert "Genomics for everyone." in strategy.conclusion_section.summary


@pytest.mark.both_databases  # two people save the same section at once: versions, merge and row locks
def test_two_editors_same_paragraph_conflict_then_resolve(sign_in, live_server, editor, lead, strategy):
    first, second = sign_in("lead"), sign_in("editor")
    open_section(first, live_server, strategy)
    open_section(second, live_server, strategy)
    second.wait_for_selector("text=Also editing now", timeout=15_000)  # presence polling shows the lead

    type_into(first, "The lead's conclusion.")
    first.get_by_role("button", name="Save").click()
    first.wait_for_selector("text=Saved.")

    type_into(second, "The editor's conclusion.")
    second.get_by_role("button", name="Save").click()
    second.wait_for_selector("text=A colleague changed the same text while you were editing")
    assert "The lead's conclusion." in second.content() and "The editor's conclusion." in second.content()

    # The editor's text is still in the editor; they add the lead's sentence and save on top of it.
    type_into(second, " The lead's conclusion.")
    second.get_by_role("button", name="Save").click()
    second.wait_for_selector("text=Saved.")
    strategy.conclusion_section.refresh_from_db()
    summary = strategy.conclusion_section.summary
    assert "The editor's conclusion." in summary and "The lead's conclusion." in summary


@pytest.mark.both_databases  # two people save the same section at once: versions, merge and row locks
def test_two_editors_different_sections_of_text_are_merged(sign_in, live_server, editor, lead, strategy):
    first, second = sign_in("lead"), sign_in("editor")
    open_section(first, live_server, strategy, "introduction")
    open_section(second, live_server, strategy, "introduction")
    type_into(first, "Background by the lead.", field="background")
    first.get_by_role("button", name="Save").click()
    first.wait_for_selector("text=Saved.")
    type_into(second, "Purpose by the editor.", field="purpose")
    second.get_by_role("button", name="Save").click()
    second.wait_for_selector("text=both your changes were merged")
    section = strategy.introduction_section
    section.refresh_from_db()
    assert "Background by the lead." in section.background and "Purpose by the editor." in section.purpose


def test_add_a_task_and_comment(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/action-plan/")
    page.locator("#phase-execute").locator("xpath=..").get_by_role("button", name="Add task").click()
    form = page.locator("#tasks-execute form")
    form.get_by_label("Title").fill("Brief the press office")
    form.get_by_label("Phase").select_option("execute")
    form.get_by_role("button", name="Save").click()
    page.wait_for_selector("#tasks-execute >> text=Brief the press office")
    assert Task.objects.filter(title="Brief the press office", strategy=strategy).exists()

    open_section(page, live_server, strategy)
    page.get_by_placeholder("Write a comment").fill("Can we cite the 2026 survey here?")
    page.get_by_role("button", name="Comment", exact=True).click()
    page.wait_for_selector("#comments-panel >> text=Can we cite the 2026 survey here?")
    assert Comment.objects.filter(strategy=strategy, section_key="conclusion").count() == 1


def test_unsaved_text_survives_a_closed_tab(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    open_section(page, live_server, strategy)
    type_into(page, "Words not yet saved.")
    page.wait_for_timeout(300)
    page.once("dialog", lambda dialog: dialog.accept())  # "leave with unsaved changes?" - yes
    page.goto(f"{live_server.url}/")  # leave without saving
    open_section(page, live_server, strategy)
    page.wait_for_selector("#local-draft:not([hidden])")
    page.get_by_role("button", name="Restore them").click()
    assert "Words not yet saved." in page.locator('trix-editor[input="id_summary"]').inner_text()
