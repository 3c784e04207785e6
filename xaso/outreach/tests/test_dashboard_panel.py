"""Schools and enterprises on the programme dashboard and in its downloads: the commune's figures with one
row per unit; a school's reporter sees their own school's clubs and events, an office's reporter their own
sessions and showcases; a village reporter and an outsider get none of it."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaso.outreach.models import Club, ClubSession, EnterpriseSession, SchoolEvent
from xaso.outreach.services import club_save, club_session_save, enterprise_session_save, school_event_save

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

PANEL = 'id="truong-hoc-doanh-nghiep"'


@pytest.fixture
def recorded(demo, units, robotics):
    science = club_save(club=Club(unit=units.th, name="Câu lạc bộ Em yêu khoa học", members_count=30))
    for club, day, pupils in ((robotics, 3, 20), (robotics, 17, 22), (science, 10, 28)):
        club_session_save(
            session=ClubSession(club=club, date=dt.date(2026, 10, day), topic="Lập trình robot", pupils=pupils)
        )
    school_event_save(
        event=SchoolEvent(
            unit=units.thcs,
            kind="contest",
            title="Cuộc thi Ý tưởng sáng tạo trẻ",
            date_start=dt.date(2026, 4, 2),
            pupils=150,
            entries=31,
            awards=6,
        )
    )
    enterprise_session_save(
        session=EnterpriseSession(
            unit=units.kt,
            title="Phổ biến chính sách chuyển đổi số cho hợp tác xã",
            date=dt.date(2026, 4, 9),
            enterprises=7,
            participants=15,
        )
    )
    return demo


def page(client, **query):
    return client.get(reverse("indicators_dashboard"), {"ky": "2026", **query})


def csv_rows(client, table, **query):
    response = client.get(reverse("indicators_export", args=["csv"]), {"ky": "2026", "bang": table, **query})
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_commune_gets_one_row_per_school_and_per_enterprise_side_unit(recorded, client_for, units):
    client = client_for(recorded.lan)
    body = page(client).content.decode()
    assert PANEL in body
    assert "<strong>2</strong>câu lạc bộ (54 học sinh)" in body
    assert "&amp;bang=truong-hoc" in body
    assert "&amp;bang=doanh-nghiep" in body

    schools = csv_rows(client, "truong-hoc")
    assert schools[0][:4] == ["Mã đơn vị", "Trường", "Câu lạc bộ", "Học sinh tham gia câu lạc bộ"]
    assert ["ls-hvt-thcs", units.thcs.name, "1", "24", "2", "42", "1", "0", "0", "150", "31", "6"] in schools
    assert ["ls-hvt-th", units.th.name, "1", "30", "1", "28", "0", "0", "0", "0", "0", "0"] in schools
    assert csv_rows(client, "doanh-nghiep")[1:] == [["ls-hvt-kt", units.kt.name, "1", "7", "15", "0", "0"]]

    book = load_workbook(io.BytesIO(client.get(reverse("indicators_export", args=["xlsx"]), {"ky": "2026"}).content))
    assert {"Trường học", "Doanh nghiệp"} <= set(book.sheetnames)
    assert [c.value for c in book["Doanh nghiệp"][2]][:3] == ["ls-hvt-kt", units.kt.name, 1]


def test_a_school_reporter_sees_their_own_school_only(recorded, client_for, units):
    client = client_for(recorded.mai)
    response = page(client)
    body = response.content.decode()
    assert response.context["dashboard"].unit == units.thcs
    assert PANEL in body
    assert "Câu lạc bộ, cuộc thi của trường" in body
    assert "<strong>1</strong>câu lạc bộ (24 học sinh)" in body
    assert "buổi phổ biến cho doanh nghiệp" not in body
    assert [row[0] for row in csv_rows(client, "truong-hoc")[1:]] == ["ls-hvt-thcs"]
    missing = client.get(reverse("indicators_export", args=["csv"]), {"ky": "2026", "bang": "doanh-nghiep"})
    assert missing.status_code == 404


def test_the_office_sees_the_same_school_panel_on_that_school_s_dashboard(recorded, client_for, units):
    body = page(client_for(recorded.lan), **{"don-vi": units.th.pk}).content.decode()
    assert "<strong>1</strong>câu lạc bộ (30 học sinh)" in body


def test_an_enterprise_side_reporter_sees_their_own_sessions(recorded, client_for, units):
    client = client_for(recorded.tuan)
    body = page(client).content.decode()
    assert "Phổ biến cho doanh nghiệp, mô hình điển hình của đơn vị" in body
    assert "<strong>1</strong>buổi phổ biến cho doanh nghiệp (7 lượt doanh nghiệp)" in body
    assert "câu lạc bộ (" not in body
    assert csv_rows(client, "doanh-nghiep")[1:] == [["ls-hvt-kt", units.kt.name, "1", "7", "15", "0", "0"]]


def test_a_village_reporter_and_an_outsider_get_no_outreach(recorded, client_for):
    body = page(client_for(recorded.son)).content.decode()
    assert PANEL not in body
    assert "bang=truong-hoc" not in body
    outsider = page(client_for(recorded.outsider))
    assert outsider.status_code == 302
    assert reverse("wagtailadmin_login") in outsider["Location"]
    download = client_for(recorded.outsider).get(reverse("indicators_export", args=["csv"]), {"bang": "truong-hoc"})
    assert download.status_code == 302
