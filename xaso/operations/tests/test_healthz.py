"""/healthz: nginx and monitoring ask it; it says ok or not, with a few numbers and nothing else."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from xaso.operations.health import SCHEDULER
from xaso.operations.models import Heartbeat

pytestmark = pytest.mark.django_db


def test_it_answers_anyone_with_every_check_passing(settings):
    settings.TASK_BACKEND = "db"
    response = Client().get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "queues", "disk"}
    assert body["checks"]["queues"]["lag_documents_s"] == 0.0
    assert "no-cache" in response["Cache-Control"]


def test_it_reveals_no_path_host_or_database_name(settings):
    text = Client().get("/healthz").content.decode()
    for secret in (str(settings.DATA_DIR), settings.DATABASES["default"]["NAME"], "sqlite", "postgres"):
        assert str(secret) not in text


def test_little_disk_left_fails_with_503(settings):
    settings.HEALTH_DISK_MIN_FREE_PERCENT = 101
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["disk"]["ok"] is False


def test_a_silent_scheduler_fails_when_it_is_required(settings):
    settings.HEALTH_REQUIRE_SCHEDULER = True
    assert Client().get("/healthz").status_code == 503  # never ran
    Heartbeat.objects.create(name=SCHEDULER, beat_at=timezone.now() - dt.timedelta(minutes=10))
    assert Client().get("/healthz").json()["checks"]["scheduler"] == {"ok": False, "age_s": pytest.approx(600, abs=5)}
    Heartbeat.objects.filter(name=SCHEDULER).update(beat_at=timezone.now())
    assert Client().get("/healthz").status_code == 200


def test_a_task_waiting_too_long_shows_as_queue_lag(settings):
    from django_tasks_db.models import DBTaskResult

    settings.TASK_BACKEND = "db"
    settings.HEALTH_QUEUE_LAG_SECONDS = 60
    DBTaskResult.objects.create(
        task_path="xaso.portal.tasks.reach_refresh",
        args_kwargs={"args": ["2026-01-01"], "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=timezone.now() - dt.timedelta(minutes=5),
    )
    DBTaskResult.objects.update(enqueued_at=timezone.now() - dt.timedelta(minutes=6))
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["queues"]["lag_default_s"] == pytest.approx(300, abs=5)


def test_redis_down_fails_when_the_installation_uses_it(settings):
    settings.TASK_BACKEND = "rq"
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["redis"] == {"ok": False}
    assert response.json()["checks"]["queues"] == {"ok": False}
