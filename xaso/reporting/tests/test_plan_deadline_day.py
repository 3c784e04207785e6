"""The plan (33/KH-UBND) asks for the half-year report "trước ngày 05 tháng 6": 04/6 is the last day on
time, and a report sent on 05/6 is late — in what the reporter reads, in the on-time rate and in the
words of the lists. The clock is pinned: the services take the moment from it, as in production."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from xaso.reporting.models import PeriodKind
from xaso.reporting.selectors import assignments_readable, reporting_rates, timeliness
from xaso.reporting.services import period_open, report_save, report_submit
from xaso.reporting.tests.helpers import FULL_TEXT, HANOI, OPENED_AT, report_of, unit

pytestmark = pytest.mark.django_db


def hanoi(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour, minute, tzinfo=HANOI)


def send_at(report, user, moment: dt.datetime):
    with time_machine.travel(moment, tick=False):
        saved = report_save(report=report, user=user, version=report.version, text=FULL_TEXT)
        return report_submit(report=saved, user=user, version=saved.version)


@pytest.fixture
def schools(demo):
    with time_machine.travel(OPENED_AT, tick=False):
        return period_open(
            commune=unit("ls-hvt"), kind=PeriodKind.HALF_YEAR, year=2026, user=demo.lan, unit_kinds=["school"]
        )


def test_the_last_evening_before_the_plans_day_is_on_time_and_the_plans_day_is_late(demo, schools):
    assert schools.deadline == dt.date(2026, 6, 4)
    send_at(report_of(schools, "ls-hvt-thcs"), demo.mai, hanoi(4, 23, 50))
    send_at(report_of(schools, "ls-hvt-th"), demo.ha, hanoi(5, 7, 30))  # the plan's "05 tháng 6"

    on_time, late = report_of(schools, "ls-hvt-thcs"), report_of(schools, "ls-hvt-th")
    assert (on_time.on_time, late.on_time) == (True, False)
    assert timeliness(on_time, today=dt.date(2026, 6, 10)) == "Đúng hạn"
    assert timeliness(late, today=dt.date(2026, 6, 10)) == "Muộn 1 ngày"
    rates = reporting_rates(reports=assignments_readable(user=demo.lan), by="period", today=dt.date(2026, 6, 10))
    assert (rates[schools.pk].actual, rates[schools.pk].on_time) == (2, 1)


def test_the_reporter_reads_the_last_day_on_time(demo, schools, client_for):
    with time_machine.travel(hanoi(1, 9), tick=False):
        page = client_for(demo.mai).get(reverse("reporting_report", args=[report_of(schools, "ls-hvt-thcs").pk]))
    assert "hết ngày 04/06/2026" in page.text
    assert "05/06/2026" not in page.text
