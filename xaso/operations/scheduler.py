"""The scheduler: one long-running process per installation (systemd's xaso-scheduler) that keeps
the background work moving. The periodic jobs themselves are tasks on the queue that re-enqueue
themselves for the next day (reporting reminders, the channels' token check; RQ's own scheduler,
started with the workers, runs them at their time); this process restarts a chain that died with
its worker, and finds the work a dead worker left behind:

- every round (15 s): its own heartbeat for /healthz; document renderings whose heartbeat stopped
  (failed, and back in the queue); RQ jobs whose worker stopped beating (marked failed);
- every minute: channel deliveries whose lease expired, loudspeaker slots that have played;
- every ten minutes: the daily chains (started again if dead), failed maintenance tasks for rows
  deleted since (dropped).

Running two by mistake is harmless: every step is idempotent and claims rows before acting."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections

from xaso.operations.health import SCHEDULER
from xaso.operations.heartbeat import process_beat
from xaso.operations.maintenance import abandoned_tasks_fail, orphan_tasks_drop

logger = logging.getLogger(__name__)


def _render_jobs() -> object:
    from xaso.documents.services import render_jobs_sweep

    return render_jobs_sweep()


def _deliveries() -> object:
    from xaso.channels.activity import broadcast_slots_record
    from xaso.channels.dispatch import deliveries_sweep

    return deliveries_sweep(), broadcast_slots_record()


def _chains() -> object:
    from xaso.channels.tokencheck import tokens_check_start
    from xaso.reporting.reminders import reminders_start

    return reminders_start(), tokens_check_start()


@dataclass
class Job:
    name: str
    every: float
    run: Callable[[], object]
    last: float = float("-inf")


def jobs() -> list[Job]:
    return [
        Job("heartbeat", 0, lambda: process_beat(name=SCHEDULER)),
        Job("render_jobs", 0, _render_jobs),
        Job("abandoned_tasks", 0, abandoned_tasks_fail),
        Job("deliveries", 60, _deliveries),
        Job("chains", 600, _chains),
        Job("orphan_tasks", 600, orphan_tasks_drop),
    ]


def scheduler_round(schedule: list[Job], *, now: float) -> None:
    for job in schedule:
        if now - job.last < job.every:
            continue
        job.last = now
        try:
            result = job.run()
        except Exception:
            # One failing step (Redis restarting) must not stop the others or the loop.
            logger.exception("Scheduler step failed", extra={"step": job.name})
            continue
        if result not in (None, 0, (0, 0), (0, 0, 0), (False, False)):
            logger.info("Scheduler step did work", extra={"step": job.name, "result": repr(result)})


def scheduler_run(*, interval: float, once: bool = False) -> None:
    schedule = jobs()
    while True:
        close_old_connections()
        scheduler_round(schedule, now=time.monotonic())
        if once:
            return
        time.sleep(interval)
