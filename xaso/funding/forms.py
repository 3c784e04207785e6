"""Back-office forms of funding: choices limited to the communes whose funding the person keeps; every
save goes through funding.services (the budget check runs while the form validates, and again in the
database when it saves)."""

from __future__ import annotations

from typing import Any

from xaso.funding import selectors
from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import budget_line_problems, budget_line_save, spending_problems, spending_save
from xaso.outreach.forms import OneChoiceMixin, RulesMixin
from xaso.units.scoping import ScopedAdminForm


class BudgetLineForm(RulesMixin, OneChoiceMixin, ScopedAdminForm):
    rules = staticmethod(budget_line_problems)
    scoped_fields = {"plan": selectors.plans_fundable}
    preselect = ("plan",)

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.preselect_single()

    def save(self, commit: bool = True) -> BudgetLine:
        line: BudgetLine = super().save(commit=False)
        return budget_line_save(line=line) if commit else line


class SpendingForm(RulesMixin, ScopedAdminForm):
    rules = staticmethod(spending_problems)
    scoped_fields = {
        "line": selectors.budget_lines_writable,
        "task": selectors.tasks_fundable,
        "activity": selectors.activities_fundable,
    }

    def save(self, commit: bool = True) -> Spending:
        spending: Spending = super().save(commit=False)
        return spending_save(spending=spending, user=self.for_user) if commit else spending
