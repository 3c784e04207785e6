"""Schools and enterprises, and funding, on the programme dashboard and in its downloads: the commune's
figures for the period, funding only to those who read it and only on the commune's view."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaso.funding.models import Spending
from xaso.funding.selectors import SOURCE_LABELS
from xaso.funding.services import spending_save
from xaso.outreach.models import EnterpriseSession
from xaso.outreach.services import enterprise_session_save
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


@pytest.fixture
def recorded(demo, lines, task):
    spending_save(
        spending=Spending(line=lines.state, task=task, date=dt.date(2026, 5, 4), amount=4_000_000, description="Video")
    )
    enterprise_session_save(
        session=EnterpriseSession(
            unit=OrgUnit.objects.get(code="ls-hvt-kt"),
            title="Phổ biến chính sách chuyển đổi số cho hợp tác xã",
            date=dt.date(2026, 4, 9),
            enterprises=7,
            participants=15,
        )
    )
    return demo


def test_the_commune_dashboard_shows_schools_enterprises_and_funding(recorded, client_for):
    body = client_for(recorded.lan).get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
    assert 'id="truong-hoc-doanh-nghiep"' in body
    assert "buổi phổ biến cho doanh nghiệp (7 lượt doanh nghiệp)" in body
    assert 'id="kinh-phi"' in body
    assert "4.000.000" in body
    assert "15.000.000" in body


def test_the_leader_sees_funding_a_school_reporter_only_her_school_s_panel(recorded, client_for):
    body = client_for(recorded.hung).get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
    assert 'id="kinh-phi"' in body
    body = client_for(recorded.mai).get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
    assert 'id="kinh-phi"' not in body
    assert "Câu lạc bộ, cuộc thi của trường" in body
    assert "buổi phổ biến cho doanh nghiệp" not in body


def csv_rows(client, table, **query):
    response = client.get(reverse("indicators_export", args=["csv"]), {"ky": "2026", "bang": table, **query})
    return response.status_code, list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_downloads_carry_funding_by_source_and_by_task_group(recorded, client_for, task):
    client = client_for(recorded.lan)
    body = client.get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
    assert "&amp;bang=kinh-phi" in body
    status, rows = csv_rows(client, "kinh-phi")
    assert status == 200
    assert rows[0] == ["Năm", "Nguồn kinh phí", "Dự toán (đồng)", "Đã chi (đồng)", "Còn lại (đồng)"]
    assert ["2026", SOURCE_LABELS["state_budget"], "10000000", "4000000", "6000000"] in rows
    assert ["2026", SOURCE_LABELS["socialised"], "5000000", "0", "5000000"] in rows
    assert rows[-1] == ["", "Tổng cộng", "15000000", "4000000", "11000000"]
    status, groups = csv_rows(client, "kinh-phi-nhom")
    assert groups[1][0] == f"{task.group.number}. {task.group.title}"
    assert groups[1][1] == "1"
    assert groups[1][-1] == "4000000"
    book = load_workbook(io.BytesIO(client.get(reverse("indicators_export", args=["xlsx"]), {"ky": "2026"}).content))
    assert {"Kinh phí theo nguồn", "Kinh phí theo nhóm nhiệm vụ"} <= set(book.sheetnames)


def test_the_province_reads_the_funding_tables(recorded, client_for):
    status, rows = csv_rows(client_for(recorded.quang), "kinh-phi", **{"don-vi": recorded.plan.commune_id})
    assert status == 200
    assert rows[-1][1:] == ["Tổng cộng", "15000000", "4000000", "11000000"]


def test_unit_reporters_get_no_funding_and_a_unit_s_dashboard_shows_none(recorded, client_for):
    for person in (recorded.mai, recorded.tuan, recorded.son):
        client = client_for(person)
        body = client.get(reverse("indicators_dashboard"), {"ky": "2026"}).content.decode()
        assert 'id="kinh-phi"' not in body
        assert "bang=kinh-phi" not in body
        assert csv_rows(client, "kinh-phi")[0] == 404
    school = OrgUnit.objects.get(code="ls-hvt-thcs")
    body = client_for(recorded.lan).get(reverse("indicators_dashboard"), {"ky": "2026", "don-vi": school.pk})
    assert 'id="kinh-phi"' not in body.content.decode()
