"""Back office › Báo cáo: the list of periods with their rates, opening a period, one period's units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xaso.reporting.models import PeriodKind, ReportingPeriod
from xaso.reporting.services import ERR_AD_HOC_DEADLINE, ERR_PERIOD_EXISTS
from xaso.reporting.tests.helpers import at, report_of, send, unit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 6, 10, 2, 0, tzinfo=dt.UTC), tick=False),
]
HOME = "/quan-tri/bao-cao/"
OPEN = "/quan-tri/bao-cao/mo-ky/"


def test_the_urls_are_vietnamese():
    assert reverse("reporting_home") == HOME
    assert reverse("reporting_open") == OPEN


def test_the_office_sees_each_period_with_its_rates_and_may_open_one(demo, half_year, client_for):
    send(report_of(half_year, "ls-hvt-thcs"), demo.mai, when=at(3))
    send(report_of(half_year, "ls-hvt-th"), demo.ha, when=at(8))
    page = client_for(demo.lan).get(HOME).text
    assert "Báo cáo 6 tháng đầu năm 2026" in page
    assert "9,1%" in page  # 2 of 22 sent
    assert "4,5%" in page  # 1 of 22 on time
    assert "Mở kỳ báo cáo" in page


def test_a_reporter_sees_her_units_report_to_write(demo, half_year, client_for):
    page = client_for(demo.mai).get(HOME).text
    assert "Báo cáo của đơn vị tôi" in page
    assert reverse("reporting_report", args=[report_of(half_year, "ls-hvt-thcs").pk]) in page
    assert reverse("reporting_report", args=[report_of(half_year, "ls-hvt-th").pk]) not in page
    assert "Mở kỳ báo cáo" not in page
    assert "Quá hạn 6 ngày" in page  # 10/06, last day on time 04/06


@pytest.mark.parametrize("persona", ["hung", "mai", "quang", "linh"])
def test_only_the_office_opens_periods(demo, client_for, persona):
    assert client_for(getattr(demo, persona)).get(OPEN).status_code in (302, 403)


def test_an_outsider_is_kept_out(demo, half_year, client_for):
    assert client_for(demo.outsider).get(HOME).status_code in (302, 403)
    assert client_for(demo.outsider).get(reverse("reporting_period", args=[half_year.pk])).status_code in (302, 403)


def test_the_office_opens_the_annual_report_from_the_form(demo, client_for):
    data = {
        "commune": unit("ls-hvt").pk,
        "kind": PeriodKind.YEAR,
        "year": 2026,
        "unit_kinds": ["school", "village"],
    }
    response = client_for(demo.lan).post(OPEN, data, follow=True)
    assert "Đã mở “Báo cáo năm 2026” và giao cho 8 đơn vị" in response.text
    assert ReportingPeriod.objects.get().reports.count() == 8


def test_the_form_says_what_is_wrong_and_keeps_the_input(demo, half_year, client_for):
    data = {"commune": unit("ls-hvt").pk, "kind": PeriodKind.HALF_YEAR, "year": 2026, "unit_kinds": ["school"]}
    response = client_for(demo.lan).post(OPEN, data)
    assert response.status_code == 200
    assert ERR_PERIOD_EXISTS.format(title="Báo cáo 6 tháng đầu năm 2026") in response.text
    data = {"commune": unit("ls-hvt").pk, "kind": PeriodKind.AD_HOC, "year": 2026, "title": "Báo cáo nhanh về Zalo"}
    response = client_for(demo.lan).post(OPEN, {**data, "questions": "Trang Zalo có bao nhiêu người theo dõi?"})
    assert ERR_AD_HOC_DEADLINE in response.text
    assert "Báo cáo nhanh về Zalo" in response.text
    assert ReportingPeriod.objects.count() == 1


def test_the_period_page_lists_units_with_state_and_timeliness(demo, half_year, client_for):
    send(report_of(half_year, "ls-hvt-thcs"), demo.mai, when=at(3))
    page = client_for(demo.hung).get(reverse("reporting_period", args=[half_year.pk])).text
    assert "Trường THCS Hoàng Văn Thụ" in page
    assert "Đã gửi, chờ duyệt" in page
    assert "Đúng hạn" in page
    assert "Quá hạn 6 ngày" in page  # 10/06, last day on time 04/06
    assert "Bỏ giao" not in page  # the leader reviews, the office assigns


def test_the_office_adds_and_removes_units(demo, client_for):
    from xaso.reporting.services import period_open
    from xaso.reporting.tests.helpers import OPENED_AT

    period = period_open(
        commune=unit("ls-hvt"), kind=PeriodKind.YEAR, year=2026, user=demo.lan, unit_kinds=["school"], now=OPENED_AT
    )
    client = client_for(demo.lan)
    page_url = reverse("reporting_period", args=[period.pk])
    client.post(page_url, {"action": "assign", "units": [unit("ls-hvt-kt").pk]})
    assert period.reports.filter(unit__code="ls-hvt-kt").exists()
    client.post(page_url, {"action": "unassign", "report": report_of(period, "ls-hvt-kt").pk})
    assert not period.reports.filter(unit__code="ls-hvt-kt").exists()
    response = client_for(demo.hung).post(page_url, {"action": "assign", "units": [unit("ls-hvt-kt").pk]})
    assert response.status_code in (302, 403)
    assert not period.reports.filter(unit__code="ls-hvt-kt").exists()


def test_another_communes_period_is_not_found(demo, half_year, client_for):
    assert client_for(demo.thu).get(reverse("reporting_period", args=[half_year.pk])).status_code == 404
