"""The registries the indicators count against: people of units, villages, document and task lists."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.registers.models import GuidingDocument
from xaso.registers.services import (
    ERR_NOT_VILLAGE,
    guiding_document_put,
    person_create,
    science_task_put,
    village_profile_set,
)
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db


def unit(code):
    return OrgUnit.objects.get(code=code)


def test_a_person_belongs_to_the_commune_of_her_unit(demo):
    person = person_create(
        unit=unit("ls-hvt-thcs"), full_name="Hoàng Thị Huệ", category="public_employee", position="Giáo viên"
    )
    assert person.commune == unit("ls-hvt")


def test_it_refuses_a_person_with_an_unknown_category(demo):
    with pytest.raises(ValidationError) as error:
        person_create(unit=unit("ls-hvt-thcs"), full_name="Hoàng Thị Huệ", category="student")
    assert "category" in error.value.message_dict


def test_only_a_village_has_residents_and_loudspeakers(demo):
    profile = village_profile_set(unit=unit("ls-hvt-t-napan"), households=112, residents=468, has_loudspeaker=True)
    assert profile.commune == unit("ls-hvt")
    with pytest.raises(ValidationError) as error:
        village_profile_set(unit=unit("ls-hvt-thcs"), households=1, residents=1, has_loudspeaker=False)
    assert error.value.message_dict["unit"] == [ERR_NOT_VILLAGE.format(unit="Trường THCS Hoàng Văn Thụ")]


def test_a_village_profile_is_set_again_in_place(demo):
    village_profile_set(unit=unit("ls-hvt-t-napan"), households=112, residents=468, has_loudspeaker=True)
    profile = village_profile_set(unit=unit("ls-hvt-t-napan"), households=115, residents=470, has_loudspeaker=False)
    assert (profile.residents, profile.has_loudspeaker) == (470, False)
    assert unit("ls-hvt-t-napan").village_profile == profile


def test_the_document_list_is_keyed_by_number_within_a_commune(demo):
    commune = unit("ls-hvt")
    first = guiding_document_put(
        commune=commune, code="57-NQ/TW", issued_on=dt.date(2024, 12, 22), issuer="Bộ Chính trị", title="Nghị quyết"
    )
    again = guiding_document_put(
        commune=commune,
        code="57-NQ/TW",
        issued_on=dt.date(2024, 12, 22),
        issuer="Bộ Chính trị",
        title="Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    )
    assert again.pk == first.pk
    assert GuidingDocument.objects.count() == 1
    # Shown in choosers as a document cites it, with its type.
    assert str(again) == "Nghị quyết số 57-NQ/TW ngày 22/12/2024"


def test_a_science_task_cannot_end_before_it_starts(demo):
    with pytest.raises(ValidationError):
        science_task_put(commune=unit("ls-hvt"), code="ĐTCS.2026.01", title="Đề tài", start_year=2027, end_year=2026)
