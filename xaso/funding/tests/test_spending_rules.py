"""Spending is charged to its budget line, never beyond it; bad input is refused in Vietnamese and
nothing is written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.activities.services import activity_record
from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import (
    ERR_ACTIVITY_COMMUNE,
    ERR_AMOUNT_POSITIVE,
    ERR_BELOW_SPENT,
    ERR_DATE_FUTURE,
    ERR_DATE_YEAR,
    ERR_LINE_FIXED,
    ERR_LINE_HAS_SPENDINGS,
    ERR_OVER_BUDGET,
    ERR_TASK_PLAN,
    ERR_YEAR_OUTSIDE_PLAN,
    budget_line_delete,
    budget_line_save,
    spending_delete,
    spending_save,
)
from xaso.testing.factories import activity, small_plan
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def spend(line, task, amount, day=dt.date(2026, 5, 4), **more):
    return spending_save(
        spending=Spending(line=line, task=task, date=day, amount=amount, description="Sản xuất video", **more)
    )


def messages_of(error):
    return [m for ms in error.value.message_dict.values() for m in ms]


def test_a_spending_is_charged_to_its_line(lines, task):
    spending = spend(lines.state, task, 4_000_000)
    lines.state.refresh_from_db()
    assert lines.state.spent == 4_000_000
    assert lines.state.remaining == 6_000_000
    assert spending.commune_id == lines.state.commune_id


def test_spending_beyond_the_line_is_refused_and_nothing_is_written(lines, task):
    spend(lines.state, task, 7_000_000)
    with pytest.raises(ValidationError) as error:
        spend(lines.state, task, 3_500_000)
    assert error.value.message_dict["amount"] == [
        ERR_OVER_BUDGET.format(
            amount="3.500.000 đồng",
            line="Chi KH, CN, ĐMST và CĐS 2026",
            total="10.000.000 đồng",
            spent="7.000.000 đồng",
            remaining="3.000.000 đồng",
        )
    ]
    assert Spending.objects.count() == 1
    lines.state.refresh_from_db()
    assert lines.state.spent == 7_000_000


def test_exactly_what_remains_may_be_spent(lines, task):
    spend(lines.state, task, 7_000_000)
    spend(lines.state, task, 3_000_000)
    lines.state.refresh_from_db()
    assert lines.state.remaining == 0


def test_changing_a_spending_charges_only_the_difference(lines, task):
    spending = spend(lines.state, task, 6_000_000)
    spending.amount = 9_000_000
    spending_save(spending=spending)
    lines.state.refresh_from_db()
    assert lines.state.spent == 9_000_000
    spending.amount = 11_000_000
    with pytest.raises(ValidationError):
        spending_save(spending=spending)
    lines.state.refresh_from_db()
    assert lines.state.spent == 9_000_000
    assert Spending.objects.get().amount == 9_000_000


def test_moving_a_spending_to_another_line_moves_its_amount(lines, task):
    spending = spend(lines.state, task, 4_000_000)
    spending.line = lines.sponsors
    spending_save(spending=spending)
    lines.state.refresh_from_db()
    lines.sponsors.refresh_from_db()
    assert (lines.state.spent, lines.sponsors.spent) == (0, 4_000_000)


def test_deleting_a_spending_gives_its_amount_back(lines, task):
    spending = spend(lines.state, task, 4_000_000)
    spending_delete(spending=spending)
    lines.state.refresh_from_db()
    assert lines.state.spent == 0
    assert not Spending.objects.exists()


def test_the_database_itself_refuses_a_line_spent_beyond_its_amount(lines):
    from django.db import IntegrityError, transaction
    from django.db.models import F

    with pytest.raises(IntegrityError), transaction.atomic():
        BudgetLine.objects.filter(pk=lines.state.pk).update(spent=F("amount") + 1)


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"amount": 0}, "amount", ERR_AMOUNT_POSITIVE),
        ({"amount": -5}, "amount", ERR_AMOUNT_POSITIVE),
        ({"day": dt.date(2025, 12, 30)}, "date", ERR_DATE_YEAR.format(year=2026)),
        ({"day": dt.date(2026, 11, 21)}, "date", ERR_DATE_FUTURE),
    ],
)
def test_bad_amounts_and_dates_are_refused(lines, task, changes, field, message):
    amount = changes.pop("amount", 1_000_000)
    with pytest.raises(ValidationError) as error:
        spend(lines.state, task, amount, **({"day": changes["day"]} if "day" in changes else {}))
    assert message in error.value.message_dict[field]
    assert not Spending.objects.exists()


def test_a_task_or_an_activity_of_another_commune_is_refused(lines, task, demo):
    tan_thanh = OrgUnit.objects.get(code="ls-tt")
    other_plan = small_plan(tan_thanh)
    other_task = other_plan.tasks.first()
    other_activity = activity(OrgUnit.objects.get(code="ls-tt-vhxh"), tasks=[other_task], source="test:tt")
    with pytest.raises(ValidationError) as error:
        spend(lines.state, other_task, 1_000_000, activity=other_activity)
    assert ERR_TASK_PLAN.format(task=other_task.code) in error.value.message_dict["task"]
    assert ERR_ACTIVITY_COMMUNE.format(activity=other_activity.title) in error.value.message_dict["activity"]
    assert not Spending.objects.exists()


def test_an_activity_of_the_commune_may_be_named(lines, task, demo):
    recorded = activity_record(
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        kind="social_post",
        title="Video chuyển đổi số",
        date_start=dt.date(2026, 5, 2),
        tasks=[task],
        source="test:video",
    )
    spending = spend(lines.state, task, 2_000_000, activity=recorded)
    assert spending.activity == recorded


def test_a_budget_line_cannot_fall_below_what_was_spent_nor_change_year_once_spent(lines, task):
    spend(lines.state, task, 4_000_000)
    line = BudgetLine.objects.get(pk=lines.state.pk)
    line.amount = 3_000_000
    with pytest.raises(ValidationError) as error:
        budget_line_save(line=line)
    assert error.value.message_dict["amount"] == [ERR_BELOW_SPENT.format(spent="4.000.000 đồng")]
    line = BudgetLine.objects.get(pk=lines.state.pk)
    line.year = 2027
    with pytest.raises(ValidationError) as error:
        budget_line_save(line=line)
    assert ERR_LINE_FIXED in error.value.message_dict["year"]


def test_editing_a_line_keeps_the_spent_total_that_others_moved(lines, task):
    stale = BudgetLine.objects.get(pk=lines.state.pk)  # a form opened before the spending
    spend(lines.state, task, 4_000_000)
    stale.amount = 12_000_000
    budget_line_save(line=stale)
    lines.state.refresh_from_db()
    assert (lines.state.amount, lines.state.spent) == (12_000_000, 4_000_000)


def test_a_line_outside_the_plan_years_or_negative_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        budget_line_save(line=BudgetLine(plan=demo.plan, year=2031, source="integrated", title="X", amount=-1))
    assert ERR_YEAR_OUTSIDE_PLAN.format(year=2031, start=2025, end=2030) in error.value.message_dict["year"]
    assert error.value.message_dict["amount"]
    assert not BudgetLine.objects.exists()


def test_a_line_with_spendings_is_not_deleted(lines, task):
    spend(lines.state, task, 1_000_000)
    with pytest.raises(ValidationError) as error:
        budget_line_delete(line=lines.state)
    assert error.value.messages == [ERR_LINE_HAS_SPENDINGS.format(line=lines.state.title, count=1)]
    assert BudgetLine.objects.filter(pk=lines.state.pk).exists()


def test_deleting_the_activity_keeps_the_spending_without_the_link(lines, task):
    from xaso.activities.services import activity_delete_by_source

    recorded = activity_record(
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        kind="social_post",
        title="Video chuyển đổi số",
        date_start=dt.date(2026, 5, 2),
        tasks=[task],
        source="test:video",
    )
    spending = spend(lines.state, task, 2_000_000, activity=recorded)
    activity_delete_by_source(source="test:video")
    spending.refresh_from_db()
    assert spending.activity is None
    lines.state.refresh_from_db()
    assert lines.state.spent == 2_000_000
