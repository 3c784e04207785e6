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
    gone = failed(REFERENCE_INDEX, ["plans", "task", 10_000_000], "xaso.plans.models.Task.DoesNotExist")
    other_error = failed(REFERENCE_INDEX, ["plans", "task", 10_000_001], "builtins.ValueError")
    not_maintenance = failed("xaso.documents.tasks.render_document", ["x"], "builtins.KeyError")
    assert orphan_tasks_drop() == 1
    remaining = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert gone.pk not in remaining
    assert {other_error.pk, not_maintenance.pk} <= remaining


def test_one_that_ran_before_its_row_was_committed_runs_again(demo, settings):
    from wagtail.models import ReferenceIndex

    settings.TASK_BACKEND = "db"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    task = demo.plan.tasks.first()
    early = failed(REFERENCE_INDEX, ["plans", "task", task.pk], "xaso.plans.models.Task.DoesNotExist")
    ReferenceIndex.objects.all().delete()
    assert orphan_tasks_drop() == 1
    assert not DBTaskResult.objects.filter(pk=early.pk).exists()
    assert Task.objects.filter(pk=task.pk).exists()
    assert ReferenceIndex.get_references_for_object(task).exists()  # indexed again


def test_many_failures_after_imports_are_all_dropped(demo, settings):
    settings.TASK_BACKEND = "db"
    for pk in range(20_000_000, 20_000_050):
        failed(REFERENCE_INDEX, ["plans", "task", pk], "xaso.plans.models.Task.DoesNotExist")
    assert orphan_tasks_drop() == 50
    assert not DBTaskResult.objects.failed().exists()
