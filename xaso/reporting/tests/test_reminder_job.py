"""The daily reminder job on the database task backend, run by the real `db_worker` command:
it sends the day's reminders, then waits in the queue for the next morning; starting it again
(each `bin/run`) adds nothing, and a stray duplicate run stops at once."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from xaso.notifications.models import Notification
from xaso.reporting.models import ReminderChain
from xaso.reporting.reminders import CHAIN, reminders_start
from xaso.reporting.tasks import send_reminders
from xaso.reporting.tests.helpers import HANOI

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "xaso.reporting.tasks.send_reminders"


@pytest.fixture
def db_backend(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "publishing", "documents"]}
    }


def run_worker():
    call_command("db_worker", queue_name="default", batch=True, startup_delay=False, interval=0.1, verbosity=0)


def waiting():
    return list(DBTaskResult.objects.filter(task_path=TASK).ready())


def test_the_job_reminds_today_and_waits_for_tomorrow_morning(db_backend, demo, half_year, time_machine):
    time_machine.move_to(dt.datetime(2026, 5, 29, 9, 0, tzinfo=HANOI), tick=False)
    assert reminders_start() is True
    assert reminders_start() is False  # bin/run again: the chain is alive
    assert len(waiting()) == 1

    run_worker()

    assert Notification.objects.filter(user=demo.mai, key__endswith=":due:7").exists()
    assert any(m.to == [demo.mai.email] for m in mail.outbox)
    chain = ReminderChain.objects.get(name=CHAIN)
    assert chain.next_run_at == dt.datetime(2026, 5, 30, 7, 0, tzinfo=HANOI)
    (tomorrow,) = DBTaskResult.objects.filter(task_path=TASK, status="READY")
    assert tomorrow.run_after == chain.next_run_at
    assert waiting() == []  # not before 07:00 tomorrow

    time_machine.move_to(dt.datetime(2026, 6, 4, 8, 0, tzinfo=HANOI), tick=False)
    run_worker()
    assert Notification.objects.filter(user=demo.mai, key__endswith=":due:1").exists()
    assert DBTaskResult.objects.filter(task_path=TASK, status="READY").get().run_after == dt.datetime(
        2026, 6, 5, 7, 0, tzinfo=HANOI
    )


def test_a_stray_run_of_an_old_chain_does_nothing(db_backend, demo, half_year, time_machine):
    time_machine.move_to(dt.datetime(2026, 5, 29, 9, 0, tzinfo=HANOI), tick=False)
    reminders_start()
    run_worker()
    send_reminders.enqueue("not-the-chains-token")
    run_worker()
    stray = DBTaskResult.objects.filter(task_path=TASK, args_kwargs__args=["not-the-chains-token"]).get()
    assert stray.status == "SUCCESSFUL"
    assert DBTaskResult.objects.filter(task_path=TASK, status="READY").count() == 1


def test_a_dead_chain_is_restarted(db_backend, demo, half_year, time_machine):
    time_machine.move_to(dt.datetime(2026, 5, 29, 9, 0, tzinfo=HANOI), tick=False)
    reminders_start()
    run_worker()
    DBTaskResult.objects.filter(task_path=TASK, status="READY").delete()  # the queue lost it
    time_machine.move_to(dt.datetime(2026, 5, 30, 14, 0, tzinfo=HANOI), tick=False)
    assert reminders_start() is True
    run_worker()
    assert ReminderChain.objects.get(name=CHAIN).next_run_at == dt.datetime(2026, 5, 31, 7, 0, tzinfo=HANOI)
