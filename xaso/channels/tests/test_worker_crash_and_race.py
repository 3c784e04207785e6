"""Real task workers (database backend, and RQ on a real Redis server) against the fake
services: a worker killed with SIGKILL mid-delivery, and two workers racing on one delivery.
Each time the fake service must receive exactly one post."""

import time

import pytest

from xaso.channels.tasks import deliver
from xaso.channels.tests.conftest import PUBLIC_URL
from xaso.channels.tests.workers import environment, finish, kill, manage, read_rows, shared_database_url, start_redis

pytestmark = pytest.mark.django_db(transaction=True)

QUEUES = ["default", "publishing", "documents"]
ROUTES = {"facebook": "POST feed", "zalo": "POST /v2.0/article/create"}


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    url, process = start_redis(tmp_path_factory.mktemp("redis"))
    yield url
    if process is not None:
        process.kill()
        process.wait(10)


@pytest.fixture(params=["db", "rq"])
def backend(request, settings):
    if request.param == "db":
        settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": QUEUES}}
        return {"name": "db", "env": {"XASO_TASK_BACKEND": "db"}}
    url = request.getfixturevalue("redis_url")
    import redis

    redis.Redis.from_url(url).flushdb()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": QUEUES}}
    settings.RQ_QUEUES = {name: {"URL": url} for name in QUEUES}
    return {"name": "rq", "env": {"XASO_TASK_BACKEND": "rq", "XASO_REDIS_URL": url}}


def worker_command(backend, *, once):
    if backend["name"] == "db":
        return [
            "db_worker",
            "--queue-name",
            "publishing",
            "--interval",
            "0.2",
            "--no-startup-delay",
            *(["--batch"] if once else []),
        ]
    return ["rqworker", "publishing", "--job-class", "django_tasks_rq.Job", *(["--burst"] if once else [])]


def fakes_env(facebook, zalo):
    return {
        "XASO_FACEBOOK_GRAPH_URL": facebook.url,
        "XASO_ZALO_OAUTH_URL": zalo.url,
        "XASO_ZALO_API_URL": zalo.url,
        "XASO_PUBLIC_BASE_URL": PUBLIC_URL,
    }


def state_of(url, delivery):
    ((state, remote_id),) = read_rows(
        url, "SELECT state, remote_id FROM channels_delivery WHERE id = ?", (delivery.pk,)
    )
    return state, remote_id


@pytest.mark.parametrize("channel", ["facebook", "zalo"])
def test_a_worker_killed_mid_delivery_is_recovered_without_posting_twice(
    tmp_path, backend, channel, facebook, zalo, facebook_account, zalo_account, publication, schedule
):
    fake, account = (facebook, facebook_account) if channel == "facebook" else (zalo, zalo_account)
    route = ROUTES[channel]
    # Zalo lists a new article only once processed: here before the dead worker's lease expires, so
    # that the recovering worker (real processes, real time) finds it in one go.
    zalo.processing_seconds = 2
    release = fake.stall_next(route)
    delivery = schedule(publication, account)
    url = shared_database_url(tmp_path)
    env = environment(database_url=url, **backend["env"], **fakes_env(facebook, zalo))

    worker = manage(*worker_command(backend, once=False), env=env)
    reached = fake.wait_for(route, timeout=60)
    kill(worker)  # SIGKILL while the request is being answered: no chance to record anything
    release.set()
    assert reached, "the worker never reached the fake service:\n" + (
        worker.stdout.read() if worker.stdout else b""
    ).decode(errors="replace")
    assert state_of(url, delivery)[0] == "sending"

    time.sleep(3.5)  # the dead worker's lease expires
    finish(manage("channels_dispatch", "--once", env=env))
    finish(manage(*worker_command(backend, once=True), env=env))

    state, remote_id = state_of(url, delivery)
    assert state == "sent"
    assert len(fake.calls(route)) == 1
    if channel == "facebook":
        assert [p["id"] for p in facebook.posts(facebook_account.remote_id)] == [remote_id]
    else:
        assert [a["id"] for a in zalo.articles] == [remote_id]
        assert len(zalo.broadcasts) == 1


def test_two_workers_racing_on_one_delivery_post_it_once(
    tmp_path, backend, facebook, zalo, facebook_account, publication, schedule
):
    facebook.delay["POST feed"] = 2.0  # the first worker is still posting when the second arrives
    delivery = schedule(publication, facebook_account)
    deliver.enqueue(delivery.pk)  # a second task for the same delivery: a racing retry
    url = shared_database_url(tmp_path)
    env = environment(database_url=url, **backend["env"], **fakes_env(facebook, zalo))

    workers = [manage(*worker_command(backend, once=True), env=env) for _ in range(2)]
    for worker in workers:
        finish(worker)

    assert state_of(url, delivery)[0] == "sent"
    assert len(facebook.calls("POST feed")) == 1
    assert len(facebook.posts(facebook_account.remote_id)) == 1
