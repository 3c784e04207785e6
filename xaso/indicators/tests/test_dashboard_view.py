"""The programme dashboard: every target with its status, per persona, with downloads and explanations."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaso.indicators.status import Status
from xaso.registers.services import person_create
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

DASHBOARD = "indicators_dashboard"
STATUS_LABELS = {status.label for status in Status}


def unit(code):
    return OrgUnit.objects.get(code=code)


def test_every_target_of_the_seed_plan_shows_with_its_status(demo, client_for):
    activity(unit("ls-hvt-vhxh"), kind="commendation", date_start=dt.date(2026, 1, 20), title="Biểu dương năm 2025")
    response = client_for(demo.lan).get(reverse(DASHBOARD))
    assert response.status_code == 200
    dashboard = response.context["dashboard"]
    codes = list(demo.plan.targets.order_by("sort_order").values_list("code", flat=True))
    assert [row.target.code for row in dashboard.targets] == codes
    assert len(codes) == 9
    for row in dashboard.targets:
        assert f'data-target="{row.target.code}"' in response.text
        assert row.status.label in STATUS_LABELS
    statuses = {row.target.code: row.status for row in dashboard.targets}
    assert statuses["MT-2026-2"] == Status.ACHIEVED
    assert statuses["MT-2028-2030-2"] == Status.NOT_DUE
    assert statuses["MT-2025-2"] == Status.NO_DATA  # no people registered yet


def test_the_dashboard_shows_activities_units_and_neglected_tasks(demo, client_for):
    tasks = demo.plan.tasks.filter(code__in=["NV-1.3"])
    activity(
        unit("ls-hvt-t-napan"),
        kind="conference",
        title="Họp thôn về chuyển đổi số",
        tasks=tasks,
        audience="residents",
        participants=30,
        officials=0,
        residents=30,
    )
    response = client_for(demo.lan).get(reverse(DASHBOARD))
    assert "Họp thôn về chuyển đổi số" in response.text
    napan = next(row for row in response.context["dashboard"].units if row.unit.code == "ls-hvt-t-napan")
    assert (napan.counts.activities, napan.counts.mass_media) == (1, 1)
    idle = [task.code for task in response.context["dashboard"].idle_tasks]
    assert "NV-1.3" not in idle
    assert "NV-2.1" in idle
    assert len(idle) == 16
    # Column headings say what each group is, in the words the reports use.
    for heading in ("Nhóm 1 (truyền thông)", "Nhóm 2 (trường học)", "Nhóm 3 (doanh nghiệp)", "Lượt người tham gia"):
        assert f">{heading}<" in response.text
    assert "Người tham dự" not in response.text


def test_a_unit_reporter_gets_the_same_dashboard_for_her_own_unit_only(demo, client_for):
    client = client_for(demo.mai)
    response = client.get(reverse(DASHBOARD))
    assert response.status_code == 200
    assert response.context["dashboard"].unit.code == "ls-hvt-thcs"
    assert [u.code for u in response.context["unit_choices"]] == ["ls-hvt-thcs"]
    idle = {task.code for task in response.context["dashboard"].idle_tasks}
    assert idle == {f"NV-2.{n}" for n in range(1, 8)}
    for other in ("ls-hvt", "ls-hvt-th"):
        assert client.get(reverse(DASHBOARD), {"don-vi": unit(other).pk}).status_code == 404


def test_a_unit_sees_its_own_share_and_which_targets_are_the_communes(demo, client_for):
    school = unit("ls-hvt-thcs")
    teacher = person_create(unit=school, full_name="Hoàng Thị Huệ", category="public_employee")
    activity(school, kind="extracurricular", audience="schools", attendees=[teacher], participants=1, officials=1)
    dashboard = client_for(demo.mai).get(reverse(DASHBOARD)).context["dashboard"]
    statuses = {row.target.code: row for row in dashboard.targets}
    assert statuses["MT-2025-1"].status == Status.COMMUNE_ONLY
    assert statuses["MT-2028-2030-3"].status == Status.NOT_DUE
    assert dashboard.activity_values[0].numerator == 1


@pytest.mark.parametrize("persona", ["hung", "quang"])
def test_the_leader_and_the_province_read_the_commune_dashboard(demo, client_for, persona):
    response = client_for(getattr(demo, persona)).get(reverse(DASHBOARD), {"don-vi": unit("ls-hvt").pk})
    assert response.status_code == 200
    assert response.context["dashboard"].commune.code == "ls-hvt"


def test_another_communes_office_cannot_open_this_commune(demo, client_for):
    client = client_for(demo.thu)
    assert client.get(reverse(DASHBOARD), {"don-vi": unit("ls-hvt").pk}).status_code == 404
    response = client.get(reverse(DASHBOARD))
    assert response.context["dashboard"] is None
    assert "chưa có kế hoạch" in response.text


def test_the_outsider_is_sent_to_the_login_page(demo, client_for):
    response = client_for(demo.outsider).get(reverse(DASHBOARD))
    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_a_period_outside_the_programme_is_not_found(demo, client_for):
    assert client_for(demo.lan).get(reverse(DASHBOARD), {"ky": "2019"}).status_code == 404
    assert client_for(demo.lan).get(reverse(DASHBOARD), {"ky": "2026-1"}).status_code == 200


def test_the_figures_download_as_xlsx_and_csv(demo, client_for):
    activity(unit("ls-hvt-thcs"), title="Tọa đàm khoa học", audience="schools")
    client = client_for(demo.lan)
    xlsx = client.get(reverse("indicators_export", args=["xlsx"]), {"ky": "2026"})
    assert xlsx.status_code == 200
    book = load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames[:2] == ["Mục tiêu", "Theo tháng"]
    rows = list(book["Mục tiêu"].iter_rows(values_only=True))
    assert rows[0][:3] == ("Đơn vị", "Mã mục tiêu", "Chỉ số")
    assert [row[1] for row in rows[1:]] == list(demo.plan.targets.order_by("sort_order").values_list("code", flat=True))
    text = client.get(reverse("indicators_export", args=["csv"]), {"ky": "2026", "bang": "don-vi"}).content.decode()
    units = {row[0]: row for row in csv.reader(io.StringIO(text.lstrip("\ufeff")))}
    assert units["ls-hvt-thcs"][2] == "1"
    assert client.get(reverse("indicators_export", args=["csv"]), {"bang": "khong-co"}).status_code == 404


def test_the_indicator_page_explains_numerator_denominator_sources_and_period(demo, client_for):
    school = unit("ls-hvt-thcs")
    teacher = person_create(unit=school, full_name="Hoàng Thị Huệ", category="public_employee")
    person_create(unit=unit("ls-hvt-vp"), full_name="Vi Văn Thắng", category="civil_servant")
    activity(school, audience="schools", attendees=[teacher], participants=1, officials=1)
    response = client_for(demo.lan).get(reverse("indicators_detail", args=["officials_informed_pct"]), {"ky": "2026"})
    assert response.status_code == 200
    detail = response.context["detail"]
    assert (detail.result.numerator, detail.result.denominator, str(detail.result.value)) == (1, 2, "50.0")
    for text in (
        "Tử số",
        "Số cán bộ, công chức, viên chức, NLĐ đã được phổ biến",
        "Mẫu số",
        "Danh sách cán bộ của đơn vị",
        "Năm 2026: từ 01/01/2026 đến 31/12/2026",
        "MT-2025-2",
    ):
        assert text in response.text
    shares = {u.code: v.display for u, v in detail.by_unit}
    assert (shares["ls-hvt-thcs"], shares["ls-hvt-vp"], shares["ls-hvt-th"]) == ("100%", "0%", "—")
    assert client_for(demo.lan).get(reverse("indicators_detail", args=["khong-co"])).status_code == 404


def test_the_province_overview_lists_every_commune_for_the_province_viewer_only(demo, client_for):
    activity(unit("ls-hvt-thcs"), audience="schools")
    response = client_for(demo.quang).get(reverse("indicators_province"), {"nam": "2026"})
    assert response.status_code == 200
    rows = {row.commune.code: row for row in response.context["overview"].rows}
    assert set(rows) == {"ls-hvt", "ls-tt"}
    assert rows["ls-hvt"].activity_values[0].numerator == 1
    assert len(rows["ls-hvt"].targets) == 9
    assert rows["ls-tt"].plan is None
    export = client_for(demo.quang).get(reverse("indicators_province_export", args=["csv"]), {"nam": "2026"})
    assert "Xã Hoàng Văn Thụ" in export.content.decode()
    for persona in ("lan", "hung", "mai"):
        refused = client_for(getattr(demo, persona)).get(reverse("indicators_province"))
        # Wagtail answers a refused admin page by sending the person back to the dashboard.
        assert (refused.status_code, refused["Location"]) == (302, reverse("wagtailadmin_home"))
