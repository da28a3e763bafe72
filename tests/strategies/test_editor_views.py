"""The section editor, history, presence, comments, assignments and the structured parts, over HTTP."""

import datetime

import pytest
from django.urls import reverse

from strategies import services
from strategies.models import AudienceSegment, Comment, Revision, Risk, SectionAssignment, Task

HTMX = {"HTTP_HX_REQUEST": "true"}


def section_url(strategy, key="conclusion", name="strategies:section", *extra):
    return reverse(name, args=[strategy.pk, key, *extra])


def test_editor_shows_prompts_and_guidance(client, editor, strategy):
    client.force_login(editor)
    response = client.get(section_url(strategy, "target_audience"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Identification of key audience segments" in content
    assert "Audience needs and preferences" in content
    assert "trix-editor" in content and 'name="edit_version" value="1"' in content


def test_editor_saves_and_redirects_with_a_message(client, editor, strategy):
    client.force_login(editor)
    response = client.post(section_url(strategy), {"summary": "<p>Our summary</p>", "edit_version": 1}, follow=True)
    assert response.redirect_chain[-1][0] == section_url(strategy)
    assert b"Saved." in response.content
    strategy.conclusion_section.refresh_from_db()
    assert strategy.conclusion_section.summary == "<p>Our summary</p>"


def test_a_stale_save_in_another_paragraph_is_merged(client, editor, lead, strategy):
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>A</p><p>B</p>"}, base_version=1, user=lead
    )
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>A by lead</p><p>B</p>"}, base_version=2, user=lead
    )
    client.force_login(editor)
    response = client.post(
        section_url(strategy), {"summary": "<p>A</p><p>B by editor</p>", "edit_version": 2}, follow=True
    )
    assert b"both your changes were merged" in response.content
    strategy.conclusion_section.refresh_from_db()
    assert strategy.conclusion_section.summary == "<p>A by lead</p><p>B by editor</p>"


def test_an_overlapping_stale_save_shows_both_versions_and_keeps_mine(client, editor, lead, strategy):
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>Lead text</p>"}, base_version=1, user=lead
    )
    client.force_login(editor)
    response = client.post(section_url(strategy), {"summary": "<p>Editor text</p>", "edit_version": 1})
    content = response.content.decode()
    assert response.status_code == 409
    assert "Saved version" in content and "Your version" in content
    assert "Lead text" in content and "Editor text" in content
    assert "<del>" in content and "<ins>" in content
    assert 'value="&lt;p&gt;Editor text&lt;/p&gt;"' in content  # the form keeps the user's text
    assert 'name="edit_version" value="2"' in content  # saving again resolves on top of the lead's version
    strategy.conclusion_section.refresh_from_db()
    assert strategy.conclusion_section.summary == "<p>Lead text</p>"


def test_viewer_reads_but_cannot_save(client, viewer, strategy):
    client.force_login(viewer)
    response = client.get(section_url(strategy))
    assert response.status_code == 200 and b"trix-editor" not in response.content
    assert client.post(section_url(strategy), {"summary": "x", "edit_version": 1}).status_code == 403


def test_history_shows_a_diff_and_restore_makes_a_new_version(client, editor, strategy):
    for version, text in ((1, "<p>First text</p>"), (2, "<p>Second text</p>")):
        services.section_update(
            strategy=strategy, key="conclusion", data={"summary": text}, base_version=version, user=editor
        )
    client.force_login(editor)
    response = client.get(section_url(strategy, "conclusion", "strategies:section_history"), {"a": 2, "b": 3})
    content = response.content.decode()
    assert "<del>First</del>" in content and "<ins>Second</ins>" in content
    response = client.post(section_url(strategy, "conclusion", "strategies:section_restore", 2))
    assert response.status_code == 302
    section = strategy.conclusion_section
    section.refresh_from_db()
    assert section.summary == "<p>First text</p>" and section.edit_version == 4
    assert Revision.objects.filter(target="section:conclusion", action="restore", user=editor).exists()


def test_history_of_an_unknown_version_is_404(client, editor, strategy):
    client.force_login(editor)
    assert client.get(section_url(strategy, "conclusion", "strategies:section_history"), {"b": 99}).status_code == 404


def test_presence_shows_who_else_is_editing_and_a_newer_version(client, editor, lead, strategy):
    client.force_login(lead)
    client.get(section_url(strategy, "conclusion", "strategies:section_presence"), HTMX)
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>x</p>"}, base_version=1, user=lead
    )
    client.force_login(editor)
    response = client.get(section_url(strategy, "conclusion", "strategies:section_presence") + "?edit_version=1")
    content = response.content.decode()
    assert "Also editing now" in content and str(lead) in content
    assert "saved a newer version (v2)" in content


def test_comments_thread_reply_resolve_and_reopen(client, editor, lead, strategy):
    client.force_login(editor)
    url = section_url(strategy, "conclusion", "strategies:section_comments")
    response = client.post(url, {"body": "Is this final? @lead"}, **HTMX)
    assert response.status_code == 200 and b"Is this final?" in response.content
    thread = Comment.objects.get()
    assert list(thread.mentions.all()) == [lead]
    client.post(url, {"body": "Yes", "parent": thread.pk}, **HTMX)
    assert thread.replies.count() == 1
    client.post(reverse("strategies:comment_toggle", args=[strategy.pk, thread.pk, "resolve"]), **HTMX)
    thread.refresh_from_db()
    assert thread.is_resolved
    client.post(reverse("strategies:comment_toggle", args=[strategy.pk, thread.pk, "reopen"]), **HTMX)
    thread.refresh_from_db()
    assert not thread.is_resolved


def test_empty_comment_is_refused(client, editor, strategy):
    client.force_login(editor)
    client.post(section_url(strategy, "conclusion", "strategies:section_comments"), {"body": "  "}, **HTMX)
    assert not Comment.objects.exists()


def test_overview_counts_open_comments_and_shows_assignments(client, lead, editor, strategy):
    services.comment_add(strategy=strategy, key="objectives", author=lead, body="Please add numbers")
    client.force_login(lead)
    due = datetime.date.today() + datetime.timedelta(days=3)
    response = client.post(
        section_url(strategy, "objectives", "strategies:section_assign"), {"assignee": editor.pk, "due": due}
    )
    assert response.status_code == 302
    assert SectionAssignment.objects.get().assignee == editor
    content = client.get(reverse("strategies:detail", args=[strategy.pk])).content.decode()
    assert 'href="' + section_url(strategy, "objectives") + '#comments">1<' in content
    client.force_login(editor)
    home = client.get(reverse("strategies:home")).content.decode()
    assert "Sections assigned to you" in home and "Objectives" in home


def test_only_the_lead_assigns(client, editor, strategy):
    client.force_login(editor)
    response = client.post(section_url(strategy, "objectives", "strategies:section_assign"), {"assignee": editor.pk})
    assert response.status_code == 403


# --- Structured parts ---------------------------------------------------------------------------------


def parts_url(strategy, kind, name="strategies:parts", *extra):
    return reverse(name, args=[strategy.pk, kind, *extra])


@pytest.mark.parametrize(
    "kind",
    [
        "segments",
        "messages",
        "channels",
        "tactics",
        "content",
        "stakeholders",
        "objectives",
        "kpis",
        "risks",
        "roles",
        "budget",
    ],
)
def test_every_part_list_renders(client, editor, strategy, kind):
    client.force_login(editor)
    assert client.get(parts_url(strategy, kind)).status_code == 200
    assert client.get(parts_url(strategy, kind, "strategies:part_new"), **HTMX).status_code == 200


def test_add_a_segment_from_a_preset_in_place(client, editor, strategy):
    from guide.models import Preset

    preset = Preset.objects.get(kind="citizens", name__iexact="carers")
    client.force_login(editor)
    form = client.get(parts_url(strategy, "segments", "strategies:part_new") + f"?preset={preset.pk}", **HTMX)
    assert 'value="Carers"' in form.content.decode()
    assert f'<option value="{preset.pk}" selected>Carers</option>' in form.content.decode()  # linked to the guide
    response = client.post(
        parts_url(strategy, "segments", "strategies:part_new") + f"?preset={preset.pk}",
        {"group": "citizens", "name": "Carers", "preset": preset.pk, "hard_to_reach": "on"},
        **HTMX,
    )
    assert response.status_code == 200 and b"Carers" in response.content
    segment = AudienceSegment.objects.get()
    assert segment.preset == preset and segment.hard_to_reach


def test_invalid_row_is_refused_with_a_message(client, editor, strategy):
    client.force_login(editor)
    response = client.post(
        parts_url(strategy, "risks", "strategies:part_new"), {"description": "x", "likelihood": 9, "impact": 1}, **HTMX
    )
    assert response.status_code == 422
    assert b"less than or equal to 5" in response.content
    assert not Risk.objects.exists()


def test_row_edit_conflict_keeps_both(client, editor, lead, strategy):
    risk = services.part_create(model=Risk, strategy=strategy, description="Low trust", likelihood=2, impact=2)
    services.part_update(part=risk, data={"likelihood": 4}, base_version=1, user=lead)
    client.force_login(editor)
    response = client.post(
        parts_url(strategy, "risks", "strategies:part", risk.pk),
        {"description": "Low trust", "likelihood": 1, "impact": 2, "edit_version": 1},
        **HTMX,
    )
    assert response.status_code == 409
    assert b"A colleague changed the same fields" in response.content
    risk.refresh_from_db()
    assert risk.likelihood == 4


def test_row_edit_of_another_field_is_merged(client, editor, lead, strategy):
    risk = services.part_create(model=Risk, strategy=strategy, description="Low trust", likelihood=2, impact=2)
    services.part_update(part=risk, data={"likelihood": 4}, base_version=1, user=lead)
    client.force_login(editor)
    response = client.post(
        parts_url(strategy, "risks", "strategies:part", risk.pk),
        {"description": "Low trust", "likelihood": 2, "impact": 5, "edit_version": 1},
        **HTMX,
    )
    assert response.status_code == 200 and b"merged" in response.content
    risk.refresh_from_db()
    assert (risk.likelihood, risk.impact) == (4, 5)


def test_delete_and_move_rows(client, editor, strategy):
    a, b = (
        services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name=n) for n in ("A", "B")
    )
    client.force_login(editor)
    client.post(parts_url(strategy, "segments", "strategies:part_move", b.pk, "up"), **HTMX)
    assert list(strategy.segments.values_list("name", flat=True)) == ["B", "A"]
    response = client.post(parts_url(strategy, "segments", "strategies:part_delete", a.pk), {"edit_version": 1}, **HTMX)
    assert response.status_code == 200 and response.content == b""
    assert list(strategy.segments.values_list("name", flat=True)) == ["B"]


def test_risk_page_draws_the_matrix(client, editor, strategy):
    services.part_create(model=Risk, strategy=strategy, description="Data breach", likelihood=2, impact=5)
    client.force_login(editor)
    content = client.get(parts_url(strategy, "risks")).content.decode()
    assert "Likelihood × impact" in content and "band-high" in content and "Data breach" in content


def test_content_calendar_month_view(client, editor, strategy):
    from strategies.models import ContentItem

    services.part_create(
        model=ContentItem,
        strategy=strategy,
        title="Launch video",
        content_type="video",
        planned_date=datetime.date(2026, 3, 10),
    )
    client.force_login(editor)
    content = client.get(parts_url(strategy, "content"), {"month": "2026-3"}).content.decode()
    assert "March 2026" in content and "Launch video" in content


def test_action_plan_groups_filters_and_timeline(client, editor, strategy):
    task = strategy.tasks.get(title="Risk management plan")
    task.owner, task.due, task.start = (
        editor,
        datetime.date.today() - datetime.timedelta(days=2),
        datetime.date(2026, 1, 1),
    )
    task.save()
    client.force_login(editor)
    url = reverse("strategies:action_plan", args=[strategy.pk])
    content = client.get(url).content.decode()
    assert "Initiate" in content and "Evaluate and report" in content
    assert "Sub-task: </span>Risk management plan" in content  # shown (and announced) as a sub-task
    overdue = client.get(url, {"overdue": "on"}).content.decode()
    assert "Risk management plan" in overdue and "Prioritise trust" not in overdue
    by_owner = client.get(url, {"owner": editor.pk}).content.decode()
    assert "Risk management plan" in by_owner and "Manage risk" not in by_owner
    timeline = client.get(url, {"view": "timeline"}).content.decode()
    assert "timeline-bar" in timeline and "overdue" in timeline


def test_add_a_task_in_place(client, editor, strategy):
    client.force_login(editor)
    response = client.post(
        parts_url(strategy, "tasks", "strategies:part_new"),
        {"phase": "execute", "title": "Press briefing", "status": "todo", "owner": editor.pk},
        **HTMX,
    )
    assert response.status_code == 200 and b"Press briefing" in response.content
    assert Task.objects.get(title="Press briefing").owner == editor


# --- Query budgets ----------------------------------------------------------------------------------------


@pytest.fixture
def big_strategy(strategy):
    Task.objects.bulk_create(
        Task(
            strategy=strategy,
            phase="execute",
            title=f"Task {i}",
            due=datetime.date(2026, 1, 1) + datetime.timedelta(days=i),
        )
        for i in range(500)
    )
    AudienceSegment.objects.bulk_create(
        AudienceSegment(strategy=strategy, group="citizens", name=f"Segment {i}") for i in range(300)
    )
    return strategy


@pytest.mark.parametrize(
    ("name", "args", "budget"),
    [
        ("strategies:detail", [], 18),
        ("strategies:section", ["conclusion"], 14),
        ("strategies:action_plan", [], 10),
        ("strategies:parts", ["segments"], 12),
        ("strategies:home", None, 12),
    ],
)
def test_pages_have_bounded_query_counts(
    client, editor, big_strategy, django_assert_max_num_queries, name, args, budget
):
    client.force_login(editor)
    url = reverse(name) if args is None else reverse(name, args=[big_strategy.pk, *args])
    client.get(url)  # warm per-process caches (content types, sessions)
    with django_assert_max_num_queries(budget):
        response = client.get(url)
    assert response.status_code == 200


def test_recommendations_checklist_is_edited_with_conflict_protection(client, editor, lead, viewer, strategy):
    rows = list(strategy.assessments.order_by("recommendation__number"))
    url = reverse("strategies:assessments", args=[strategy.pk])

    def form(**changes):
        data = {}
        for row in rows:
            data[f"status-{row.pk}"] = row.status
            data[f"evidence-{row.pk}"] = row.evidence
            data[f"version-{row.pk}"] = row.edit_version
        data.update(changes)
        return data

    client.force_login(lead)
    client.post(url, form(**{f"status-{rows[0].pk}": "in_place", f"evidence-{rows[0].pk}": "Budget line 1"}))
    rows[0].refresh_from_db()
    assert (rows[0].status, rows[0].evidence, rows[0].edit_version) == ("in_place", "Budget line 1", 2)
    client.force_login(editor)  # built on version 1 of the first row
    stale = {
        **form(**{f"status-{rows[1].pk}": "planned"}),
        f"version-{rows[0].pk}": 1,
        f"status-{rows[0].pk}": "planned",
    }
    response = client.post(url, stale)
    # Both changed the status: nothing of theirs is overwritten, and the editor's choice comes back on screen
    # beside the saved one (no longer a warning that drops it); the other row is saved.
    content = response.content.decode()
    assert response.status_code == 409
    assert "changed 1 of these while you were editing" in content and "Saved version" in content
    assert '<option value="planned" selected>' in content.split(f'id="status-{rows[0].pk}"')[1].split("</select>")[0]
    rows[0].refresh_from_db()
    rows[1].refresh_from_db()
    assert rows[0].status == "in_place" and rows[1].status == "planned"
    client.force_login(viewer)
    assert client.get(url).status_code == 200
    assert client.post(url, form()).status_code == 403


# --- The link to the guide's lists (issue #9: comparisons use it, not the wording) -------------------------


def _preset(kind, name):
    from guide.models import Preset

    return Preset.objects.get(kind=kind, name=name)


def test_segment_form_offers_the_guides_groups_with_other_as_the_empty_choice(client, editor, strategy):
    client.force_login(editor)
    page = client.get(parts_url(strategy, "segments", "strategies:part_new"), **HTMX).content.decode()
    assert '<optgroup label="Citizen group">' in page and '<optgroup label="Healthcare-professional group">' in page
    assert "Other (not in the guide&#x27;s list)" in page
    assert "Social media" not in page  # channels are not audience groups


def test_editor_links_a_new_segment_and_changes_the_link_like_a_browser(client, editor, strategy):
    doctors, nurses = _preset("professionals", "Doctors"), _preset("professionals", "Nurses")
    client.force_login(editor)
    form = {
        "group": "professionals",
        "name": "Family doctors",
        "preset": doctors.pk,
        "description": "GPs in every region",
        "needs": "Short updates",
        "preferences": "Webinars",
        "hard_to_reach": "on",
    }
    response = client.post(parts_url(strategy, "segments", "strategies:part_new"), form, **HTMX)
    assert response.status_code == 200, response.content.decode()[:2000]
    segment = AudienceSegment.objects.get(name="Family doctors")
    assert segment.preset == doctors and segment.hard_to_reach
    url = reverse("strategies:part", args=[strategy.pk, "segments", segment.pk])
    assert (
        f'<option value="{doctors.pk}" selected>Doctors</option>'
        in client.get(url, {"edit": 1}, **HTMX).content.decode()
    )
    response = client.post(url, {**form, "preset": nurses.pk, "edit_version": segment.edit_version}, **HTMX)
    assert response.status_code == 200
    segment.refresh_from_db()
    assert segment.preset == nurses
    response = client.post(url, {**form, "preset": "", "edit_version": segment.edit_version}, **HTMX)
    segment.refresh_from_db()
    assert segment.preset is None  # "other"


def test_a_segment_cannot_link_to_a_group_of_the_other_audience(client, editor, strategy):
    client.force_login(editor)
    response = client.post(
        parts_url(strategy, "segments", "strategies:part_new"),
        {"group": "citizens", "name": "Family doctors", "preset": _preset("professionals", "Doctors").pk},
        **HTMX,
    )
    assert response.status_code == 422
    assert "is not in the guide&#x27;s list of citizens" in response.content.decode()
    assert not AudienceSegment.objects.exists()


def test_editor_links_a_channel_to_the_guides_website_channel(client, editor, strategy):
    from strategies.models import Channel

    website = _preset("channel", "A website for the national 1+MG initiative")
    client.force_login(editor)
    page = client.get(parts_url(strategy, "channels", "strategies:part_new"), **HTMX).content.decode()
    assert "Social media" in page and "Doctors" not in page
    response = client.post(
        parts_url(strategy, "channels", "strategies:part_new"),
        {"name": "National 1+MG website", "preset": website.pk, "description": "genomde.de"},
        **HTMX,
    )
    assert response.status_code == 200
    assert Channel.objects.get(name="National 1+MG website").preset == website
    response = client.post(
        parts_url(strategy, "channels", "strategies:part_new"),
        {"name": "Doctors", "preset": _preset("professionals", "Doctors").pk, "description": ""},
        **HTMX,
    )
    assert response.status_code == 422 and not Channel.objects.filter(name="Doctors").exists()
