"""Export -> import of a plan reproduces it exactly."""

import pytest

from xaso.plans.demo import SEED_PLAN
from xaso.plans.document import dump_plan_yaml, parse_plan_yaml
from xaso.plans.models import Plan
from xaso.plans.services import plan_import, plan_to_document

pytestmark = pytest.mark.django_db


def seed_without_comments() -> str:
    return "".join(line for line in SEED_PLAN.read_text(encoding="utf-8").splitlines(True) if not line.startswith("#"))


def test_the_seed_file_is_what_exporting_the_loaded_seed_gives(demo):
    assert dump_plan_yaml(plan_to_document(plan=demo.plan)) == seed_without_comments()


def test_importing_an_export_into_an_empty_commune_recreates_the_plan(demo):
    exported = dump_plan_yaml(plan_to_document(plan=demo.plan))
    Plan.objects.all().delete()
    document, lines = parse_plan_yaml(exported)
    result = plan_import(document=document, user=demo.lan, lines=lines)
    assert result.created
    assert dump_plan_yaml(plan_to_document(plan=result.plan)) == exported


def test_reimporting_the_same_file_changes_nothing(demo):
    document, lines = parse_plan_yaml(SEED_PLAN.read_bytes())
    revisions_before = sum(t.revisions.count() for t in demo.plan.targets.all())
    result = plan_import(document=document, user=demo.lan, lines=lines)
    assert not result.created
    assert result.changes == []
    assert sum(t.revisions.count() for t in demo.plan.targets.all()) == revisions_before


def test_an_edited_file_updates_the_plan_in_place_and_records_who_changed_what(demo):
    task = demo.plan.tasks.get(code="NV-1.4")
    text = seed_without_comments().replace('"ls-hvt-doan"\n', '"ls-hvt-doan"\n', 1)
    document, lines = parse_plan_yaml(text.replace("Ít nhất 80% người dân", "Ít nhất 85% người dân"))
    result = plan_import(document=document, user=demo.lan, lines=lines)
    target = demo.plan.targets.get(code="MT-2028-2030-2")
    assert target.text.startswith("Ít nhất 85% người dân")
    assert [str(change) for change in result.changes] == [str(target)]
    assert target.revisions.latest("created_at").user == demo.lan
    # Tasks keep their identity, so what refers to them stays attached.
    assert demo.plan.tasks.get(code="NV-1.4").pk == task.pk
