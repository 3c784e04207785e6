"""The dates of periodic reports: the plan's deadlines by default, a province's own calendar otherwise."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.reporting.models import ERR_DAY, ERR_REMINDER_DAYS, PeriodKind, ReportingCalendar, parse_days
from xaso.reporting.schedule import calendar_for, periodic_dates
from xaso.reporting.tests.helpers import unit

pytestmark = pytest.mark.django_db


def test_without_a_province_calendar_the_plans_deadlines_apply(demo):
    calendar = calendar_for(commune=unit("ls-hvt"), plan=demo.plan)
    assert calendar.pk is None
    half = periodic_dates(calendar=calendar, kind=PeriodKind.HALF_YEAR, year=2026)
    assert (half.data_start, half.data_end, half.deadline) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 5, 31),
        dt.date(2026, 6, 4),  # the plan: "trước ngày 05 tháng 6"
    )
    assert half.title == "Báo cáo 6 tháng đầu năm 2026"
    year = periodic_dates(calendar=calendar, kind=PeriodKind.YEAR, year=2026)
    assert (year.data_start, year.data_end, year.deadline) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 12, 31),
        dt.date(2027, 1, 4),  # "trước ngày 05 tháng 01"
    )
    assert year.expires_on == dt.date(2027, 2, 3)  # 30 days after the deadline


def test_a_province_that_cuts_data_at_14_june_and_14_december_gets_its_own_dates(demo):
    ReportingCalendar.objects.create(
        province=unit("ls"),
        half_cutoff_month=6,
        half_cutoff_day=14,
        half_deadline_month=6,
        half_deadline_day=20,
        year_cutoff_month=12,
        year_cutoff_day=14,
        year_deadline_month=12,
        year_deadline_day=20,
        expiry_days=0,
    )
    calendar = calendar_for(commune=unit("ls-hvt"), plan=demo.plan)
    half = periodic_dates(calendar=calendar, kind=PeriodKind.HALF_YEAR, year=2026)
    assert (half.data_start, half.data_end, half.deadline, half.expires_on) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 6, 14),
        dt.date(2026, 6, 20),
        None,
    )
    year = periodic_dates(calendar=calendar, kind=PeriodKind.YEAR, year=2026)
    assert (year.data_start, year.data_end, year.deadline) == (
        dt.date(2025, 12, 15),
        dt.date(2026, 12, 14),
        dt.date(2026, 12, 20),
    )


def test_a_day_that_no_year_has_is_refused_in_vietnamese(demo):
    calendar = ReportingCalendar(province=unit("ls"), half_cutoff_month=6, half_cutoff_day=31)
    with pytest.raises(ValidationError) as error:
        calendar.full_clean()
    assert error.value.message_dict["half_cutoff_day"] == [ERR_DAY.format(day=31, month=6)]


def test_reminder_days_are_numbers_separated_by_commas(demo):
    assert parse_days("7, 1") == [7, 1]
    assert parse_days("1;7;7") == [7, 1]
    calendar = ReportingCalendar(province=unit("ls"), reminder_days="một tuần")
    with pytest.raises(ValidationError) as error:
        calendar.full_clean()
    assert error.value.message_dict["reminder_days"] == [ERR_REMINDER_DAYS]
