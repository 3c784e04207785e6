"""Failed maintenance tasks about rows deleted since (a plan import replaces its tasks) are dropped
by the scheduler; every other failure stays for someone to see."""

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from xaso.operations.maintenance import orphan_tasks_drop
from xaso.plans.models import Task

pytestmark = pytest.mark.django_db

REFERENCE_INDEX = "wagtail.tasks.update_reference_index_task"


def failed(task_path, args, exception):
    return DBTaskResult.objects.create(
        status="FAILED",
        task_path=task_path,
        args_kwargs={"args": args, "kwargs": {}},
        queue_name="default",
        backend_name="default",
        run_after=timezone.now(),
        finished_at=timezone.now(),
        exception_class_path=exception,
        traceback="Traceback …",
    )


def test_a_failed_index_update_of_a_deleted_row_is_dropped_and_others_kept(demo, settings):
    settings.TASK_BACKEND = "db"
    task = demo.plan.tasks.first()
    gone = failed(REFERENCE_INDEX, ["plans", "task", 10_000_000], "xaso.plans.models.Task.DoesNotExist")
    alive = failed(REFERENCE_INDEX, ["plans", "task", task.pk], "xaso.plans.models.Task.DoesNotExist")
    other_error = failed(REFERENCE_INDEX, ["plans", "task", 10_000_001], "builtins.ValueError")
    not_maintenance = failed("xaso.documents.tasks.render_document", ["x"], "builtins.KeyError")
    assert orphan_tasks_drop() == 1
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert gone.pk not in remaining
    assert {alive.pk, other_error.pk, not_maintenance.pk} <= remaining
    assert Task.objects.filter(pk=task.pk).exists()


def test_many_failures_after_imports_are_all_dropped(demo, settings):
    settings.TASK_BACKEND = "db"
    for pk in range(20_000_000, 20_000_050):
        failed(REFERENCE_INDEX, ["plans", "task", pk], "xaso.plans.models.Task.DoesNotExist")
    assert orphan_tasks_drop() == 50
    assert not DBTaskResult.objects.failed().exists()
