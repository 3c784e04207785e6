import pytest
from django.core.exceptions import ValidationError

from xaso.testing.factories import commune, province
from xaso.units.models import UnitKind
from xaso.units.services import unit_create


@pytest.mark.django_db
def test_it_builds_the_province_commune_unit_tree():
    tinh = province()
    xa = commune(tinh)
    school = unit_create(code="truong", name="Trường THCS", kind=UnitKind.SCHOOL, parent=xa)
    assert school.get_parent() == xa
    assert school.commune == xa
    assert xa.commune == xa
    assert tinh.commune is None


@pytest.mark.django_db
def test_it_refuses_a_school_directly_under_the_province():
    tinh = province()
    with pytest.raises(ValidationError) as excinfo:
        unit_create(code="truong", name="Trường THCS", kind=UnitKind.SCHOOL, parent=tinh)
    assert "Không thể đặt trường học trực thuộc Tỉnh Thử." in excinfo.value.message_dict["kind"]


@pytest.mark.django_db
def test_it_refuses_a_root_that_is_not_a_province():
    with pytest.raises(ValidationError) as excinfo:
        unit_create(code="xa", name="Xã", kind=UnitKind.COMMUNE)
    assert excinfo.value.message_dict["kind"] == ["Chỉ cấp tỉnh mới là gốc của cây đơn vị."]


@pytest.mark.django_db
def test_it_refuses_a_duplicate_code():
    tinh = province()
    commune(tinh, code="xa")
    with pytest.raises(ValidationError) as excinfo:
        commune(tinh, code="xa", name="Xã khác")
    assert "code" in excinfo.value.message_dict
