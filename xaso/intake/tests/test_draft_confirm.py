"""Confirming: the draft becomes the commune's plan through plan_import (the YAML import's path:
same models, revisions, all or nothing); every refusal says in Vietnamese what to fix."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import Revision

from xaso.intake import draft as d
from xaso.intake.models import DraftStatus, PlanDraft
from xaso.intake.services import DraftConfirmError, draft_change, draft_confirm
from xaso.intake.tests.conftest import commune_plan_text
from xaso.plans.document import dump_plan_yaml, parse_plan_yaml
from xaso.plans.models import Plan, Target, Task
from xaso.plans.services import plan_import, plan_to_document

pytestmark = pytest.mark.django_db


def confirm(client, draft):
    return client.post(reverse("intake_draft_confirm", args=[draft.pk]), {"version": draft.version})


def test_the_owner_confirms_and_the_commune_has_its_plan(demo, read_draft, client_for, tan_thanh):
    draft = read_draft()
    response = confirm(client_for(demo.thu), draft)
    assert response.status_code == 302
    plan = Plan.objects.get(commune=tan_thanh)
    assert (plan.code, plan.issued_on.isoformat(), plan.start_year, plan.end_year) == (
        "33/KH-UBND",
        "2025-08-23",
        2025,
        2030,
    )
    assert plan.targets.count() == 9
    assert [g.key for g in plan.task_groups.all()] == ["mass_media", "schools", "enterprises"]
    assert plan.tasks.count() == 17
    school_task = Task.objects.get(plan=plan, code="NV-2.1")
    assert [(link.unit.code, link.role) for link in school_task.task_units.all()] == [
        ("ls-tt-th", "lead"),
        ("ls-tt-vhxh", "coordinating"),
    ]
    # the same revisions as the YAML import: the plan, each target and each task
    assert Revision.objects.filter(object_id=str(plan.pk), content_type__model="plan").count() == 1
    assert (
        Revision.objects.filter(
            content_type__model="target", object_id__in=[str(t.pk) for t in plan.targets.all()]
        ).count()
        == 9
    )
    saved = PlanDraft.objects.get(pk=draft.pk)
    assert (saved.status, saved.plan, saved.confirmed_by) == (DraftStatus.CONFIRMED, plan, demo.thu)
    page = client_for(demo.thu).get(reverse("intake_draft", args=[draft.pk])).content.decode()
    assert "thành kế hoạch 33/KH-UBND của Xã Tân Thanh" in page


def test_the_confirmed_plan_is_what_the_yaml_import_of_its_export_makes(demo, read_draft, tan_thanh):
    draft = read_draft()
    plan = draft_confirm(draft=draft, user=demo.thu, version=draft.version).plan
    exported = dump_plan_yaml(plan_to_document(plan=plan))
    document, lines = parse_plan_yaml(exported)
    result = plan_import(document=document, user=demo.thu, lines=lines)
    assert result.plan == plan
    assert result.changes == []


def refused(draft, user) -> list[str]:
    with pytest.raises(DraftConfirmError) as caught:
        draft_confirm(draft=draft, user=user, version=PlanDraft.objects.get(pk=draft.pk).version)
    return caught.value.problems


def change(draft, user, fn):
    draft_change(
        draft=draft, user=user, version=PlanDraft.objects.get(pk=draft.pk).version, change=lambda p, m: fn(p, m)
    )


def test_a_unit_not_matched_yet_is_refused_with_where_to_fix_it(demo, read_draft, tan_thanh):
    draft = read_draft(
        commune_plan_text().replace("Các trường học trên địa bàn xã", "Trung tâm Văn hóa, Thể thao và Du lịch")
    )
    problems = refused(draft, demo.thu)
    line = draft.draft["task_groups"][1]["tasks"][0]["lines"][0]
    assert (
        f"Nhiệm vụ NV-2.1 (dòng {line}): đơn vị “Trung tâm Văn hóa, Thể thao và Du lịch” chưa khớp với đơn vị nào của xã. "
        "Hãy chọn đơn vị ở phần “Đơn vị trong kế hoạch”, tạo đơn vị mới, hoặc nhập danh sách đơn vị của xã trước."
    ) in problems
    assert not Plan.objects.filter(commune=tan_thanh).exists()
    assert PlanDraft.objects.get(pk=draft.pk).status == DraftStatus.READY


def test_a_target_the_plans_app_cannot_measure_is_refused(demo, read_draft, tan_thanh):
    draft = read_draft()

    def unknown(plan: d.Draft, _: dict) -> None:
        plan.targets[2].indicator = ""

    change(draft, demo.thu, unknown)
    problems = refused(draft, demo.thu)
    assert any(p.startswith("Mục tiêu 3 (dòng ") and "chưa chọn chỉ số đo" in p for p in problems)
    assert not Plan.objects.filter(commune=tan_thanh).exists()


def test_two_groups_of_one_kind_are_refused(demo, read_draft, tan_thanh):
    draft = read_draft()
    change(draft, demo.thu, lambda plan, _: setattr(plan.task_groups[2], "key", "schools"))
    assert (
        "Nhóm nhiệm vụ 2 và 3 cùng loại “Trường học”. Xã số theo dõi ba nhóm (truyền thông đại chúng, trường học, "
        "doanh nghiệp), mỗi loại một nhóm: hãy chọn loại khác cho một nhóm hoặc chuyển nhiệm vụ sang nhóm kia."
    ) in refused(draft, demo.thu)


def test_a_missing_number_and_date_are_refused(demo, read_draft):
    draft = read_draft(commune_plan_text().replace("Số: 33/KH-UBND", "Số:    /KH-UBND"))
    change(draft, demo.thu, lambda plan, _: setattr(plan.identity, "issued_on", ""))
    problems = refused(draft, demo.thu)
    assert (
        "Thông tin chung: văn bản chưa ghi số, ký hiệu (“/KH-UBND”); hãy ghi số của kế hoạch, ví dụ 12/KH-UBND."
        in problems
    )
    assert "Thông tin chung: chưa có ngày ban hành; hãy ghi ngày ký văn bản." in problems


def test_what_plan_import_refuses_comes_back_with_the_source_line(demo, read_draft, tan_thanh):
    draft = read_draft()

    def outside(plan: d.Draft, _: dict) -> None:
        plan.targets[0].milestones[0].year = 2031
        plan.targets[0].period = "2031"

    change(draft, demo.thu, outside)
    line = draft.draft["targets"][0]["lines"][0]
    problems = refused(draft, demo.thu)
    assert (
        f"Dòng {line}, trường plan.targets[1].period: giai đoạn phải nằm trong thời gian của kế hoạch (2025–2030)."
        in problems
    )
    assert not Plan.objects.filter(commune=tan_thanh).exists()
    assert not Target.objects.filter(plan__commune=tan_thanh).exists()


def test_the_screen_lists_the_refusals_and_keeps_the_draft(demo, read_draft, client_for, tan_thanh):
    draft = read_draft(commune_plan_text().replace("Số: 33/KH-UBND", "Số:    /KH-UBND"))
    response = confirm(client_for(demo.thu), draft)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Chưa xác nhận được: kế hoạch của xã không thay đổi." in html
    assert "văn bản chưa ghi số, ký hiệu" in html
    assert not Plan.objects.filter(commune=tan_thanh).exists()


def test_a_stale_confirmation_is_refused(demo, read_draft, tan_thanh, client_for):
    draft = read_draft()
    change(draft, demo.thu, lambda plan, _: None)
    response = confirm(client_for(demo.thu), draft)
    assert response.status_code == 400
    assert not Plan.objects.filter(commune=tan_thanh).exists()


@pytest.mark.parametrize("persona", ["hung", "quang", "lan"])
def test_only_the_communes_owner_confirms(demo, read_draft, client_for, tan_thanh, persona):
    from xaso.testing.factories import grant

    grant(demo.hung, tan_thanh, "leader")
    draft = read_draft()
    response = confirm(client_for(getattr(demo, persona)), draft)
    assert response.status_code in (302, 403, 404)
    assert not Plan.objects.filter(commune=tan_thanh).exists()
    assert PlanDraft.objects.get(pk=draft.pk).status == DraftStatus.READY


def test_a_confirmed_draft_cannot_be_confirmed_or_corrected_again(demo, read_draft, client_for):
    draft = read_draft()
    draft_confirm(draft=draft, user=demo.thu, version=draft.version)
    assert refused(draft, demo.thu) == ["Bản nháp chưa đọc xong hoặc đã được xác nhận; không sửa được nữa."]
    response = client_for(demo.thu).get(reverse("intake_draft_edit", args=[draft.pk]) + "?phan=chung")
    assert response.status_code == 302
