"""/healthz: is this app server fit to answer? For nginx's upstream checks and for monitoring.

It answers anyone (nginx and a monitor have no account), so it says only what an operator needs
and nothing an attacker could use: each check's name, ok or not, and a few numbers (seconds of
queue lag, percent of disk free, seconds since the scheduler's last round). No host name, path,
version, error text or count of users or rows. 200 when every check passes, 503 otherwise."""

from __future__ import annotations

import datetime as dt
import shutil
import time
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

from xaso.operations.models import Heartbeat

SCHEDULER = "scheduler"


@dataclass
class Check:
    ok: bool
    figures: dict[str, float | int] = field(default_factory=dict)


def check_database() -> Check:
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        return Check(ok=False)
    return Check(ok=True, figures={"ms": round((time.monotonic() - started) * 1000, 1)})


def _redis_needed() -> bool:
    return settings.TASK_BACKEND == "rq" or settings.PAGE_CACHE == "redis"


def check_redis() -> Check | None:
    if not _redis_needed():
        return None
    import redis

    started = time.monotonic()
    try:
        redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_connect_timeout=2).ping()
    except Exception:
        return Check(ok=False)
    return Check(ok=True, figures={"ms": round((time.monotonic() - started) * 1000, 1)})


def queue_lag_seconds() -> dict[str, float]:
    """Per queue, how long the oldest task due to run has been waiting (0 when none waits)."""
    now = timezone.now()
    lags: dict[str, float] = {}
    if settings.TASK_BACKEND == "rq":
        import django_rq
        from rq.job import Job

        for name in settings.RQ_QUEUES:
            queue = django_rq.get_queue(name)
            ids = queue.get_job_ids(0, 0)
            job = Job.fetch(ids[0], connection=queue.connection) if ids else None
            enqueued = job.enqueued_at if job is not None else None
            if enqueued is not None and timezone.is_naive(enqueued):
                enqueued = timezone.make_aware(enqueued, dt.UTC)
            lags[name] = max(0.0, (now - enqueued).total_seconds()) if enqueued else 0.0
    elif settings.TASK_BACKEND == "db":
        from django_tasks_db.models import DBTaskResult

        for name in settings.TASKS["default"]["QUEUES"]:
            oldest = DBTaskResult.objects.ready().filter(queue_name=name).order_by("enqueued_at").first()
            due = max(oldest.enqueued_at, oldest.run_after) if oldest and oldest.run_after < now else None
            lags[name] = max(0.0, (now - due).total_seconds()) if due else 0.0
    return {name: round(lag, 1) for name, lag in lags.items()}


def check_queues() -> Check | None:
    if settings.TASK_BACKEND == "immediate":
        return None
    try:
        lags = queue_lag_seconds()
    except Exception:
        return Check(ok=False)
    return Check(
        ok=all(lag <= settings.HEALTH_QUEUE_LAG_SECONDS for lag in lags.values()),
        figures={f"lag_{name}_s": lag for name, lag in lags.items()},
    )


def check_disk() -> Check:
    """Free space where this server writes: the data folder (database, cache, and local files)."""
    usage = shutil.disk_usage(settings.DATA_DIR)
    free = round(usage.free * 100 / usage.total, 1) if usage.total else 0.0
    return Check(ok=free >= settings.HEALTH_DISK_MIN_FREE_PERCENT, figures={"free_percent": free})


def check_scheduler() -> Check:
    beat = Heartbeat.objects.filter(name=SCHEDULER).values_list("beat_at", flat=True).first()
    if beat is None:
        return Check(ok=False)
    age = (timezone.now() - beat).total_seconds()
    return Check(ok=age <= settings.HEALTH_SCHEDULER_MAX_AGE_SECONDS, figures={"age_s": round(age, 1)})


def health_report() -> tuple[bool, dict[str, Any]]:
    checks: dict[str, Check | None] = {"database": check_database()}
    database_ok = checks["database"] is not None and checks["database"].ok
    checks["redis"] = check_redis()
    redis_ok = checks["redis"] is None or checks["redis"].ok
    checks["queues"] = check_queues() if database_ok and redis_ok else Check(ok=False)
    checks["disk"] = check_disk()
    if settings.HEALTH_REQUIRE_SCHEDULER:
        checks["scheduler"] = check_scheduler() if database_ok else Check(ok=False)
    present = {name: check for name, check in checks.items() if check is not None}
    healthy = all(check.ok for check in present.values())
    body = {
        "status": "ok" if healthy else "fail",
        "checks": {name: {"ok": check.ok, **check.figures} for name, check in present.items()},
    }
    return healthy, body
