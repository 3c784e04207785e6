"""The daily token check on the database task backend, run by the real `db_worker` command: it
checks every account, then waits in the queue for the next morning; starting it again (each
`bin/run`) adds nothing, a stray run of an old chain stops at once, a lost chain is restarted."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from xaso.channels.models import ChannelAccount, TokenCheckChain
from xaso.channels.tasks import check_tokens
from xaso.channels.tokencheck import CHAIN, tokens_check_start

pytestmark = pytest.mark.django_db(transaction=True)

TASK = "xaso.channels.tasks.check_tokens"
HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def db_backend(settings):
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "publishing", "documents"]}
    }


def run_worker():
    call_command("db_worker", queue_name="publishing", batch=True, startup_delay=False, interval=0.1, verbosity=0)


def ready():
    return DBTaskResult.objects.filter(task_path=TASK, status="READY")


def test_the_check_refreshes_today_and_waits_for_tomorrow_morning(db_backend, time_machine, zalo, zalo_account):
    time_machine.move_to(dt.datetime(2025, 9, 15, 9, 0, tzinfo=HANOI), tick=False)
    assert tokens_check_start() is True
    assert tokens_check_start() is False  # bin/run again: the chain is alive
    assert ready().count() == 1

    run_worker()

    assert len(zalo.calls("POST /v4/oa/access_token")) == 1  # the typed-in refresh token, renewed
    assert ChannelAccount.objects.get(pk=zalo_account.pk).refresh_expires_at is not None
    chain = TokenCheckChain.objects.get(name=CHAIN)
    assert chain.next_run_at == dt.datetime(2025, 9, 16, 6, 30, tzinfo=HANOI)
    assert chain.last_summary == "Làm mới 1 Zalo OA; nhắc 0 kênh; 0 lỗi."
    assert ready().get().run_after == chain.next_run_at
    assert list(ready().ready()) == []  # not before 06:30 tomorrow

    time_machine.move_to(dt.datetime(2025, 9, 16, 6, 31, tzinfo=HANOI), tick=False)
    run_worker()
    assert len(zalo.calls("POST /v4/oa/access_token")) == 1  # 89 days left: nothing to renew
    assert ready().get().run_after == dt.datetime(2025, 9, 17, 6, 30, tzinfo=HANOI)


def test_a_stray_run_of_an_old_chain_does_nothing(db_backend, time_machine):
    time_machine.move_to(dt.datetime(2025, 9, 15, 9, 0, tzinfo=HANOI), tick=False)
    tokens_check_start()
    run_worker()
    check_tokens.enqueue("not-the-chains-token")
    run_worker()
    stray = DBTaskResult.objects.filter(task_path=TASK, args_kwargs__args=["not-the-chains-token"]).get()
    assert stray.status == "SUCCESSFUL"
    assert stray.return_value == "replaced"
    assert ready().count() == 1


def test_a_lost_chain_is_restarted(db_backend, time_machine):
    time_machine.move_to(dt.datetime(2025, 9, 15, 9, 0, tzinfo=HANOI), tick=False)
    tokens_check_start()
    run_worker()
    ready().delete()  # the queue lost it
    time_machine.move_to(dt.datetime(2025, 9, 16, 14, 0, tzinfo=HANOI), tick=False)
    assert tokens_check_start() is True  # its next run is hours overdue: taken for dead
    assert ready().count() == 1
