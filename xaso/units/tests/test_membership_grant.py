import pytest
from django.core.exceptions import ValidationError

from xaso.testing.factories import UserFactory, commune, province
from xaso.units.models import Role
from xaso.units.services import membership_grant


@pytest.mark.django_db
def test_it_refuses_a_province_viewer_inside_a_commune():
    xa = commune(province())
    with pytest.raises(ValidationError) as excinfo:
        membership_grant(user=UserFactory.create(), unit=xa, role=Role.PROVINCE_VIEWER)
    assert excinfo.value.message_dict["role"] == [
        "Vai trò “Cán bộ theo dõi cấp tỉnh” không gán được cho đơn vị loại “Xã”."
    ]


@pytest.mark.django_db
def test_it_grants_the_same_role_once():
    tinh = province()
    user = UserFactory.create()
    first = membership_grant(user=user, unit=tinh, role=Role.PROVINCE_VIEWER)
    again = membership_grant(user=user, unit=tinh, role=Role.PROVINCE_VIEWER)
    assert first.pk == again.pk
