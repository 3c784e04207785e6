"""The RQ task backend, enqueuing when the transaction that asked commits.

django-tasks-rq puts a job into Redis at once. Wagtail enqueues a reference-index update from
post_save, inside the saving transaction: a worker could then run it before the row was committed
and fail on DoesNotExist (a demo load left 553 such failures). The database backend has no such
race (its queue is a table, written in the same transaction); this backend behaves the same way:
inside a transaction the job reaches Redis on commit, and a rolled-back transaction enqueues
nothing. The result returned carries the job's id either way."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_tasks.base import Task, TaskResult
from django_tasks_rq.backend import RQBackend


class OnCommitRQBackend(RQBackend):
    def enqueue(self, task: Task[Any, Any], args: Any, kwargs: Any) -> TaskResult[Any]:
        if not transaction.get_connection().in_atomic_block:
            return super().enqueue(task, args, kwargs)
        self.validate_task(task)
        from django_tasks.base import TaskResultStatus
        from django_tasks.utils import get_random_id

        result: TaskResult[Any] = TaskResult(
            task=task,
            id=get_random_id(),
            status=TaskResultStatus.READY,
            enqueued_at=None,
            started_at=None,
            last_attempted_at=None,
            finished_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        transaction.on_commit(lambda: self._enqueue_as(result))
        return result

    def _enqueue_as(self, result: TaskResult[Any]) -> None:
        import django_rq
        from django_tasks.base import TASK_MAX_PRIORITY
        from django_tasks.signals import task_enqueued
        from django_tasks_rq.backend import Job, failed_callback, success_callback
        from rq.job import Callback, JobStatus

        task = result.task
        queue = django_rq.get_queue(task.queue_name, job_class=Job)
        job = queue.create_job(
            task.module_path,
            args=result.args,
            kwargs=result.kwargs,
            job_id=result.id,
            status=JobStatus.SCHEDULED if task.run_after else JobStatus.QUEUED,
            on_failure=Callback(failed_callback),
            on_success=Callback(success_callback),
            meta={"backend_name": self.alias},
        )
        if task.run_after is None:
            queue.enqueue_job(job, at_front=task.priority == TASK_MAX_PRIORITY)
        else:
            queue.schedule_job(job, task.run_after)
        task_enqueued.send(type(self), task_result=result)
