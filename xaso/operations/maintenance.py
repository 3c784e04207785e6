"""Failed background tasks that only kept derived data up to date for a row.

Wagtail enqueues a reference-index update (and, for images, a focal-point detection) after each
save; a plan import that replaces rows deletes them before the task runs, which then fails on
DoesNotExist — 41 imports left 992 such failures in the queue, hiding the ones that matter. When
the row they name is really gone there is nothing left to index: the failure is dropped. When the
row is there (the task ran before the saving transaction committed, on an RQ installation before
OnCommitRQBackend), the task is enqueued again and the failure dropped."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from django.apps import apps
from django.conf import settings
from django.utils.module_loading import import_string

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
    """Settles failed maintenance tasks of the backend in use; returns how many failures went."""
    backend = settings.TASK_BACKEND
    if backend == "db":
        return _drop_db()
    if backend == "rq":
        return _drop_rq()
    return 0


def _settle(task_path: str, args: Sequence[Any], kwargs: dict[str, Any]) -> None:
    """The row is gone: nothing to do. The row is there: run the task again."""
    if not MAINTENANCE_TASKS[task_path](args, kwargs):
        import_string(task_path).enqueue(*args, **kwargs)


def _drop_db() -> int:
    from django_tasks_db.models import DBTaskResult

    dropped = 0
    failed = DBTaskResult.objects.failed().filter(task_path__in=list(MAINTENANCE_TASKS))
    for row in list(failed.only("pk", "task_path", "args_kwargs", "exception_class_path")):
        args_kwargs = row.args_kwargs or {}
        if _does_not_exist(row.exception_class_path):
            _settle(row.task_path, args_kwargs.get("args", []), args_kwargs.get("kwargs", {}))
            DBTaskResult.objects.filter(pk=row.pk).delete()
            dropped += 1
    if dropped:
        logger.info(
            "Settled failed maintenance tasks (dropped, or run again when their row exists)", extra={"dropped": dropped}
        )
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
            if exceptions and _does_not_exist(exceptions[-1]):
                _settle(job.func_name, list(job.args), dict(job.kwargs))
                registry.remove(job, delete_job=True)
                dropped += 1
    if dropped:
        logger.info(
            "Settled failed maintenance tasks (dropped, or run again when their row exists)", extra={"dropped": dropped}
        )
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
