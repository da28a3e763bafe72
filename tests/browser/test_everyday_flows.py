"""Everyday flows in a browser: linked rows, sub-tasks, errors that take the focus, @mentions, unchanged
saves, the warning before leaving unsaved edits, and an approval that asks before it approves."""

import pytest
from playwright.sync_api import expect

from reviews import services as review_services
from strategies import services
from strategies.models import AudienceSegment, KeyMessage, Revision

pytestmark = pytest.mark.usefixtures("reference_data")


def test_add_a_key_message_for_an_audience(sign_in, live_server, editor, strategy):
    segment = services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name="Rural patients")
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/parts/messages/")
    page.get_by_role("button", name="Add key message").click()
    form = page.locator("#new-messages form")
    expect(form.locator(":focus")).to_have_count(1)  # the opened form has taken the cursor: now type
    form.get_by_label("Audience").select_option(label="Rural patients")
    form.get_by_label("Message").fill("Your genome can help someone like you.")
    form.get_by_role("button", name="Save").click()
    page.wait_for_selector("#part-list >> text=Your genome can help someone like you.")
    assert "Rural patients" in page.locator("#part-list li").first.inner_text()
    assert KeyMessage.objects.get(strategy=strategy).segment == segment


def test_add_a_sub_task_under_a_task(sign_in, live_server, editor, strategy):
    parent = strategy.tasks.get(title="Prioritise trust")
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/action-plan/")
    page.locator(f"#tasks-{parent.pk}").get_by_role("button", name="Add sub-task").click()
    form = page.locator("#new-tasks form")
    # Phase and parent come chosen; the parent list offers only this phase's tasks; the title has the focus.
    assert form.get_by_label("Phase").input_value() == "initiate"
    assert form.get_by_label("Part of").input_value() == str(parent.pk)
    visible = form.locator("select[name=parent] option:not([hidden])").all_inner_texts()
    assert "Execute the strategy" not in visible and "Prioritise trust" in visible
    page.keyboard.type("Thank the citizen panel publicly")
    form.get_by_role("button", name="Save").click()
    page.wait_for_selector("#tasks-initiate >> text=Thank the citizen panel publicly")
    assert parent.subtasks.filter(title="Thank the citizen panel publicly").exists()
    # Changing the phase shows that phase's tasks instead.
    page.locator(f"#tasks-{parent.pk}").get_by_role("button", name="Add sub-task").click()
    form = page.locator("#new-tasks form")
    form.get_by_label("Phase").select_option("execute")
    assert form.get_by_label("Part of").input_value() == ""
    visible = form.locator("select[name=parent] option:not([hidden])").all_inner_texts()
    assert "Execute the strategy" in visible and "Prioritise trust" not in visible


def test_delete_a_task_and_its_sub_tasks_after_confirming(sign_in, live_server, editor, strategy):
    parent = strategy.tasks.get(title="Prioritise trust")
    children = list(parent.subtasks.values_list("title", flat=True))
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/action-plan/")
    dialogs = []

    def answer(dialog, accept: bool):
        dialogs.append(dialog.message)
        dialog.accept() if accept else dialog.dismiss()

    page.once("dialog", lambda dialog: answer(dialog, False))
    page.get_by_role("button", name="Delete “Prioritise trust”").click()
    assert dialogs == [f"Delete “Prioritise trust” and its {len(children)} sub-tasks? They are deleted with it."]
    assert strategy.tasks.filter(pk=parent.pk).exists()  # "Cancel" deletes nothing

    page.once("dialog", lambda dialog: answer(dialog, True))
    page.get_by_role("button", name="Delete “Prioritise trust”").click()
    page.wait_for_selector("text=Deleted “Prioritise trust”.")
    assert not strategy.tasks.filter(title__in=["Prioritise trust", *children]).exists()
    assert not page.locator(f"#tasks-{parent.pk}").count()
    for title in children:
        expect(page.locator("#tasks-initiate")).not_to_contain_text(title)


def test_an_error_in_a_tall_inline_form_takes_the_focus(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.set_viewport_size({"width": 1000, "height": 500})
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/parts/risks/")
    page.get_by_role("button", name="Add risk").click()
    form = page.locator("#new-risks form")
    # The opened form puts the cursor in its first field; wait for that, as a person would, before typing.
    expect(form.locator("#id_description")).to_be_focused()
    form.get_by_label("Likelihood (1–5)").fill("9")
    form.get_by_role("button", name="Save").click()
    page.wait_for_selector("[data-form-errors]")
    focused = page.evaluate("document.activeElement.id")
    assert focused == "id_description"  # the first field in error, not the Save button far below
    assert page.locator("[data-form-errors]").get_attribute("role") == "alert"
    assert page.locator("#id_description").is_visible()


def test_mention_a_colleague_with_the_autocomplete(sign_in, live_server, editor, lead, strategy):
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/objectives/")
    box = page.get_by_placeholder("Write a comment")
    box.click()
    page.keyboard.type("Can you check this, @le")
    page.wait_for_selector(".mention-list [role=option]")
    page.keyboard.press("Enter")
    assert box.input_value() == "Can you check this, @lead "
    page.get_by_role("button", name="Comment", exact=True).click()
    page.wait_for_selector("#comments-panel .mention")
    assert lead.notifications.filter(subject__contains="mentioned you").exists()


def test_saving_an_untouched_section_makes_no_new_version(sign_in, live_server, editor, strategy):
    services.section_update(
        strategy=strategy,
        key="introduction",
        data={
            "background": "<p>First paragraph.</p><p>Second with <b>bold</b>.</p>",
            "purpose": "<ul><li>One</li><li>Two  spaces</li></ul>",
        },
        base_version=1,
        user=editor,
    )
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/introduction/")
    page.wait_for_selector("trix-editor")
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=Nothing to save")
    assert Revision.objects.filter(target="section:introduction").count() == 2  # created, and the one save


def test_leaving_unsaved_edits_asks_first(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/conclusion/")
    page.locator('trix-editor[input="id_summary"]').click()
    page.keyboard.type("Not saved yet.")
    dialogs = []

    def stay(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.once("dialog", stay)
    page.get_by_role("link", name="Back to overview").click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and page.url.endswith("/sections/conclusion/")
    page.get_by_role("button", name="Save").click()  # saving is not leaving: no question
    page.wait_for_selector("text=Saved.")
    page.get_by_role("link", name="Back to overview").click()
    page.wait_for_url(f"{live_server.url}/strategies/{strategy.pk}/")


def test_approving_with_unreviewed_sections_asks_for_confirmation(sign_in, live_server, lead, reviewer, strategy):
    review_services.strategy_submit(strategy=strategy, user=lead)
    review = review_services.open_review(strategy)
    review_services.section_review_set(review=review, key="objectives", status="accepted", user=reviewer)
    page = sign_in("reviewer")
    page.goto(f"{live_server.url}/reviews/{review.pk}/")
    assert "1 of 13 sections reviewed" in page.locator(".review-panel").inner_text()
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    assert page.get_by_role("button", name="Send decision").is_visible()  # the panel stays in view
    page.get_by_role("radio", name="Approve").check()
    page.get_by_role("button", name="Send decision").click()
    page.wait_for_selector("text=12 of 13 sections have no verdict")
    assert page.get_by_role("link", name="1. Executive Summary").is_visible()
    strategy.refresh_from_db()
    assert strategy.status == "submitted"
    page.get_by_role("button", name="Approve anyway").click()
    page.wait_for_selector("text=Decision sent to the country.")
    strategy.refresh_from_db()
    assert strategy.status == "approved"


def test_on_a_phone_the_sections_menu_leads_to_the_next_section(sign_in, live_server, editor, strategy):
    page = sign_in("editor")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/objectives/")
    side = page.locator(".col-lg-2 nav[aria-label=Sections]")
    expect(side).to_be_hidden()  # the side list needs a wide screen
    menu = page.locator("details.section-nav-compact")
    expect(menu.locator("summary")).to_contain_text("3 of")
    menu.locator("summary").click()
    expect(menu.get_by_role("link", name="3. Objectives")).to_have_attribute("aria-current", "page")
    menu.get_by_role("link", name="4. Target audience").click()
    page.wait_for_url(f"{live_server.url}/strategies/{strategy.pk}/sections/target_audience/")
    # At desktop width the side list is back and the compact menu gone.
    page.set_viewport_size({"width": 1400, "height": 1000})
    expect(page.locator(".col-lg-2 nav[aria-label=Sections]")).to_be_visible()
    expect(page.locator("details.section-nav-compact")).to_be_hidden()
