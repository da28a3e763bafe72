import html
import re

import pytest
from django.urls import reverse

from strategies import services
from strategies.models import Task
from tests.factories import make_strategy


def test_login_page_renders(client, db):
    response = client.get(reverse("account_login"))
    assert response.status_code == 200
    assert b"Sign in" in response.content


def test_home_requires_sign_in(client, db):
    response = client.get(reverse("strategies:home"))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_member_signs_in_and_sees_own_strategy(client, editor, strategy):
    response = client.post(reverse("account_login"), {"login": "editor", "password": "pw-for-tests"}, follow=True)
    assert response.status_code == 200
    assert strategy.title.encode() in response.content
    assert b"Germany (Editor)" in response.content


def test_wrong_password_is_refused_with_a_message(client, editor):
    response = client.post(reverse("account_login"), {"login": "editor", "password": "nope"})
    assert response.status_code == 200
    assert b"not correct" in response.content


def test_home_lists_other_countries_only_when_approved(client, outsider, strategy):
    approved = make_strategy("PT", status="approved", title="Portugal approved")
    client.force_login(outsider)
    content = client.get(reverse("strategies:home")).content
    assert approved.title.encode() in content
    assert strategy.title.encode() not in content


def test_home_shows_my_tasks_due_soon(client, editor, strategy):
    import datetime

    task = strategy.tasks.first()
    task.owner, task.due = editor, datetime.date.today() - datetime.timedelta(days=1)
    task.save()
    client.force_login(editor)
    response = client.get(reverse("strategies:home"))
    assert task.title.encode() in response.content
    assert b"overdue since" in response.content


@pytest.mark.parametrize("persona", ["lead", "editor", "viewer", "admin"])
def test_members_and_admin_read_the_working_draft(client, personas, persona, strategy):
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Our secret draft</p>"}, base_version=1, user=None
    )
    client.force_login(personas[persona])
    assert client.get(reverse("strategies:detail", args=[strategy.pk])).status_code == 200
    response = client.get(reverse("strategies:section", args=[strategy.pk, "conclusion"]))
    assert response.status_code == 200
    assert b"Our secret draft" in response.content


@pytest.mark.parametrize("persona", ["outsider", "reviewer"])
def test_draft_is_404_for_other_countries_and_reviewers(client, personas, persona, strategy):
    client.force_login(personas[persona])
    assert client.get(reverse("strategies:detail", args=[strategy.pk])).status_code == 404


def test_reviewer_never_reads_the_working_copy_of_a_submitted_strategy(client, reviewer, lead):
    from reviews.services import strategy_submit

    strategy = make_strategy("DE")
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>As submitted</p>"}, base_version=1, user=None
    )
    strategy_submit(strategy=strategy, user=lead)
    services.section_update(
        strategy=strategy,
        key="conclusion",
        data={"summary": "<p>Edited after submission</p>"},
        base_version=1,
        user=None,
    )
    client.force_login(reviewer)
    response = client.get(reverse("strategies:detail", args=[strategy.pk]), follow=True)
    assert response.status_code == 200
    assert b"As submitted" in response.content
    assert b"Edited after submission" not in response.content
    assert client.get(reverse("strategies:section", args=[strategy.pk, "conclusion"])).status_code == 404


def test_home_query_count_is_bounded(client, editor, django_assert_max_num_queries):
    for i in range(5):
        make_strategy("DE", title=f"Strategy {i}")
    client.force_login(editor)
    # 10 for the page, 1 for the page cache's data version (a first visit: nothing stored yet).
    with django_assert_max_num_queries(11):
        client.get(reverse("strategies:home"))


def test_overview_query_count_does_not_grow_with_tasks(client, editor, strategy, django_assert_max_num_queries):
    Task.objects.bulk_create(Task(strategy=strategy, phase="execute", title=f"t{i}") for i in range(500))
    client.force_login(editor)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("strategies:detail", args=[strategy.pk]))
    assert response.status_code == 200


@pytest.mark.parametrize("name", ["guide:index", "guide:glossary", "guide:resources"])
def test_guide_pages(client, viewer, name):
    client.force_login(viewer)
    response = client.get(reverse(name))
    assert response.status_code == 200


def test_guide_page_shows_the_recommendations_and_questions(client, viewer):
    client.force_login(viewer)
    content = client.get(reverse("guide:index")).content.decode()
    assert "Facilitate accountability" in content
    assert "How will the data be protected?" in content
    assert "Prioritise trust" in content


def test_glossary_and_resources_content(client, viewer):
    client.force_login(viewer)
    assert "Controlled access" in client.get(reverse("guide:glossary")).content.decode()
    assert "JANE patient involvement toolkit" in client.get(reverse("guide:resources")).content.decode()


def test_pages_carry_a_strict_content_security_policy(client, editor, strategy):
    client.force_login(editor)
    response = client.get(reverse("strategies:section", args=[strategy.pk, "conclusion"]))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-eval" not in policy
    assert "script-src 'self' 'unsafe-inline'" not in policy
    assert "<script>" not in response.content.decode()  # no inline scripts anywhere
    assert "frame-ancestors 'none'" in policy


def test_home_shows_completeness_per_section(client, editor, strategy):
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Done</p>"}, base_version=1, user=editor
    )
    client.force_login(editor)
    content = client.get(reverse("strategies:home")).content.decode()
    assert 'title="12. Conclusion, 100 % complete"' in content
    assert 'title="1. Executive summary, 0 % complete"' in content


def test_password_reset_sends_a_link_that_sets_a_new_password(client, editor, mailoutbox):
    import re

    editor.email = "editor@example.org"
    editor.save()
    response = client.post(reverse("account_reset_password"), {"email": "editor@example.org"}, follow=True)
    assert b"Check your e-mail" in response.content
    link = re.search(r"https?://[^/]+(/accounts/password/reset/key/\S+)", mailoutbox[0].body).group(1)
    form = client.get(link, follow=True)
    assert b"Choose a new password" in form.content
    done = client.post(
        form.redirect_chain[-1][0], {"password1": "A-much-better-pass-42", "password2": "A-much-better-pass-42"}
    )
    assert done.status_code == 302
    assert client.login(username="editor", password="A-much-better-pass-42")


def test_password_change_page(client, editor):
    client.post(reverse("account_login"), {"login": "editor", "password": "pw-for-tests"})
    response = client.post(
        reverse("account_change_password"),
        {
            "oldpassword": "pw-for-tests",
            "password1": "Another-good-pass-7",
            "password2": "Another-good-pass-7",
        },
        follow=True,
    )
    assert b"Password successfully changed." in response.content


# --- Strategy details: title, period, national contact (issue #9, the PDF's contact page) ------------------


def _details_form(strategy, **changes):
    """Every field of the details form, as a browser sends it."""
    return {
        "title": strategy.title,
        "period_start": "2025-01-01",
        "period_end": "2027-12-31",
        "contact_name": "genomDE communications office",
        "contact_email": "genomde@bfarm.example",
        "contact_address": "BfArM\r\nKurt-Georg-Kiesinger-Allee 3\r\n53175 Bonn",
        "edit_version": strategy.edit_version,
        **changes,
    }


def test_editor_sets_the_national_contact_from_the_overview(client, editor, strategy):
    from django.urls import reverse

    from strategies.models import Revision

    client.force_login(editor)
    overview = client.get(reverse("strategies:detail", args=[strategy.pk])).content.decode()
    url = reverse("strategies:details", args=[strategy.pk])
    assert url in overview and "No national contact yet" in overview
    form = client.get(url).content.decode()
    assert 'name="contact_name"' in form and 'name="edit_version" value="1"' in form
    response = client.post(url, _details_form(strategy), follow=True)
    assert response.redirect_chain[-1][0].endswith("#details")
    assert "genomDE communications office" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.contact_email == "genomde@bfarm.example" and strategy.edit_version == 2
    assert str(strategy.period_start) == "2025-01-01"
    revision = Revision.objects.get(strategy=strategy, target="strategy:details", version=2)
    assert revision.user == editor and revision.data["contact_name"] == "genomDE communications office"


def test_viewer_and_other_countries_cannot_change_the_details(client, viewer, outsider, strategy):
    from django.urls import reverse

    url = reverse("strategies:details", args=[strategy.pk])
    client.force_login(viewer)
    assert client.post(url, _details_form(strategy)).status_code == 403
    client.force_login(outsider)
    assert client.post(url, _details_form(strategy)).status_code == 404
    strategy.refresh_from_db()
    assert strategy.contact_name == "" and strategy.edit_version == 1


def test_bad_details_are_refused_with_the_users_text_kept(client, editor, strategy):
    from django.urls import reverse

    client.force_login(editor)
    url = reverse("strategies:details", args=[strategy.pk])
    response = client.post(url, _details_form(strategy, contact_email="not-an-address", period_end="2024-01-01"))
    content = response.content.decode()
    assert response.status_code == 422
    assert "Enter a valid email address." in content and "Kurt-Georg-Kiesinger-Allee 3" in content
    strategy.refresh_from_db()
    assert strategy.contact_name == ""


def test_stale_details_merge_or_come_back_as_a_conflict_keeping_mine(client, editor, lead, strategy):
    from django.urls import reverse

    from strategies import services

    services.strategy_details_update(
        strategy=strategy, data={"contact_name": "Lead's office"}, base_version=1, user=lead
    )
    client.force_login(editor)
    url = reverse("strategies:details", args=[strategy.pk])
    # Built on version 1: the editor changed only the e-mail and the address; merged with the lead's name.
    form = _details_form(strategy, contact_name="", edit_version=1)
    response = client.post(url, form, follow=True)
    assert "merged" in response.content.decode()
    strategy.refresh_from_db()
    assert strategy.contact_name == "Lead's office" and strategy.contact_email == "genomde@bfarm.example"
    # Built on version 2 again, changing the name the lead changed meanwhile: a conflict, nothing written.
    services.strategy_details_update(
        strategy=strategy, data={"contact_name": "Lead's second name"}, base_version=3, user=lead
    )
    response = client.post(url, _details_form(strategy, contact_name="Editor's name", edit_version=3))
    content = response.content.decode()
    assert response.status_code == 409
    assert "Lead&#x27;s second name" in content and 'value="Editor&#x27;s name"' in content
    strategy.refresh_from_db()
    assert strategy.contact_name == "Lead's second name"


def test_recommendation_evidence_comes_back_as_typed(client, editor, strategy):
    client.force_login(editor)
    url = reverse("strategies:assessments", args=[strategy.pk])
    page = client.get(url).content.decode()
    rows = {m.group(1): m.group(2) for m in re.finditer(r'name="version-(\d+)" value="(\d+)"', page)}
    assert rows, page[:3000]
    pk = next(iter(rows))
    data = {
        f"status-{pk}": "planned",
        f"evidence-{pk}": "Rock & roll <3",
        **{f"version-{k}": v for k, v in rows.items()},
    }
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = client.get(url).content.decode()
    area = re.search(rf'name="evidence-{pk}"[^>]*>\n?(.*?)</textarea>', page, re.S).group(1)
    assert html.unescape(area) == "Rock & roll <3", area
