"""The page cache (core/pagecache.py): a page is served again only to the same person, while no data changed
and within the same minute; CSRF tokens stay per request; the data version moves on after commit."""

from __future__ import annotations

import re
import threading

import pytest
from django.contrib import messages as flash
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import override_settings
from django.urls import reverse
from django_tasks import task

from core import pagecache
from core.models import DataVersion
from strategies import services
from strategies.models import Task
from tests.factories import make_strategy
from tests.tasks import run_tasks

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def overview_url(strategy):
    return reverse("strategies:detail", args=[strategy.pk])


def section_url(strategy, key="conclusion"):
    return reverse("strategies:section", args=[strategy.pk, key])


def served_from_cache(response) -> bool:
    """The test client lists the templates a response rendered; a stored page renders none."""
    return not response.templates


def test_a_page_opened_again_unchanged_is_served_from_the_cache(client, editor, strategy):
    client.force_login(editor)
    first = client.get(overview_url(strategy))
    again = client.get(overview_url(strategy))
    assert first.status_code == again.status_code == 200
    assert not served_from_cache(first) and served_from_cache(again)
    assert again["Content-Type"] == first["Content-Type"]


def test_a_save_through_the_editor_shows_at_once_on_every_page(client, editor, strategy):
    client.force_login(editor)
    client.get(section_url(strategy))
    client.get(overview_url(strategy))
    response = client.post(section_url(strategy), {"summary": "<p>Our new conclusion</p>", "edit_version": 1})
    assert response.status_code == 302
    editor_page = client.get(section_url(strategy))
    assert not served_from_cache(editor_page)
    assert "Our new conclusion" in editor_page.content.decode()
    overview = client.get(overview_url(strategy))
    assert not served_from_cache(overview)


def test_a_change_by_a_colleague_outside_any_request_shows_at_once(client, editor, lead, strategy):
    client.force_login(editor)
    client.get(reverse("strategies:action_plan", args=[strategy.pk]))
    services.part_create(model=Task, strategy=strategy, user=lead, title="Brief the ministry", phase="execute")
    page = client.get(reverse("strategies:action_plan", args=[strategy.pk]))
    assert "Brief the ministry" in page.content.decode()


def test_a_bulk_write_in_a_request_sends_no_signal_and_still_empties_the_cache(rf, db):
    before = pagecache.data_version()
    middleware = pagecache.WritesChangeDataMiddleware(lambda request: HttpResponse("ok"))
    middleware(rf.post("/anything/"))
    assert pagecache.data_version() == before + 1
    middleware(rf.get("/anything/"))
    assert pagecache.data_version() == before + 1


def test_opening_a_notification_a_get_that_bulk_updates_clears_the_bell_at_once(client, editor, strategy):
    from reviews.models import Notification

    note = Notification.objects.create(user=editor, strategy=strategy, subject="Your review is done", url="/")
    client.force_login(editor)
    assert "data-unread>1<" in client.get(reverse("strategies:home")).content.decode()
    assert client.get(reverse("reviews:notification", args=[note.pk])).status_code == 302
    home = client.get(reverse("strategies:home"))
    assert not served_from_cache(home)
    assert "data-unread" not in home.content.decode()


def test_a_get_that_writes_only_its_session_keeps_the_stored_pages(rf, db):
    from django.contrib.sessions.backends.db import SessionStore

    before = pagecache.data_version()

    def view(request):
        SessionStore().create()  # an INSERT into the session table, as a session's activity is recorded
        return HttpResponse("ok")

    pagecache.WritesChangeDataMiddleware(view)(rf.get("/anything/"))
    assert pagecache.data_version() == before


def test_nobody_is_served_a_page_stored_for_someone_else(client, editor, lead, strategy):
    client.force_login(editor)
    client.get(reverse("strategies:home"))
    client.force_login(lead)
    page = client.get(reverse("strategies:home"))
    assert not served_from_cache(page)
    assert page.context["user"] == lead


def test_a_country_draft_stored_for_its_member_never_reaches_another_country(client, editor, outsider, strategy):
    client.force_login(editor)
    assert client.get(section_url(strategy)).status_code == 200
    client.force_login(outsider)
    response = client.get(section_url(strategy))
    assert response.status_code == 404


def test_each_answer_carries_a_fresh_csrf_token_that_the_next_post_accepts(editor, strategy):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    first = browser.get(section_url(strategy))
    again = browser.get(section_url(strategy))
    assert served_from_cache(again)
    tokens = TOKEN.findall(first.content.decode()), TOKEN.findall(again.content.decode())
    assert tokens[0] and tokens[1] and pagecache.PLACEHOLDER not in again.content.decode()
    assert tokens[0][0] != tokens[1][0]  # masked anew for every answer
    response = browser.post(
        section_url(strategy),
        {"summary": "<p>Sent from a stored page</p>", "edit_version": 1, "csrfmiddlewaretoken": tokens[1][0]},
    )
    assert response.status_code == 302


def test_the_placeholder_never_reaches_a_page_that_is_not_stored(client, editor, strategy):
    client.force_login(editor)
    missing = client.get(reverse("strategies:section", args=[strategy.pk, "no-such-section"]))
    assert missing.status_code == 404
    assert pagecache.PLACEHOLDER not in missing.content.decode()
    conflict = client.post(section_url(strategy), {"summary": "<p>x</p>", "edit_version": "bad"})
    assert pagecache.PLACEHOLDER not in conflict.content.decode()


def test_a_page_with_a_flash_message_is_shown_once_and_not_stored(client, editor, strategy):
    client.force_login(editor)
    client.get(section_url(strategy))
    response = client.post(section_url(strategy), {"summary": "<p>Once</p>", "edit_version": 1}, follow=True)
    assert "Saved." in response.content.decode()
    again = client.get(section_url(strategy))
    assert not served_from_cache(again), "the page with the message was not stored"
    assert "Saved." not in again.content.decode()
    assert served_from_cache(client.get(section_url(strategy)))


def test_htmx_fragments_are_never_stored(client, editor, strategy):
    client.force_login(editor)
    url = reverse("strategies:action_plan", args=[strategy.pk])
    client.get(url, headers={"HX-Request": "true"})
    assert not served_from_cache(client.get(url, headers={"HX-Request": "true"}))


def test_a_page_is_rendered_again_when_the_minute_turns(client, editor, strategy, monkeypatch):
    client.force_login(editor)
    minute = [29_000_000]
    monkeypatch.setattr(pagecache, "_minute", lambda: minute[0])
    client.get(overview_url(strategy))
    assert served_from_cache(client.get(overview_url(strategy)))
    minute[0] += 1
    assert not served_from_cache(client.get(overview_url(strategy)))


def test_the_language_is_part_of_the_stored_page(client, editor, strategy):
    client.force_login(editor)
    client.get(overview_url(strategy), headers={"Accept-Language": "en"})
    german = client.get(overview_url(strategy), headers={"Accept-Language": "de"})
    assert not served_from_cache(german)


def test_the_cache_can_be_turned_off(client, editor, strategy):
    client.force_login(editor)
    with override_settings(PAGE_CACHE=False):
        client.get(overview_url(strategy))
        assert not served_from_cache(client.get(overview_url(strategy)))


def test_session_activity_and_presence_do_not_empty_the_cache(client, editor, strategy):
    client.force_login(editor)
    client.get(section_url(strategy))
    client.get(reverse("strategies:section_presence", args=[strategy.pk, "conclusion"]))
    assert served_from_cache(client.get(section_url(strategy)))


@task()
def nothing_to_do() -> None:
    """A background task that writes nothing itself."""


def test_a_background_task_moves_the_data_version_on(db):
    nothing_to_do.enqueue()
    before = pagecache.data_version()
    assert run_tasks() == 1
    assert pagecache.data_version() > before


# --- The real order: after commit, never before (the other tests move it at the write) ------------------


@pytest.mark.real_commit_order
def test_the_version_moves_on_after_commit_once_per_transaction(reference_data):
    start = pagecache.data_version()
    with transaction.atomic():
        strategy = make_strategy("DE")
        make_strategy("FR")
        assert pagecache.data_version() == start, "not before the commit: a reader would store the old data"
    assert pagecache.data_version() == start + 1
    strategy.title = "Renamed"
    strategy.save()  # outside a transaction: at once
    assert pagecache.data_version() == start + 2


@pytest.mark.real_commit_order
def test_a_rolled_back_write_leaves_the_version_and_the_next_write_still_moves_it(reference_data):
    start = pagecache.data_version()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_strategy("DE")
        raise RuntimeError
    assert pagecache.data_version() == start
    with transaction.atomic():
        make_strategy("FR")
    assert pagecache.data_version() == start + 1


@pytest.mark.real_commit_order
def test_a_page_rendered_while_a_write_commits_is_not_served_after_it(reference_data):
    """A reader reads the version, then a colleague's save commits while the page renders: the page was
    stored under the old version, so the next request renders again and shows the save."""
    from accounts.models import Membership
    from tests.factories import MembershipFactory

    strategy = make_strategy("DE")
    editor = MembershipFactory(user__username="racer", role=Membership.Role.EDITOR, country=strategy.country).user
    client = Client()
    client.force_login(editor)
    calls = []

    def render_while_a_save_commits(view):
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if not calls:
                calls.append(1)
                worker = threading.Thread(target=_rename, args=(strategy.pk,))
                worker.start()
                worker.join()
            return response

        return wrapped

    original = pagecache.cached_page
    view = original(render_while_a_save_commits(lambda request, pk: HttpResponse(_title(pk))))
    first = view(_request(editor, client), pk=strategy.pk)
    second = view(_request(editor, client), pk=strategy.pk)
    assert b"National strategy" in first.content
    assert b"Renamed while rendering" in second.content


def _title(pk):
    from strategies.models import Strategy

    return Strategy.objects.get(pk=pk).title


def _rename(pk):
    from strategies.models import Strategy

    try:
        Strategy.objects.filter(pk=pk).update(title="Renamed while rendering")
        pagecache.changed()  # as the write request's middleware does after an update()
    finally:
        connection.close()


def _request(user, client):
    request = RequestFactory().get("/page/")
    request.user = user
    request.session = client.session
    request._messages = flash.storage.default_storage(request)
    return request


def test_the_data_version_starts_from_its_one_row(db):
    assert DataVersion.objects.filter(pk=1).exists()


def test_a_page_whose_view_added_a_flash_message_is_not_stored(editor, strategy, client):
    client.force_login(editor)
    shown = []

    def view(request):
        flash.info(request, "Welcome back")
        shown.append(1)
        return HttpResponse("a page with a message")

    page = pagecache.cached_page(view)
    page(_request(editor, client))
    page(_request(editor, client))
    assert len(shown) == 2, "rendered again: the page with the message was not stored"
