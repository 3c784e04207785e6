"""Failed background tasks that only kept derived data up to date for a row since deleted.

Wagtail enqueues a reference-index update (and, for images, a focal-point detection) after each
save; a plan import that replaces rows deletes them before the task runs, which then fails on
DoesNotExist — 41 imports left 992 such failures in the queue, hiding the ones that matter. There
is nothing left to index, so they are dropped: only when the row they name is really gone."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.conf import settings

logger = logging.getLogger(__name__)


def _model_row_gone(args: Sequence[Any], kwargs: dict[str, Any]) -> bool:
    values = list(args) + [kwargs.get(name) for name in ("app_label", "model_name", "pk") if name in kwargs]
    if len(values) != 3:
        return False
    app_label, model_name, pk = values
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return True  # the model itself is gone
    return not model._default_manager.filter(pk=pk).exists()


# Task path -> "does the row it refers to no longer exist?"
MAINTENANCE_TASKS: dict[str, Callable[[Sequence[Any], dict[str, Any]], bool]] = {
    "wagtail.tasks.update_reference_index_task": _model_row_gone,
    "wagtail.images.tasks.set_image_focal_point_task": _model_row_gone,
}


def _does_not_exist(exception_class_path: str) -> bool:
    return exception_class_path.endswith("DoesNotExist") or exception_class_path.endswith("ObjectDoesNotExist")


def orphan_tasks_drop() -> int:
    """Deletes failed maintenance tasks whose row is gone, from the task backend in use."""
    backend = settings.TASK_BACKEND
    if backend == "db":
        return _drop_db()
    if backend == "rq":
        return _drop_rq()
    return 0


def _drop_db() -> int:
    from django_tasks_db.models import DBTaskResult

    dropped = 0
    failed = DBTaskResult.objects.failed().filter(task_path__in=list(MAINTENANCE_TASKS))
    for row in failed.only("pk", "task_path", "args_kwargs", "exception_class_path").iterator():
        args_kwargs = row.args_kwargs or {}
        if _does_not_exist(row.exception_class_path) and MAINTENANCE_TASKS[row.task_path](
            args_kwargs.get("args", []), args_kwargs.get("kwargs", {})
        ):
            DBTaskResult.objects.filter(pk=row.pk).delete()
            dropped += 1
    if dropped:
        logger.info("Dropped failed maintenance tasks for deleted rows", extra={"dropped": dropped})
    return dropped


def _drop_rq() -> int:
    import django_rq
    from rq.job import Job
    from rq.registry import FailedJobRegistry

    dropped = 0
    for name in settings.RQ_QUEUES:
        queue = django_rq.get_queue(name)
        registry = FailedJobRegistry(queue=queue)
        for job in Job.fetch_many(registry.get_job_ids(), connection=queue.connection):
            if job is None or job.func_name not in MAINTENANCE_TASKS:
                continue
            exceptions = job.meta.get("_django_tasks_rq_exceptions", [])
            if (
                exceptions
                and _does_not_exist(exceptions[-1])
                and MAINTENANCE_TASKS[job.func_name](job.args, job.kwargs)
            ):
                registry.remove(job, delete_job=True)
                dropped += 1
    if dropped:
        logger.info("Dropped failed maintenance tasks for deleted rows", extra={"dropped": dropped})
    return dropped


def abandoned_tasks_fail() -> int:
    """RQ: jobs whose worker stopped sending heartbeats (killed, machine lost) move from "started"
    to "failed" now rather than at a worker's next maintenance round (every 10 minutes)."""
    if settings.TASK_BACKEND != "rq":
        return 0
    import django_rq
    from rq.registry import StartedJobRegistry

    moved = 0
    for name in settings.RQ_QUEUES:
        registry = StartedJobRegistry(queue=django_rq.get_queue(name))
        moved += len(registry.get_expired_job_ids())
        registry.cleanup()
    return moved
