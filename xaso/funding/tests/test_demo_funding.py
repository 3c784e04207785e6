"""The demo funding: loaded once, never twice, never in the future, every line within its amount."""

import datetime as dt

import pytest
from django.db.models import Sum

from xaso.funding.demo import load_funding
from xaso.funding.models import BudgetLine, Spending
from xaso.outreach.demo import load_outreach

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def test_the_demo_loads_once_and_every_line_adds_up(demo):
    load_outreach(lambda _: None)
    load_funding(lambda _: None)
    first = (BudgetLine.objects.count(), Spending.objects.count())
    assert first == (6, 11)
    load_funding(lambda _: None)
    assert (BudgetLine.objects.count(), Spending.objects.count()) == first
    for line in BudgetLine.objects.all():
        assert line.spent == (line.spendings.aggregate(total=Sum("amount"))["total"] or 0)
        assert line.spent <= line.amount
    assert not Spending.objects.filter(date__gt=dt.date(2026, 11, 20)).exists()
    assert Spending.objects.exclude(activity=None).filter(activity__kind="showcase").exists()
