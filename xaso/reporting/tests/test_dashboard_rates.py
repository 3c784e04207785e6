"""The programme dashboard shows the reporting rate and the on-time rate: the commune's for the office,
the unit's own for a unit's reporter."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from xaso.reporting.models import UnitReport
from xaso.reporting.selectors import Rates, rates_total, reporting_rates

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("indicators_dashboard")


def panel(html: str) -> str:
    match = re.search(r'<section aria-labelledby="h-bao-cao" id="reporting-rates">(.*?)</section>', html, re.S)
    assert match, "no reporting panel"
    return match.group(1)


def test_the_office_sees_the_communes_rates(demo, cycle, client_for):
    rates = rates_total(reporting_rates(reports=UnitReport.objects.all(), by="period", today=dt.date(2026, 6, 9)))
    assert (rates.actual, rates.on_time) == (3, 2)
    html = panel(client_for(demo.lan).get(DASHBOARD).content.decode())
    assert f'<strong data-role="reporting-rate">{rates.reporting_rate_display}</strong>' in html
    assert f'<strong data-role="on-time-rate">{rates.on_time_rate_display}</strong>' in html
    assert f"({rates.actual}/{rates.expected} báo cáo đã gửi)" in html
    assert "Báo cáo 6 tháng đầu năm 2026" in html


def test_a_reporter_sees_her_units_rates(demo, cycle, client_for):
    html = panel(client_for(demo.ha).get(DASHBOARD).content.decode())
    assert "Tình hình báo cáo của đơn vị" in html
    assert '<strong data-role="reporting-rate">100%</strong>' in html
    assert '<strong data-role="on-time-rate">0%</strong>' in html  # the primary school sent late


def test_without_any_period_there_is_no_panel(demo, client_for):
    html = client_for(demo.lan).get(DASHBOARD).content.decode()
    assert 'id="reporting-rates"' not in html
    assert Rates().reporting_rate_display == "—"
