"""The units named in the draft: the owner checks the matches, chooses others, or creates a unit
the commune does not have yet."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.intake.models import PlanDraft
from xaso.intake.tests.conftest import commune_plan_text
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_the_screen_lists_each_name_with_its_matches(demo, read_draft, client_for):
    draft = read_draft()
    html = client_for(demo.thu).get(reverse("intake_draft_units", args=[draft.pk])).content.decode()
    assert "“Phòng Văn hóa - Xã hội xã” — khớp theo tên" in html
    assert "“Các trường học trên địa bàn xã” — khớp theo loại đơn vị, hãy kiểm tra" in html
    assert 'name="dv-1" value="ls-tt-th" checked' in html


def test_the_owner_chooses_units_for_a_name(demo, read_draft, client_for):
    draft = read_draft()
    response = client_for(demo.thu).post(
        reverse("intake_draft_units", args=[draft.pk]),
        {"version": draft.version, "dv-0": ["ls-tt-vhxh"], "dv-1": ["ls-tt-th", "ls-tt-vhxh"]},
    )
    assert response.status_code == 302
    entry = PlanDraft.objects.get(pk=draft.pk).unit_map["Các trường học trên địa bàn xã"]
    assert entry == {"units": ["ls-tt-th", "ls-tt-vhxh"], "how": "chosen", "kind": "", "chosen": True}


def test_a_unit_of_another_commune_cannot_be_chosen(demo, read_draft, client_for):
    draft = read_draft()
    response = client_for(demo.thu).post(
        reverse("intake_draft_units", args=[draft.pk]), {"version": draft.version, "dv-0": ["ls-hvt-vhxh"]}, follow=True
    )
    assert "Đơn vị “ls-hvt-vhxh” không thuộc xã của kế hoạch." in response.content.decode()
    assert PlanDraft.objects.get(pk=draft.pk).unit_map["Phòng Văn hóa - Xã hội xã"]["units"] == ["ls-tt-vhxh"]


def test_a_unit_named_by_the_plan_is_created_in_the_commune(demo, read_draft, client_for):
    text = commune_plan_text().replace("Các trường học trên địa bàn xã", "Trường Trung học cơ sở Tân Thanh")
    draft = read_draft(text)
    assert PlanDraft.objects.get(pk=draft.pk).unit_map["Trường Trung học cơ sở Tân Thanh"]["units"] == []
    response = client_for(demo.thu).post(
        reverse("intake_draft_units", args=[draft.pk]),
        {"version": draft.version, "create": "1", "new_name": "Trường Trung học cơ sở Tân Thanh", "new_kind": "school"},
        follow=True,
    )
    assert "Đã tạo đơn vị “Trường Trung học cơ sở Tân Thanh” trong Xã Tân Thanh." in response.content.decode()
    unit = OrgUnit.objects.get(name="Trường Trung học cơ sở Tân Thanh")
    assert (unit.kind, unit.commune.code, unit.code) == ("school", "ls-tt", "ls-tt-truong-trung-hoc-co-so-tan-thanh")
    entry = PlanDraft.objects.get(pk=draft.pk).unit_map["Trường Trung học cơ sở Tân Thanh"]
    assert entry["units"] == [unit.code]
    assert entry["chosen"]


def test_a_unit_without_a_name_or_of_a_kind_outside_a_commune_is_refused(demo, read_draft, client_for):
    draft = read_draft()
    client = client_for(demo.thu)
    url = reverse("intake_draft_units", args=[draft.pk])
    before = OrgUnit.objects.count()
    empty = client.post(
        url, {"version": draft.version, "create": "1", "new_name": " ", "new_kind": "school"}, follow=True
    )
    province = client.post(
        url, {"version": draft.version, "create": "1", "new_name": "Tỉnh X", "new_kind": "province"}, follow=True
    )
    assert "Trường này là bắt buộc." in empty.content.decode()
    assert "Hãy chọn một giá trị hợp lệ. province không nằm trong các lựa chọn." in province.content.decode()
    assert OrgUnit.objects.count() == before
