"""The units list and forms in the back office follow each person's scope."""

import pytest
from django.urls import reverse

from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db

LIST = "wagtailsnippets_units_orgunit:list"


def test_a_reporter_lists_only_her_own_unit(demo, client_for):
    response = client_for(demo.mai).get(reverse(LIST))
    assert response.status_code == 200
    assert "Trường THCS Hoàng Văn Thụ" in response.text
    assert "Trường Tiểu học Hoàng Văn Thụ" not in response.text


def test_a_reporter_cannot_open_another_schools_page(demo, client_for):
    other = OrgUnit.objects.get(code="ls-hvt-th")
    response = client_for(demo.mai).get(reverse("wagtailsnippets_units_orgunit:inspect", args=[other.pk]))
    assert response.status_code == 404


def test_the_programme_owner_adds_a_village_to_her_commune(demo, client_for):
    commune = OrgUnit.objects.get(code="ls-hvt")
    response = client_for(demo.lan).post(
        reverse("wagtailsnippets_units_orgunit:add"),
        {
            "parent": commune.pk,
            "name": "Thôn Bản Mới",
            "short_name": "",
            "code": "ls-hvt-t-banmoi",
            "kind": "village",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    village = OrgUnit.objects.get(code="ls-hvt-t-banmoi")
    assert village.get_parent() == commune
    assert village.commune == commune


def test_a_village_cannot_be_placed_under_a_school(demo, client_for):
    school = OrgUnit.objects.get(code="ls-hvt-thcs")
    client = client_for(demo.lan)
    response = client.post(
        reverse("wagtailsnippets_units_orgunit:add"),
        {"parent": school.pk, "name": "Thôn Sai", "code": "ls-hvt-t-sai", "kind": "village", "is_active": "on"},
    )
    assert response.status_code == 200
    assert not OrgUnit.objects.filter(code="ls-hvt-t-sai").exists()


def test_the_province_viewer_cannot_change_a_unit(demo, client_for):
    unit = OrgUnit.objects.get(code="ls-hvt-thcs")
    response = client_for(demo.quang).post(
        reverse("wagtailsnippets_units_orgunit:edit", args=[unit.pk]), {"name": "Đổi tên", "is_active": "on"}
    )
    # Wagtail answers a refused action by sending the person back to the dashboard.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    unit.refresh_from_db()
    assert unit.name == "Trường THCS Hoàng Văn Thụ"


def test_the_outsider_cannot_open_the_back_office(demo, client_for):
    response = client_for(demo.outsider).get(reverse("wagtailadmin_home"))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]
