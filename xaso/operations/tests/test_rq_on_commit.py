"""On RQ, a task asked for inside a transaction reaches Redis when it commits (never before: the
worker would not find the row yet), and not at all if it rolls back — as with the database backend."""

import pytest
from django.db import transaction

from xaso.channels.tests.workers import start_redis
from xaso.portal.tasks import reach_refresh

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    url, process = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    if process is not None:
        process.kill()
        process.wait(10)


@pytest.fixture
def queue(redis_url, settings):
    import django_rq
    import redis

    redis.Redis.from_url(redis_url).flushdb()
    queues = settings.TASK_QUEUES
    settings.TASKS = {"default": {"BACKEND": "xaso.operations.tasks_rq.OnCommitRQBackend", "QUEUES": queues}}
    settings.RQ_QUEUES = {name: {"URL": redis_url} for name in queues}
    return django_rq.get_queue("default")


def test_inside_a_transaction_the_job_waits_for_the_commit(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        result = reach_refresh.enqueue("2026-12-01")
        assert queue.get_job_ids() == []
    assert queue.get_job_ids() == [result.id]
    assert list(queue.fetch_job(result.id).args) == ["2026-12-01"]


def test_a_rolled_back_transaction_enqueues_nothing(queue, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks, transaction.atomic():
        reach_refresh.enqueue("2026-12-02")
    assert len(callbacks) == 1  # would run on commit; the test's transaction is rolled back instead
    assert queue.get_job_ids() == []
