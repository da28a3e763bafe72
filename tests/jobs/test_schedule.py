"""The worker's schedule without cron (jobs/schedule.py): each job is queued once per slot however many
workers tick it, daily mail waits for its hour, and idle working copies get their PDF rendered once."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from exports.models import RenderedPdf
from jobs import schedule
from jobs.models import ScheduleRun
from strategies import services
from strategies.models import Strategy
from tests.tasks import queued, run_tasks

MORNING = timezone.make_aware(datetime.datetime(2026, 12, 7, 9, 2))
NIGHT = timezone.make_aware(datetime.datetime(2026, 12, 7, 3, 2))


def test_each_slot_is_queued_once_however_many_workers_tick(db):
    first = schedule.tick(MORNING)
    assert set(first) == {job.name for job in schedule.SCHEDULE}
    assert schedule.tick(MORNING) == []  # a second worker, the same minute
    assert schedule.tick(MORNING + datetime.timedelta(minutes=2)) == []  # same 5-minute slot
    later = schedule.tick(MORNING + datetime.timedelta(minutes=5))
    assert set(later) == {"prerender-idle-working-copies", "retry-failed-emails"}  # daily ones wait for tomorrow
    assert queued().count() == len(first) + len(later)


def test_daily_mail_waits_for_its_hour(db, settings):
    settings.DAILY_MAIL_HOUR = 7
    assert "daily-digests" not in schedule.tick(NIGHT)
    assert "daily-digests" in schedule.tick(MORNING)


@pytest.mark.django_db(transaction=True)
def test_workers_racing_on_the_schedule_queue_each_slot_once(reference_data):
    """Threads stand for workers on several machines, each with its own database connection."""
    import threading

    from django.db import connection

    results, barrier = [], threading.Barrier(4)

    def worker():
        try:
            barrier.wait()
            results.append(schedule.tick(MORNING))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    names = [name for queued_by_one in results for name in queued_by_one]
    assert sorted(names) == sorted(job.name for job in schedule.SCHEDULE)
    assert ScheduleRun.objects.count() == len(schedule.SCHEDULE)


def test_the_scheduled_work_runs(db, lead, editor):
    editor.email_mode = "daily"
    editor.save()
    from reviews import services as review_services
    from tests.factories import make_strategy

    review_services.strategy_submit(strategy=make_strategy("DE"), user=lead)
    from django.core import mail

    schedule.tick(MORNING)
    run_tasks("default")
    assert [m.to for m in mail.outbox] == [[editor.email]]  # the daily digest


@pytest.fixture
def idle_draft(strategy, settings):
    settings.PDF_PRERENDER = True
    settings.PDF_PRERENDER_IDLE_MINUTES = 10
    Strategy.objects.filter(pk=strategy.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=30))
    return Strategy.objects.get(pk=strategy.pk)


def test_idle_working_copies_are_prerendered_once(idle_draft, client, editor):
    from exports import services as export_services

    assert export_services.prerender_idle_working_copies() == 1
    assert export_services.prerender_idle_working_copies() == 1  # still waiting: not queued twice
    assert queued("pdf").count() == 1
    run_tasks()
    assert RenderedPdf.objects.count() == 1
    assert export_services.prerender_idle_working_copies() == 0  # rendered: nothing to do
    assert not queued().exists()
    client.force_login(editor)
    response = client.get(f"/exports/strategies/{idle_draft.pk}/strategy.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_a_draft_being_edited_waits_and_a_changed_one_is_rendered_again(idle_draft, editor):
    from exports import services as export_services

    run_tasks()
    export_services.prerender_idle_working_copies()
    run_tasks()
    services.section_update(
        strategy=idle_draft, key="conclusion", data={"summary": "<p>New</p>"}, base_version=1, user=editor
    )
    assert export_services.prerender_idle_working_copies() == 0  # just changed: someone is at work on it
    Strategy.objects.filter(pk=idle_draft.pk).update(updated_at=timezone.now() - datetime.timedelta(minutes=30))
    assert export_services.prerender_idle_working_copies() == 1
    run_tasks()
    assert RenderedPdf.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_run_worker_runs_the_queued_tasks_and_the_schedule(reference_data, settings):
    """The command itself (its loop manages its own database connections, so a transactional test)."""
    from django.core import mail
    from django_tasks_db.models import DBTaskResult

    from accounts import tasks as account_tasks

    account_tasks.send_account_mail.enqueue(subject="Hello", sealed_body=account_tasks.seal("Body"), to="a@example.org")
    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert [m.subject for m in mail.outbox] == ["Hello"]
    assert ScheduleRun.objects.exists()  # --batch ticks the schedule once, then runs what is due
    assert not DBTaskResult.objects.filter(status="READY").exclude(run_after__gt=timezone.now()).exists()


def test_old_task_results_are_pruned_and_failures_kept_longer(db, settings):
    from django_tasks_db.models import DBTaskResult

    from jobs import tasks as job_tasks

    settings.TASK_RESULTS_DAYS = 7
    for status, days in (("SUCCESSFUL", 8), ("SUCCESSFUL", 1), ("FAILED", 8), ("FAILED", 15)):
        result = job_tasks.prune_task_results.enqueue()
        DBTaskResult.objects.filter(pk=result.id).update(
            status=status, finished_at=timezone.now() - datetime.timedelta(days=days)
        )
    job_tasks.prune_task_results.call()
    kept = sorted(DBTaskResult.objects.values_list("status", "finished_at__date"))
    assert [status for status, _day in kept] == ["FAILED", "SUCCESSFUL"]
