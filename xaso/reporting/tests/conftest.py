"""A reporting period of the demo commune."""

from __future__ import annotations

from typing import Any

import pytest

from xaso.reporting.models import PeriodKind, ReportingPeriod
from xaso.reporting.services import period_open
from xaso.reporting.tests.helpers import OPENED_AT, unit


@pytest.fixture
def half_year(demo: Any) -> ReportingPeriod:
    """“Báo cáo 6 tháng đầu năm 2026” opened by the Culture–Social office for every unit of the commune."""
    return period_open(commune=unit("ls-hvt"), kind=PeriodKind.HALF_YEAR, year=2026, user=demo.lan, now=OPENED_AT)


@pytest.fixture
def cycle(demo: Any, half_year: ReportingPeriod) -> ReportingPeriod:
    """The half-year period after review: the lower secondary school, the primary school (late) and
    Nà Pàn approved; the Economic office returned for revision."""
    from xaso.reporting.tests.helpers import run_cycle

    run_cycle(demo, half_year)
    return half_year
