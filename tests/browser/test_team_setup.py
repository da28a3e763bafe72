"""An admin sets up a new country's team in the browser, from an empty country to a lead, who starts the
strategy and invites an editor, who signs in and edits."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from accounts.models import Membership, User
from strategies.models import Strategy
from tests.factories import UserFactory

pytestmark = pytest.mark.usefixtures("reference_data")

PASSWORD = "Estonia-genomes-2030"


def _last_link() -> str:
    from tests.tasks import run_tasks

    run_tasks("default")  # the worker sends the queued invitation
    return re.search(r"https?://[^/]+(/invitation/\S+/)", mail.outbox[-1].body).group(1)


def _join(browser, live_server, link: str, first: str, last: str):
    """The invitee opens the link in their own browser and chooses a name and password."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}{link}")
    page.get_by_label("First name").fill(first)
    page.get_by_label("Last name").fill(last)
    page.get_by_label("Choose a password").fill(PASSWORD)
    page.get_by_label("The same password again").fill(PASSWORD)
    page.get_by_role("button", name="Join").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_text(f"Welcome, {first}!")).to_be_visible()
    return context, page


@pytest.mark.both_databases  # an invitation's row lock once failed on PostgreSQL alone
def test_an_admin_sets_up_a_new_countrys_team_that_then_runs_itself(browser, sign_in, live_server):
    UserFactory(username="site-admin", is_superuser=True, is_staff=True)
    mail.outbox.clear()
    contexts = []
    try:
        # The admin opens Estonia, which has nobody yet, and invites its lead.
        admin = sign_in("site-admin")
        admin.get_by_role("link", name="Team").click()
        admin.get_by_role("link", name="Estonia").click()
        expect(admin.get_by_text("This country has no lead yet")).to_be_visible()
        admin.get_by_label("E-mail address").fill("liis@genome.ee")
        admin.get_by_label("Role").select_option(label="Lead")
        admin.get_by_role("button", name="Send invitation").click()
        expect(admin.get_by_text("Invitation sent to liis@genome.ee")).to_be_visible()
        expect(admin.get_by_role("cell", name="liis@genome.ee", exact=True)).to_be_visible()

        # The lead joins, starts the strategy and invites an editor from the team page.
        context, lead = _join(browser, live_server, _last_link(), "Liis", "Lead")
        contexts.append(context)
        lead.get_by_role("button", name="Start the strategy").click()
        expect(lead.get_by_role("heading", level=1)).to_contain_text("Estonia")
        lead.get_by_role("link", name="Team").click()
        expect(lead.get_by_role("heading", name="Estonia's team")).to_be_visible()
        # A lead is offered editor and viewer only.
        assert lead.get_by_label("Role").locator("option").all_inner_texts() == ["Editor", "Viewer"]
        lead.get_by_label("E-mail address").fill("eero@genome.ee")
        lead.get_by_role("button", name="Send invitation").click()
        expect(lead.get_by_text("Invitation sent to eero@genome.ee")).to_be_visible()

        # The editor joins, signs out, signs in again with their e-mail address and edits a section.
        context, editor = _join(browser, live_server, _last_link(), "Eero", "Editor")
        contexts.append(context)
        editor.get_by_role("button", name=re.compile("Eero Editor")).click()
        editor.get_by_role("button", name="Sign out").click()
        editor.wait_for_url(re.compile(r"/accounts/login/"))
        editor.get_by_label("Username").fill("eero@genome.ee")
        editor.get_by_label("Password").fill(PASSWORD)
        editor.get_by_role("button", name="Sign in").click()
        editor.wait_for_url(f"{live_server.url}/")
        strategy = Strategy.objects.get(country__code="EE")
        editor.get_by_role("link", name=strategy.title).click()
        editor.goto(f"{live_server.url}/strategies/{strategy.pk}/sections/conclusion/")
        editor.wait_for_selector("trix-editor")
        editor.locator('trix-editor[input="id_summary"]').click()
        editor.keyboard.type("Estonia's genomes, explained to everyone.")
        editor.get_by_role("button", name="Save").click()
        editor.wait_for_selector("text=Saved.")
        strategy.conclusion_section.refresh_from_db()
        assert "Estonia's genomes, explained to everyone." in strategy.conclusion_section.summary

        # The lead sees the team as it now is.
        lead.reload()
        expect(lead.get_by_role("cell", name="Eero Editor eero@genome.ee")).to_be_visible()
        roles = dict(Membership.objects.filter(country__code="EE").values_list("user__email", "role"))
        assert roles == {"liis@genome.ee": "lead", "eero@genome.ee": "editor"}
        assert User.objects.get(email="eero@genome.ee").last_login is not None
    finally:
        for context in contexts:
            context.close()
