import datetime

from django.urls import reverse

from accounts.models import CalendarToken
from strategies import services
from strategies.calendar import _fold
from strategies.models import ContentItem
from tests.factories import make_strategy


def test_feed_lists_deadlines_and_content_of_my_countries_only(client, editor, strategy):
    task = strategy.tasks.get(title="Risk management plan")
    task.due = datetime.date(2026, 5, 4)
    task.save()
    services.part_create(
        model=ContentItem,
        strategy=strategy,
        title="Launch, video",
        content_type="video",
        planned_date=datetime.date(2026, 6, 1),
    )
    other = make_strategy("FR")
    hidden = other.tasks.first()
    hidden.due = datetime.date(2026, 5, 5)
    hidden.save()
    client.force_login(editor)
    client.post(reverse("strategies:calendar"), {"action": "renew"})
    token = CalendarToken.objects.get(user=editor).token
    client.logout()
    response = client.get(reverse("strategies:calendar_feed", args=[token]))
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/calendar")
    assert body.startswith("BEGIN:VCALENDAR\r\n") and body.endswith("END:VCALENDAR\r\n")
    assert "SUMMARY:[DE] Risk management plan" in body and "DTSTART;VALUE=DATE:20260504" in body
    assert "Launch\\, video" in body
    assert body.count("BEGIN:VEVENT") == 2  # France's task is not in a German editor's feed


def test_renewing_or_revoking_kills_the_old_link(client, editor):
    client.force_login(editor)
    client.post(reverse("strategies:calendar"), {"action": "renew"})
    old = CalendarToken.objects.get(user=editor).token
    client.post(reverse("strategies:calendar"), {"action": "renew"})
    assert client.get(reverse("strategies:calendar_feed", args=[old])).status_code == 404
    client.post(reverse("strategies:calendar"), {"action": "revoke"})
    assert not CalendarToken.objects.filter(user=editor).exists()


def test_unknown_token_is_404(client, db):
    assert client.get(reverse("strategies:calendar_feed", args=["nope"])).status_code == 404


def test_long_lines_are_folded():
    folded = _fold("SUMMARY:" + "é" * 80)
    assert all(len(line.encode()) <= 75 for line in folded.split("\r\n"))
    assert folded.replace("\r\n ", "") == "SUMMARY:" + "é" * 80
