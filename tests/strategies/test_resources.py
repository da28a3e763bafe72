import tablib

from strategies import services
from strategies.models import KPI, AudienceSegment, Risk, Task
from strategies.resources import AudienceSegmentResource, KPIResource, RiskResource, TaskResource


def _round_trip(resource, queryset, edit):
    """Export, change one cell, import back: the change lands and nothing else moves."""
    dataset = resource.export(queryset)
    csv = dataset.export("csv")
    reread = tablib.Dataset().load(csv, format="csv")
    edit(reread)
    result = resource.import_data(reread, dry_run=False, raise_errors=True)
    assert not result.has_errors() and not result.has_validation_errors()
    return result


def test_tasks_round_trip_through_csv(strategy, editor):
    task = strategy.tasks.filter(parent__isnull=False).first()
    task.owner = editor
    task.save()
    count = strategy.tasks.count()

    def edit(data):
        row = data["id"].index(str(task.pk))
        values = list(data[row])
        values[data.headers.index("status")] = "done"
        data[row] = values

    _round_trip(TaskResource(), strategy.tasks.all(), edit)
    task.refresh_from_db()
    assert task.status == "done" and task.owner == editor and task.parent_id
    assert task.edit_version == 2  # an import is an edit: stale saves must notice it
    assert strategy.tasks.count() == count


def test_segments_kpis_and_risks_round_trip_as_xlsx(strategy):
    services.part_create(model=AudienceSegment, strategy=strategy, group="citizens", name="Carers", hard_to_reach=True)
    services.part_create(model=KPI, strategy=strategy, metric="Website visits", baseline="0", target="10000")
    services.part_create(model=Risk, strategy=strategy, description="Low trust", likelihood=4, impact=5)
    for resource, model in ((AudienceSegmentResource(), AudienceSegment), (KPIResource(), KPI), (RiskResource(), Risk)):
        before = list(model.objects.values())
        xlsx = resource.export(model.objects.all()).export("xlsx")
        result = resource.import_data(tablib.Dataset().load(xlsx, format="xlsx"), dry_run=False)
        assert not result.has_errors() and not result.has_validation_errors()
        assert list(model.objects.values()) == before  # unchanged rows are skipped, not rewritten


def test_bad_rows_are_reported_row_by_row_and_change_nothing(strategy):
    risk = services.part_create(model=Risk, strategy=strategy, description="Low trust", likelihood=2, impact=2)
    data = tablib.Dataset(headers=["id", "strategy", "description", "likelihood", "impact"])
    data.append([risk.pk, strategy.pk, "Low trust", 9, 2])
    data.append(["", strategy.pk, "New risk", 3, 3])
    result = RiskResource().import_data(data, dry_run=True)
    assert result.has_validation_errors()
    assert [row.number for row in result.invalid_rows] == [1]
    assert "likelihood" in result.invalid_rows[0].field_specific_errors
    risk.refresh_from_db()
    assert risk.likelihood == 2 and Risk.objects.count() == 1


def test_new_task_import_needs_a_known_strategy(strategy):
    data = tablib.Dataset(headers=["id", "strategy", "phase", "title", "status"])
    data.append(["", 999999, "execute", "Ghost", "todo"])
    result = TaskResource().import_data(data, dry_run=True)
    assert result.has_errors() or result.has_validation_errors()
    assert not Task.objects.filter(title="Ghost").exists()
