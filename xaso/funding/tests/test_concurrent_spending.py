"""Two spendings saved at the same moment on one budget line: together they would pass it, so one of
them is refused, and the line's total is exactly what was saved.

Each thread has its own database connection and transaction; a barrier releases them together. On
PostgreSQL both pass the application's check, the second UPDATE of the line waits for the first to
commit, then the database's check constraint refuses it: the service says so in Vietnamese. SQLite's
in-memory test database cannot make a writer wait; there the second may instead be told the server
is busy — in Vietnamese too, with nothing written.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import ERR_BUSY, spending_save

pytestmark = pytest.mark.django_db(transaction=True)


def _together(line: BudgetLine, task: Any, amounts: list[int]) -> list[Any]:
    barrier = threading.Barrier(len(amounts))
    outcomes: list[Any] = []

    def run(amount: int) -> None:
        try:
            barrier.wait(timeout=10)
            spending = Spending(
                line_id=line.pk, task_id=task.pk, date=dt.date(2026, 5, 4), amount=amount, description=f"Chi {amount}"
            )
            outcomes.append(spending_save(spending=spending))
        except ValidationError as error:
            outcomes.append(error)
        except BaseException as error:  # reported in the test thread
            outcomes.append(("unexpected", error))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(amount,)) for amount in amounts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


@pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False)
def test_two_spendings_at_once_never_pass_the_line(lines, task):
    outcomes = _together(lines.state, task, [7_000_000, 6_000_000])

    assert not [o for o in outcomes if isinstance(o, tuple)], outcomes
    saved = [o for o in outcomes if isinstance(o, Spending)]
    refused = [o for o in outcomes if isinstance(o, ValidationError)]
    assert len(saved) == 1
    assert len(refused) == 1
    message = refused[0].messages[0]
    if connection.vendor == "postgresql":
        assert message.startswith("Khoản chi ")
        assert "vượt số còn lại của khoản dự toán" in message
    else:
        assert message == ERR_BUSY or "vượt số còn lại của khoản dự toán" in message
    line = BudgetLine.objects.get(pk=lines.state.pk)
    assert line.spent == saved[0].amount
    assert list(Spending.objects.values_list("amount", flat=True)) == [saved[0].amount]


@pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False)
def test_two_spendings_that_fit_together_are_both_saved(lines, task):
    outcomes = _together(lines.state, task, [4_000_000, 5_000_000])
    saved = [o for o in outcomes if isinstance(o, Spending)]
    line = BudgetLine.objects.get(pk=lines.state.pk)
    assert line.spent == sum(s.amount for s in saved)
    assert line.spent == sum(Spending.objects.values_list("amount", flat=True))
    if connection.vendor == "postgresql":
        assert len(saved) == 2


@pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False)
def test_the_database_refuses_what_the_application_check_let_through(lines, task):
    """A first spending is charged but not yet committed when the second is checked: the check reads the
    line as committed (nothing spent) and lets it through; the line's row then makes it wait, and the
    database's constraint refuses it once the first commits."""
    from django.db import transaction

    charged = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                spending_save(
                    spending=Spending(
                        line_id=lines.state.pk,
                        task_id=task.pk,
                        date=dt.date(2026, 5, 4),
                        amount=7_000_000,
                        description="A",
                    )
                )
                charged.set()
                threading.Event().wait(0.5)  # still uncommitted while the second one runs
        except BaseException as error:
            errors.append(error)
            charged.set()
        finally:
            connection.close()

    thread = threading.Thread(target=first)
    thread.start()
    assert charged.wait(timeout=10)
    with pytest.raises(ValidationError) as refused:
        spending_save(
            spending=Spending(line=lines.state, task=task, date=dt.date(2026, 5, 4), amount=6_000_000, description="B")
        )
    thread.join(timeout=30)
    assert not errors, errors
    if connection.vendor == "postgresql":
        assert "vượt số còn lại của khoản dự toán" in refused.value.messages[0]
        assert "đã chi 7.000.000 đồng" in refused.value.messages[0]
    else:
        assert refused.value.messages[0] == ERR_BUSY or "vượt số còn lại" in refused.value.messages[0]
    assert BudgetLine.objects.get(pk=lines.state.pk).spent == 7_000_000
    assert list(Spending.objects.values_list("description", flat=True)) == ["A"]
