"""A province's administrator creates a commune from the national list of communes after the 2025
reorganisation (vietnam-provinces), or by hand when the list does not have it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.onboarding.communes import DATA_VERSION, wards_of
from xaso.onboarding.models import OnboardedCommune
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db
URL = reverse("onboarding_commune_new")


def test_the_list_is_the_provinces_communes_after_the_reorganisation():
    wards = wards_of("Tỉnh Lạng Sơn")
    assert len(wards) == 65
    assert "Xã Hoàng Văn Thụ" in {w.name for w in wards}
    assert DATA_VERSION >= "2025-07-01"
    assert wards_of("Tỉnh Không Có") == ()


def test_the_form_offers_the_communes_not_on_board_yet(demo, client_for):
    html = client_for(demo.hoa).get(URL).content.decode()
    assert "Xã Tân Tiến (mã" in html
    assert "Xã Hoàng Văn Thụ (mã" not in html  # already in Xã số


def test_a_commune_from_the_list(demo, client_for):
    ward = next(w for w in wards_of("Tỉnh Lạng Sơn") if w.name == "Xã Tân Tiến")
    province = OrgUnit.objects.get(code="ls")
    response = client_for(demo.hoa).post(URL, {"province": province.pk, "ward": ward.code})
    commune = OrgUnit.objects.get(name="Xã Tân Tiến")
    assert response.status_code == 302
    assert response["Location"] == reverse("onboarding_commune", args=[commune.pk])
    assert (commune.kind, commune.code, commune.get_parent(), commune.commune) == (
        "commune",
        "ls-tan-tien",
        province,
        commune,
    )
    record = OnboardedCommune.objects.get(commune=commune)
    assert (record.official_code, record.created_by) == (ward.code, demo.hoa)
    again = client_for(demo.hoa).post(URL, {"province": province.pk, "ward": ward.code})
    assert again.status_code == 400
    assert "Hãy chọn một giá trị hợp lệ." in again.content.decode()


def test_a_commune_by_hand(demo, client_for):
    province = OrgUnit.objects.get(code="ls")
    response = client_for(demo.hoa).post(URL, {"province": province.pk, "name": "Xã Bản Mới"})
    assert response.status_code == 302
    assert OnboardedCommune.objects.get(commune__name="Xã Bản Mới").official_code is None


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Hãy chọn xã trong danh mục hoặc nhập tên xã."),
        ("Tân Thanh mới", "Tên xã phải bắt đầu bằng “Xã”, “Phường” hoặc “Đặc khu”"),
        ("xã hoàng văn thụ", "Tỉnh Lạng Sơn đã có “xã hoàng văn thụ” trong Xã số."),
    ],
)
def test_bad_names_are_refused(demo, client_for, name, message):
    province = OrgUnit.objects.get(code="ls")
    before = OrgUnit.objects.count()
    response = client_for(demo.hoa).post(URL, {"province": province.pk, "name": name})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert OrgUnit.objects.count() == before


@pytest.mark.parametrize("persona", ["quang", "lan", "hung", "outsider"])
def test_only_a_provinces_administrator_creates_communes(demo, client_for, persona):
    province = OrgUnit.objects.get(code="ls")
    before = OrgUnit.objects.count()
    response = client_for(getattr(demo, persona)).post(URL, {"province": province.pk, "name": "Xã Bản Mới"})
    assert response.status_code in (302, 403, 404)
    assert OrgUnit.objects.count() == before
