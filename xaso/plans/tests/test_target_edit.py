"""Editing a target in the back office: who may, and every change kept as a revision."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

pytestmark = pytest.mark.django_db

EDIT = "wagtailsnippets_plans_target:edit"


def target_form(target, **changes):
    milestones = [
        {
            "id": m.pk,
            "year": m.year,
            "value": "" if m.value is None else str(m.value),
            "unit": m.unit,
            "comparison": m.comparison,
            "ORDER": str(index),
        }
        for index, m in enumerate(target.milestones.all(), start=1)
    ]
    data = {
        "plan": target.plan_id,
        "code": target.code,
        "sort_order": target.sort_order,
        "period_start": target.period_start,
        "period_end": target.period_end,
        "indicator": target.indicator,
        "text": target.text,
        "milestones": inline_formset(milestones, initial=len(milestones)),
    }
    data.update(changes)
    return nested_form_data(data)


def test_the_programme_owner_edits_a_milestone_and_a_revision_records_it(demo, client_for):
    target = demo.plan.targets.get(code="MT-2028-2030-2")
    client = client_for(demo.lan)
    data = target_form(target)
    data["milestones-0-value"] = "75"
    response = client.post(reverse(EDIT, args=[target.pk]), data)
    assert response.status_code == 302
    target.refresh_from_db()
    assert [m.label for m in target.milestones.all()] == ["ít nhất 75%", "ít nhất 80%", "ít nhất 80%"]
    revision = target.revisions.latest("created_at")
    assert revision.user == demo.lan
    assert revision.content["milestones"][0]["value"] == "75.00"
    history = client.get(reverse("wagtailsnippets_plans_target:history", args=[target.pk]))
    assert "Nguyễn Thị Lan" in history.text
    previous = target.revisions.order_by("created_at").first()
    compare = client.get(
        reverse("wagtailsnippets_plans_target:revisions_compare", args=[target.pk, previous.pk, revision.pk])
    )
    assert compare.status_code == 200
    assert "75" in compare.text


def test_a_qualitative_milestone_cannot_carry_a_value(demo, client_for):
    target = demo.plan.targets.get(code="MT-2025-1")
    data = target_form(target)
    data["milestones-0-value"] = "50"
    response = client_for(demo.lan).post(reverse(EDIT, args=[target.pk]), data)
    assert response.status_code == 200
    assert "Chỉ tiêu định tính không có giá trị số." in response.text
    target.refresh_from_db()
    assert target.milestones.get().value is None


def test_a_school_reporter_cannot_edit_a_target(demo, client_for):
    target = demo.plan.targets.get(code="MT-2025-2")
    response = client_for(demo.mai).post(reverse(EDIT, args=[target.pk]), target_form(target, text="Sửa trái phép"))
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    target.refresh_from_db()
    assert target.text.startswith("100% cán bộ")


def test_another_communes_owner_does_not_even_see_the_target(demo, client_for):
    target = demo.plan.targets.get(code="MT-2025-2")
    client = client_for(demo.thu)
    assert client.get(reverse(EDIT, args=[target.pk])).status_code == 404
    assert client.post(reverse(EDIT, args=[target.pk]), target_form(target, text="x")).status_code == 404
    listing = client.get(reverse("wagtailsnippets_plans_target:list"))
    assert "MT-2025-2" not in listing.text


def test_the_province_viewer_reads_targets_but_cannot_change_them(demo, client_for):
    target = demo.plan.targets.get(code="MT-2025-2")
    client = client_for(demo.quang)
    assert client.get(reverse("wagtailsnippets_plans_target:inspect", args=[target.pk])).status_code == 200
    response = client.post(reverse(EDIT, args=[target.pk]), target_form(target, text="x"))
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.text.startswith("100% cán bộ")
