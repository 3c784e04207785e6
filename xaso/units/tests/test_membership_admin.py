import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from xaso.units.models import Membership, OrgUnit

pytestmark = pytest.mark.django_db


def test_an_administrator_cannot_make_a_province_viewer_inside_a_commune(demo, client_for):
    admin = get_user_model().objects.get(username="quantri")
    response = client_for(admin).post(
        reverse("wagtailsnippets_units_membership:add"),
        {"user": demo.outsider.pk, "unit": OrgUnit.objects.get(code="ls-hvt-thcs").pk, "role": "province_viewer"},
    )
    assert response.status_code == 200
    assert "Vai trò “Cán bộ theo dõi cấp tỉnh” không gán được cho đơn vị loại “Trường học”." in response.text
    assert not Membership.objects.filter(user=demo.outsider).exists()


def test_the_programme_owner_reads_roles_but_cannot_grant_them(demo, client_for):
    client = client_for(demo.lan)
    assert client.get(reverse("wagtailsnippets_units_membership:list")).status_code == 200
    response = client.post(
        reverse("wagtailsnippets_units_membership:add"),
        {"user": demo.outsider.pk, "unit": OrgUnit.objects.get(code="ls-hvt-thcs").pk, "role": "reporter"},
    )
    assert response.status_code == 302
    assert not Membership.objects.filter(user=demo.outsider).exists()
