"""A periodic report opened after its calendar deadline: the office is told, and chooses a new deadline
for every unit (the lock moves with it) or the calendar's dates — nothing is locked without warning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xaso.reporting.models import PeriodKind, ReportingPeriod
from xaso.reporting.services import ERR_NEW_DEADLINE, ERR_OPENED_LATE, ERR_OPENED_LATE_LOCKED
from xaso.reporting.tests.helpers import report_of, unit

# 20/7/2026 in Hà Nội: the half-year deadline (04/6) and its lock (04/7) have passed.
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 7, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]
OPEN = reverse("reporting_open")
DATA = {"kind": PeriodKind.HALF_YEAR, "year": 2026, "unit_kinds": ["school"]}


def test_the_office_is_warned_and_nothing_is_opened(demo, client_for):
    response = client_for(demo.lan).post(OPEN, {**DATA, "commune": unit("ls-hvt").pk})
    assert response.status_code == 200
    warning = ERR_OPENED_LATE.format(
        title="Báo cáo 6 tháng đầu năm 2026",
        deadline="04/06/2026",
        locked=ERR_OPENED_LATE_LOCKED.format(expires="04/07/2026"),
    )
    assert warning in response.text
    assert "Đặt hạn gửi mới" in response.text
    assert not ReportingPeriod.objects.exists()


def test_a_new_deadline_applies_to_every_unit_and_moves_the_lock(demo, client_for):
    data = {**DATA, "commune": unit("ls-hvt").pk, "late": "new_deadline", "deadline": "31/07/2026"}
    response = client_for(demo.lan).post(OPEN, data, follow=True)
    assert "Đã mở “Báo cáo 6 tháng đầu năm 2026”" in response.text
    period = ReportingPeriod.objects.get()
    assert (period.deadline, period.expires_on) == (dt.date(2026, 7, 31), dt.date(2026, 8, 30))
    report = report_of(period, "ls-hvt-thcs")
    assert report.may_be_edited_on(dt.date(2026, 7, 20))
    page = client_for(demo.mai).get(reverse("reporting_report", args=[report.pk])).text
    assert "hết ngày 31/07/2026" in page


def test_a_new_deadline_already_past_is_refused(demo, client_for):
    data = {**DATA, "commune": unit("ls-hvt").pk, "late": "new_deadline", "deadline": "10/07/2026"}
    response = client_for(demo.lan).post(OPEN, data)
    assert ERR_NEW_DEADLINE in response.text
    assert not ReportingPeriod.objects.exists()


def test_keeping_the_calendar_opens_it_as_the_calendar_says(demo, client_for):
    client_for(demo.lan).post(OPEN, {**DATA, "commune": unit("ls-hvt").pk, "late": "keep"})
    period = ReportingPeriod.objects.get()
    assert (period.deadline, period.expires_on) == (dt.date(2026, 6, 4), dt.date(2026, 7, 4))
    assert not report_of(period, "ls-hvt-thcs").may_be_edited_on(dt.date(2026, 7, 20))
