"""Status against a milestone: achieved, on track, at risk, behind (pure rules, no database)."""

import datetime as dt
from decimal import Decimal

import pytest

from xaso.indicators.status import Status, evaluate
from xaso.plans.models import Milestone

YEAR = (dt.date(2026, 1, 1), dt.date(2026, 12, 31))


def at(value, milestone, today):
    start, end = YEAR
    return evaluate(value=value, milestone=milestone, start=start, end=end, today=today)


PERCENT = Milestone(year=2026, value=Decimal(100), unit="%", comparison="at_least")
ONE = Milestone(year=2026, value=Decimal(1), unit="hoạt động", comparison="at_least")
DONE = Milestone(year=2026, comparison="done")


@pytest.mark.parametrize(
    ("value", "milestone", "today", "status"),
    [
        (Decimal(100), PERCENT, dt.date(2026, 3, 1), Status.ACHIEVED),
        (Decimal(1), ONE, dt.date(2026, 1, 5), Status.ACHIEVED),
        (Decimal(85), PERCENT, dt.date(2026, 11, 20), Status.ON_TRACK),
        (Decimal(60), PERCENT, dt.date(2026, 11, 20), Status.AT_RISK),
        (Decimal(30), PERCENT, dt.date(2026, 11, 20), Status.BEHIND),
        (Decimal(0), ONE, dt.date(2026, 3, 1), Status.AT_RISK),
        (Decimal(0), ONE, dt.date(2026, 9, 1), Status.BEHIND),
        (Decimal(99), PERCENT, dt.date(2027, 1, 2), Status.BEHIND),
        (Decimal(100), DONE, dt.date(2026, 6, 1), Status.ACHIEVED),
        (Decimal(80), DONE, dt.date(2026, 6, 1), Status.ON_TRACK),
        (None, PERCENT, dt.date(2026, 6, 1), Status.NO_DATA),
        (Decimal(0), PERCENT, dt.date(2025, 12, 1), Status.NOT_DUE),
    ],
)
def test_it_places_a_value_against_its_milestone(value, milestone, today, status):
    assert at(value, milestone, today) == status
