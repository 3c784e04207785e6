"""`pk__in` with ids beyond what an integer column holds matches nothing instead of overflowing the
database (SQLite: "Python int too large", PostgreSQL: a type error) — the crawl's `tasks=2^63`."""

import pytest

from xaso.plans.models import Task

pytestmark = pytest.mark.django_db


def test_ids_beyond_64_bits_match_nothing_and_the_others_still_match(demo):
    task = demo.plan.tasks.order_by("pk").first()
    found = Task.objects.filter(pk__in=[2**63, -(2**63) - 1, 10**30, task.pk])
    assert list(found) == [task]
    assert not Task.objects.filter(pk__in=[2**63]).exists()


def test_a_relation_filtered_by_huge_ids_is_empty(demo):
    assert not Task.objects.filter(task_units__unit__pk__in=[2**64]).exists()
