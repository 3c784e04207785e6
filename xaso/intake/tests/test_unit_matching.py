"""Unit names as plans write them meet the commune's units: accents, case and office
abbreviations do not matter; a name for a kind of units stands for all of them."""

from __future__ import annotations

import pytest

from xaso.intake.units import name_key, units_match
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("written", "unit"),
    [
        ("Phòng VH-XH", "Phòng Văn hóa - Xã hội"),
        ("phong van hoa - xa hoi xa", "Phòng Văn hóa - Xã hội"),
        ("PHÒNG VĂN HÓA - XÃ HỘI", "Phòng Văn hóa - Xã hội"),
        ("Phòng VHXH xã Hoàng Văn Thụ", "Phòng Văn hóa - Xã hội"),
        ("Văn phòng HĐND và UBND xã", "Văn phòng HĐND và UBND xã"),
        ("Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã", "Văn phòng HĐND và UBND xã"),
        ("Trường Trung học cơ sở Hoàng Văn Thụ", "Trường THCS Hoàng Văn Thụ"),
        ("UBMTTQ xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
        ("Hội CCB", "Hội Cựu chiến binh xã"),
        ("Đoàn Thanh niên", "Đoàn Thanh niên Cộng sản Hồ Chí Minh xã"),
    ],
)
def test_written_names_match_the_unit(demo, written, unit):
    commune = OrgUnit.objects.get(code="ls-hvt")
    units = list(OrgUnit.objects.filter(commune=commune).exclude(pk=commune.pk))
    match = units_match([written], units=units, commune=commune)[written]
    assert [OrgUnit.objects.get(code=c).name for c in match.codes] == [unit]


def test_a_name_for_a_kind_of_units_stands_for_every_unit_of_that_kind(demo):
    commune = OrgUnit.objects.get(code="ls-hvt")
    units = list(OrgUnit.objects.filter(commune=commune).exclude(pk=commune.pk))
    matches = units_match(["Các trường học trên địa bàn xã", "Các thôn"], units=units, commune=commune)
    assert matches["Các trường học trên địa bàn xã"].how == "kind"
    assert set(matches["Các trường học trên địa bàn xã"].codes) == {"ls-hvt-mn", "ls-hvt-th", "ls-hvt-thcs"}
    assert len(matches["Các thôn"].codes) == 5


def test_an_unknown_name_is_proposed_for_creation_with_the_kind_its_words_suggest(demo):
    commune = OrgUnit.objects.get(code="ls-tt")
    units = list(OrgUnit.objects.filter(commune=commune).exclude(pk=commune.pk))
    matches = units_match(["Trường Mầm non Tân Thanh", "Hội Nông dân xã", "Trạm Y tế xã"], units=units, commune=commune)
    assert [(m.codes, m.how, m.proposed_kind) for m in matches.values()] == [
        ((), "none", "school"),
        ((), "none", "organisation"),
        ((), "none", "office"),
    ]


def test_keys_fold_accents_abbreviations_and_the_communes_own_name():
    assert name_key("Phòng VH-XH", commune_name="Xã Tân Thanh") == name_key(
        "Phòng Văn hóa - Xã hội xã Tân Thanh", commune_name="Xã Tân Thanh"
    )
