"""Who sees and changes which activities, in the selectors and in every back-office URL."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.activities.models import Activity
from xaso.activities.selectors import activities_readable, activities_writable
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

LIST = "wagtailsnippets_activities_activity:list"
INSPECT = "wagtailsnippets_activities_activity:inspect"
EDIT = "wagtailsnippets_activities_activity:edit"


@pytest.fixture
def logged(demo):
    def unit(code):
        return OrgUnit.objects.get(code=code)

    return {
        "thcs": activity(unit("ls-hvt-thcs"), title="Tọa đàm khoa học THCS", audience="schools"),
        "thcs_draft": activity(unit("ls-hvt-thcs"), title="Ngoại khóa THCS (nháp)", status="draft"),
        "th": activity(unit("ls-hvt-th"), title="Ngoại khóa Tiểu học"),
        "napan": activity(unit("ls-hvt-t-napan"), title="Họp thôn Nà Pàn", audience="residents"),
        "tt": activity(unit("ls-tt-th"), title="Hoạt động xã Tân Thanh"),
    }


def titles(queryset):
    return set(queryset.values_list("title", flat=True))


def test_a_school_reporter_sees_her_schools_activities_with_drafts_and_nothing_else(demo, logged):
    assert titles(activities_readable(user=demo.mai)) == {"Tọa đàm khoa học THCS", "Ngoại khóa THCS (nháp)"}
    assert titles(activities_writable(user=demo.mai)) == {"Tọa đàm khoa học THCS", "Ngoại khóa THCS (nháp)"}
    assert titles(activities_readable(user=demo.ha)) == {"Ngoại khóa Tiểu học"}


def test_the_culture_social_office_sees_and_changes_the_whole_commune_with_drafts(demo, logged):
    expected = {"Tọa đàm khoa học THCS", "Ngoại khóa THCS (nháp)", "Ngoại khóa Tiểu học", "Họp thôn Nà Pàn"}
    assert titles(activities_readable(user=demo.lan)) == expected
    assert titles(activities_writable(user=demo.lan)) == expected


def test_the_leader_reads_what_was_recorded_and_changes_nothing(demo, logged):
    assert titles(activities_readable(user=demo.hung)) == {
        "Tọa đàm khoa học THCS",
        "Ngoại khóa Tiểu học",
        "Họp thôn Nà Pàn",
    }
    assert not activities_writable(user=demo.hung).exists()


def test_the_province_viewer_reads_every_commune_and_changes_nothing(demo, logged):
    assert "Hoạt động xã Tân Thanh" in titles(activities_readable(user=demo.quang))
    assert "Ngoại khóa THCS (nháp)" not in titles(activities_readable(user=demo.quang))
    assert not activities_writable(user=demo.quang).exists()


def test_another_communes_office_and_the_outsider_see_nothing_here(demo, logged):
    assert titles(activities_readable(user=demo.thu)) == {"Hoạt động xã Tân Thanh"}
    assert not activities_readable(user=demo.outsider).exists()
    assert not activities_writable(user=demo.outsider).exists()


def test_the_list_shows_a_reporter_only_her_units_activities(demo, logged, client_for):
    response = client_for(demo.mai).get(reverse(LIST))
    assert response.status_code == 200
    assert "Tọa đàm khoa học THCS" in response.text
    assert "Ngoại khóa Tiểu học" not in response.text


def test_an_activity_outside_the_scope_answers_not_found(demo, logged, client_for):
    client = client_for(demo.ha)
    assert client.get(reverse(INSPECT, args=[logged["thcs"].pk])).status_code == 404
    assert client.get(reverse(EDIT, args=[logged["thcs"].pk])).status_code == 404


def test_the_leader_cannot_change_an_activity(demo, logged, client_for):
    client = client_for(demo.hung)
    assert client.get(reverse(INSPECT, args=[logged["napan"].pk])).status_code == 200
    response = client.post(reverse(EDIT, args=[logged["napan"].pk]), {"title": "Đổi tên"})
    assert response.status_code in (302, 403)
    assert Activity.objects.get(pk=logged["napan"].pk).title == "Họp thôn Nà Pàn"


def test_the_outsider_is_sent_to_the_login_page(demo, logged, client_for):
    response = client_for(demo.outsider).get(reverse(LIST))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_the_office_exports_the_commune_activities_as_csv_and_xlsx(demo, logged, client_for):
    client = client_for(demo.lan)
    csv = client.get(reverse(LIST) + "?export=csv")
    body = b"".join(csv.streaming_content).decode("utf-8") if csv.streaming else csv.content.decode("utf-8")
    assert "Tên hoạt động" in body
    assert "Họp thôn Nà Pàn" in body
    assert "Hoạt động xã Tân Thanh" not in body
    xlsx = client.get(reverse(LIST) + "?export=xlsx")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
