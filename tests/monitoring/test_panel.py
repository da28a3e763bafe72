"""Review by the target audience: an unguessable, expiring, revocable link with no account that reaches
exactly one section; answers arrive as comments for the editors; every use is audited; rate-limited."""

import datetime
import hashlib

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from monitoring import panel_views, services
from monitoring.models import PanelLink
from strategies import services as strategy_services
from strategies.models import Comment

SECRET = "<p>Only the conclusion says THIS</p>"
ELSEWHERE = "<p>The executive summary says THAT</p>"


@pytest.fixture
def opened(strategy, editor):
    strategy_services.section_update(
        strategy=strategy, key="conclusion", data={"summary": SECRET}, base_version=1, user=editor
    )
    strategy_services.section_update(
        strategy=strategy, key="executive_summary", data={"overview": ELSEWHERE}, base_version=1, user=editor
    )
    link, token = services.panel_link_create(
        strategy=strategy, user=editor, section_key="conclusion", panel="Patients' forum", days=14
    )
    return link, token, reverse("monitoring:panel_review", args=[token])


def test_the_link_shows_one_section_without_an_account_and_stores_only_a_hash(client, opened):
    link, token, url = opened
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 200
    assert "THIS" in page and "THAT" not in page
    assert token not in PanelLink.objects.values_list("token_hash", flat=True)
    assert link.token_hash == hashlib.sha256(token.encode()).hexdigest() and len(token) >= 40
    # Nothing of the app is linked from it, and it runs under a strict policy.
    assert "/strategies/" not in page and "/monitoring/" not in page.replace(url, "")
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert AuditEvent.objects.filter(action="panel", details__event="read").exists()


def test_the_answer_becomes_a_resolvable_comment_for_the_editors(client, opened, editor):
    link, _token, url = opened
    response = client.post(url, {"clear": "partly", "missing": "Who sees my data?", "comment": "Shorter, please."})
    assert response.status_code == 200 and "Thank you" in response.content.decode()
    comment = Comment.objects.get(strategy=link.strategy, section_key="conclusion")
    assert comment.author is None and "Patients' forum" in comment.body and "Partly" in comment.body
    assert "Who sees my data?" in comment.body and "Shorter, please." in comment.body
    strategy_services.comment_resolve(comment=comment, user=editor)
    assert Comment.objects.get(pk=comment.pk).is_resolved
    link.refresh_from_db()
    assert link.answers == 1
    assert AuditEvent.objects.filter(action="panel", details__event="answered").exists()


def test_a_form_without_an_answer_to_is_it_clear_is_refused_and_writes_nothing(client, opened):
    _link, _token, url = opened
    response = client.post(url, {"clear": "maybe", "comment": "x"})
    assert response.status_code == 422 and not Comment.objects.exists()


@pytest.mark.parametrize("state", ["expired", "revoked", "unknown"])
def test_an_expired_closed_or_guessed_link_opens_nothing(client, opened, editor, state):
    link, _token, url = opened
    if state == "expired":
        PanelLink.objects.filter(pk=link.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    elif state == "revoked":
        services.panel_link_revoke(link=link, user=editor)
    else:
        url = reverse("monitoring:panel_review", args=["x" * 43])
    for response in (client.get(url), client.post(url, {"clear": "yes", "comment": "late"})):
        assert response.status_code == 404 and "THIS" not in response.content.decode()
    assert not Comment.objects.exists()


def test_a_link_closed_between_reading_and_answering_takes_no_answer(client, opened, editor):
    link, _token, url = opened
    client.get(url)
    services.panel_link_revoke(link=link, user=editor)
    assert client.post(url, {"clear": "yes"}).status_code == 404
    assert not Comment.objects.exists()


def test_the_token_reaches_nothing_else(client, opened, strategy):
    _link, token, _url = opened
    for path in (
        f"/strategies/{strategy.pk}/",
        f"/strategies/{strategy.pk}/sections/executive_summary/",
        f"/monitoring/strategies/{strategy.pk}/",
        f"/strategies/{strategy.pk}/sections/conclusion/?token={token}",
    ):
        response = client.get(path)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], path


def test_requests_are_rate_limited(client, opened, monkeypatch):
    _link, _token, url = opened
    monkeypatch.setattr(panel_views, "RATE_PER_ADDRESS", 3)
    assert [client.get(url).status_code for _ in range(4)] == [200, 200, 200, 429]


def test_members_open_and_close_links_viewers_cannot(client, strategy, editor, viewer):
    client.force_login(editor)
    response = client.post(
        reverse("monitoring:panel", args=[strategy.pk]),
        {"section": "key_messages", "panel": "GPs' society", "days": "7"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "/monitoring/panel/" in page and "shown only once" in page
    link = PanelLink.objects.get()
    assert link.section_key == "key_messages" and (link.expires_at - timezone.now()).days in (6, 7)
    client.force_login(viewer)
    assert client.post(reverse("monitoring:panel_close", args=[strategy.pk, link.pk])).status_code == 403
    client.force_login(editor)
    client.post(reverse("monitoring:panel_close", args=[strategy.pk, link.pk]))
    assert PanelLink.objects.get().revoked_at is not None
