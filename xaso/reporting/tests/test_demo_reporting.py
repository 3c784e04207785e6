"""The demo loader opens this year's annual report with one report approved, one waiting, one draft; once."""

from __future__ import annotations

import datetime as dt

import pytest

from xaso.reporting.demo import load_demo_reporting
from xaso.reporting.models import ReportingPeriod, ReportState, UnitReport

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def test_it_opens_the_annual_report_with_reports_at_each_stage_and_only_once(demo):
    load_demo_reporting(lambda _: None)
    load_demo_reporting(lambda _: None)
    (period,) = ReportingPeriod.objects.all()
    assert period.title == "Báo cáo năm 2026"
    states = dict(UnitReport.objects.filter(period=period).values_list("unit__code", "state"))
    assert states["ls-hvt-thcs"] == ReportState.APPROVED
    assert states["ls-hvt-t-napan"] == ReportState.SUBMITTED
    assert states["ls-hvt-kt"] == ReportState.DRAFT
