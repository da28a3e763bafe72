import pytest
from django.core.exceptions import ValidationError

from guide.models import Recommendation, TemplateTask
from strategies import services
from strategies.models import SECTION_MODELS, AudienceSegment, Presence, Revision, Risk, Task
from tests.factories import country


def test_strategy_create_builds_the_whole_template(db, editor):
    strategy = services.strategy_create(country=country("DE"), title="genomDE strategy", created_by=editor)
    assert [type(s) for s in strategy.sections()] == list(SECTION_MODELS)
    assert all(s.edit_version == 1 and s.completeness == 0 for s in strategy.sections())
    assert strategy.tasks.count() == TemplateTask.objects.count()
    assert strategy.assessments.count() == Recommendation.objects.count() == 6
    assert strategy.created_by == editor and strategy.version == 1 and strategy.status == "draft"


def test_template_tasks_keep_their_hierarchy_and_phases(strategy):
    for task in strategy.tasks.select_related("template_task__parent", "parent"):
        template = task.template_task
        assert task.title == template.title and task.phase == template.phase
        assert (task.parent.template_task if task.parent else None) == template.parent
    assert set(strategy.tasks.values_list("phase", flat=True)) == {"initiate", "execute", "evaluate"}
    assert strategy.tasks.filter(title="Connect to the initiative at a European level", parent__isnull=False).exists()


def test_strategy_create_refuses_bad_input_and_creates_nothing(db):
    with pytest.raises(ValidationError):
        services.strategy_create(country=country("DE"), title="", language="de")
    assert not Task.objects.exists()


def save(strategy, key="conclusion", base=1, user=None, **data):
    return services.section_update(strategy=strategy, key=key, data=data, base_version=base, user=user)


def test_section_update_sanitizes_and_moves_the_version_on(strategy, editor):
    result = save(
        strategy,
        key="executive_summary",
        user=editor,
        overview='<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:evil()">l</a>'
        '<img src="http://169.254.169.254/"></p>',
    )
    assert result.status == "saved"
    section = strategy.executivesummary_section
    section.refresh_from_db()
    assert "script" not in section.overview and "onclick" not in section.overview
    assert "javascript" not in section.overview and "<img" not in section.overview
    assert section.overview.startswith("<p>Hi")
    assert section.edit_version == 2 and section.updated_by == editor and section.updated_at


def test_section_update_keeps_formatting(strategy):
    html = (
        "<h3>Goals</h3><ul><li><strong>Trust</strong></li></ul><div>Trix line</div>"
        '<p><a href="https://gdi.onemilliongenomes.eu">GDI</a></p>'
    )
    section = save(strategy, summary=html).obj
    assert "<h3>Goals</h3><ul><li><strong>Trust</strong></li></ul><div>Trix line</div>" in section.summary
    assert 'href="https://gdi.onemilliongenomes.eu"' in section.summary


def test_section_update_rejects_unknown_fields(strategy):
    with pytest.raises(ValueError):
        save(strategy, title="x")


def test_unchanged_save_writes_no_version(strategy):
    assert save(strategy, summary="").status == "unchanged"
    assert Revision.objects.filter(target="section:conclusion").count() == 1


def test_two_editors_in_different_paragraphs_are_merged(strategy, editor, lead):
    save(strategy, user=lead, summary="<p>One</p><p>Two</p><p>Three</p>")  # v2, both start here
    first = save(strategy, base=2, user=lead, summary="<p>One, by the lead</p><p>Two</p><p>Three</p>")
    second = save(strategy, base=2, user=editor, summary="<p>One</p><p>Two</p><p>Three, by the editor</p>")
    assert first.status == "saved" and second.status == "merged"
    assert second.merged_fields == ["summary"]
    section = strategy.conclusion_section
    section.refresh_from_db()
    assert section.summary == "<p>One, by the lead</p><p>Two</p><p>Three, by the editor</p>"
    assert section.edit_version == 4
    assert Revision.objects.get(target="section:conclusion", version=4).action == "merge"


def test_two_editors_in_different_fields_are_merged(strategy, editor, lead):
    save(strategy, key="introduction", user=lead, background="<p>Lead's background</p>")
    result = save(strategy, key="introduction", user=editor, purpose="<p>Editor's purpose</p>")
    assert result.status == "merged"
    section = strategy.introduction_section
    section.refresh_from_db()
    assert section.background == "<p>Lead's background</p>" and section.purpose == "<p>Editor's purpose</p>"


def test_overlapping_edits_conflict_and_nothing_is_overwritten(strategy, editor, lead):
    save(strategy, user=lead, summary="<p>Lead's words</p>")
    result = save(strategy, user=editor, summary="<p>Editor's words</p>")
    assert result.status == "conflict" and result.conflicts == ["summary"]
    assert result.mine["summary"] == "<p>Editor's words</p>"  # kept for the conflict screen
    assert result.theirs["summary"] == "<p>Lead's words</p>"
    section = strategy.conclusion_section
    section.refresh_from_db()
    assert section.summary == "<p>Lead's words</p>" and section.edit_version == 2
    # Resolving: the editor saves again on top of the version they have now seen.
    resolved = save(strategy, base=2, user=editor, summary="<p>Lead's words</p><p>Editor's words</p>")
    assert resolved.status == "saved"


def test_every_save_is_in_the_history_and_restore_adds_a_version(strategy, editor):
    save(strategy, user=editor, summary="<p>First</p>")
    save(strategy, base=2, user=editor, summary="<p>Second</p>")
    first = Revision.objects.get(target="section:conclusion", version=2)
    assert first.data == {"summary": "<p>First</p>"} and first.user == editor
    section = services.section_restore(strategy=strategy, key="conclusion", revision=first, user=editor)
    assert section.summary == "<p>First</p>" and section.edit_version == 4
    assert list(
        Revision.objects.filter(target="section:conclusion").order_by("version").values_list("action", flat=True)
    ) == ["create", "update", "update", "restore"]


def test_restore_refuses_a_revision_of_another_section(strategy):
    other = Revision.objects.get(target="section:introduction", strategy=strategy)
    with pytest.raises(ValueError):
        services.section_restore(strategy=strategy, key="conclusion", revision=other, user=None)


def test_rows_merge_field_by_field_and_conflict_on_the_same_field(strategy, editor, lead):
    risk = services.part_create(model=Risk, strategy=strategy, description="Low trust", likelihood=2, impact=2)
    a = services.part_update(part=risk, data={"likelihood": 4}, base_version=1, user=lead)
    b = services.part_update(part=risk, data={"mitigation": "Town halls"}, base_version=1, user=editor)
    assert (a.status, b.status) == ("saved", "merged")
    risk.refresh_from_db()
    assert (risk.likelihood, risk.mitigation, risk.edit_version) == (4, "Town halls", 3)
    c = services.part_update(part=risk, data={"likelihood": 1}, base_version=1, user=editor)
    assert c.status == "conflict" and c.conflicts == ["likelihood"]
    risk.refresh_from_db()
    assert risk.likelihood == 4


def test_stale_delete_is_refused(strategy, editor):
    risk = services.part_create(model=Risk, strategy=strategy, description="x")
    services.part_update(part=risk, data={"owner": "Ana"}, base_version=1, user=editor)
    assert services.part_delete(part=risk, base_version=1, user=editor).status == "conflict"
    assert Risk.objects.filter(pk=risk.pk).exists()
    assert services.part_delete(part=risk, base_version=2, user=editor).status == "saved"
    assert not Risk.objects.filter(pk=risk.pk).exists()
    assert Revision.objects.filter(target=f"risk:{risk.pk}", action="delete").exists()


def test_part_move_swaps_neighbours(strategy):
    a, b, c = (services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name=n) for n in "abc")
    services.part_move(part=c, offset=-1, user=None)
    assert list(strategy.segments.values_list("name", flat=True)) == ["a", "c", "b"]
    services.part_move(part=a, offset=-1, user=None)  # already first: nothing happens
    assert list(strategy.segments.values_list("name", flat=True)) == ["a", "c", "b"]


def test_presence_lists_the_others_only_while_fresh(strategy, editor, lead):
    import datetime

    from django.utils import timezone

    services.presence_ping(strategy=strategy, key="conclusion", user=lead)
    assert services.presence_ping(strategy=strategy, key="conclusion", user=editor) == [lead]
    Presence.objects.filter(user=lead).update(last_seen=timezone.now() - datetime.timedelta(minutes=5))
    assert services.presence_ping(strategy=strategy, key="conclusion", user=editor) == []


def test_comment_mentions_notify_colleagues_only(
    strategy, editor, lead, outsider, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = services.comment_add(
            strategy=strategy, key="conclusion", author=editor, body="@lead please check; @outsider too"
        )
    assert list(comment.mentions.all()) == [lead]
    assert [m.to for m in mailoutbox] == [[lead.email]]
    reply = services.comment_add(strategy=strategy, key="conclusion", author=lead, body="Done", parent=comment)
    assert reply.parent == comment
    services.comment_resolve(comment=reply, user=lead)
    comment.refresh_from_db()
    assert comment.is_resolved
    services.comment_reopen(comment=comment, user=editor)
    comment.refresh_from_db()
    assert not comment.is_resolved


def test_sections_are_assigned_to_editors_only(strategy, editor, viewer, lead):
    assignment = services.section_assign(
        strategy=strategy, key="objectives", assignee=editor, due=None, assigned_by=lead
    )
    assert assignment.assignee == editor
    with pytest.raises(ValueError):
        services.section_assign(strategy=strategy, key="objectives", assignee=viewer, due=None, assigned_by=lead)


def test_part_create_appends_at_the_end(strategy):
    first = services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name="Adults")
    second = services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name="Children")
    assert second.position > first.position
    assert list(strategy.segments.all()) == [first, second]
