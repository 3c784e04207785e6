"""Reporting rate and on-time rate as DHIS2 defines them: per period, per unit, per commune."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from xaso.reporting.models import PeriodKind
from xaso.reporting.selectors import Rates, assignments_readable, reporting_rates, timeliness
from xaso.reporting.services import period_open, report_approve, report_return
from xaso.reporting.tests.helpers import OPENED_AT, at, report_of, send, unit

pytestmark = pytest.mark.django_db
AFTER = dt.date(2026, 6, 10)


@pytest.fixture
def schools(demo):
    """Three schools owe the half-year report: one on time, one late, one returned for revision."""
    period = period_open(
        commune=unit("ls-hvt"),
        kind=PeriodKind.HALF_YEAR,
        year=2026,
        user=demo.lan,
        unit_kinds=["school"],
        now=OPENED_AT,
    )
    report_approve(report=send(report_of(period, "ls-hvt-thcs"), demo.lan, when=at(3)), user=demo.hung, now=at(4))
    send(report_of(period, "ls-hvt-th"), demo.ha, when=at(8))
    returned = send(report_of(period, "ls-hvt-mn"), demo.lan, when=at(4))
    report_return(report=returned, user=demo.hung, comment="Thiếu số liệu.", now=at(5))
    return period


def test_per_period_actual_over_expected_and_on_time_over_expected(demo, schools):
    rates = reporting_rates(reports=assignments_readable(user=demo.lan), by="period", today=AFTER)[schools.pk]
    assert rates == Rates(expected=3, actual=2, on_time=1, approved=1, overdue=1)
    assert rates.reporting_rate == Decimal("66.7")
    assert rates.on_time_rate == Decimal("33.3")
    assert (rates.reporting_rate_display, rates.on_time_rate_display) == ("66,7%", "33,3%")


def test_per_unit(demo, schools):
    rates = reporting_rates(reports=assignments_readable(user=demo.lan), by="unit", today=AFTER)
    assert rates[unit("ls-hvt-thcs").pk].on_time_rate == Decimal(100)
    assert rates[unit("ls-hvt-th").pk] == Rates(expected=1, actual=1, on_time=0, approved=0, overdue=0)
    assert rates[unit("ls-hvt-mn").pk].reporting_rate == Decimal(0)


def test_per_commune_for_the_province(demo, schools):
    rates = reporting_rates(reports=assignments_readable(user=demo.quang), by="commune", today=AFTER)
    assert rates[unit("ls-hvt").pk].expected == 3
    assert reporting_rates(reports=assignments_readable(user=demo.mai), by="commune", today=AFTER)[
        unit("ls-hvt").pk
    ] == Rates(expected=1, actual=1, on_time=1, approved=1, overdue=0)


def test_no_expected_report_gives_no_rate_rather_than_zero():
    assert Rates().reporting_rate is None
    assert Rates().on_time_rate_display == "—"


def test_timeliness_in_words(demo, schools):
    assert timeliness(report_of(schools, "ls-hvt-thcs"), today=AFTER) == "Đúng hạn"
    assert (
        timeliness(report_of(schools, "ls-hvt-th"), today=AFTER) == "Muộn 4 ngày"
    )  # sent 08/06, last day on time 04/06
    assert timeliness(report_of(schools, "ls-hvt-mn"), today=AFTER) == "Đúng hạn"
    other = period_open(
        commune=unit("ls-hvt"), kind=PeriodKind.YEAR, year=2026, user=demo.lan, unit_kinds=["school"], now=OPENED_AT
    )
    assert timeliness(report_of(other, "ls-hvt-th"), today=dt.date(2027, 1, 1)) == "Còn 3 ngày"
    assert timeliness(report_of(other, "ls-hvt-th"), today=dt.date(2027, 1, 4)) == "Hạn hôm nay"
    assert timeliness(report_of(other, "ls-hvt-th"), today=dt.date(2027, 1, 6)) == "Quá hạn 2 ngày"
