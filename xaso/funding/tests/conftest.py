from types import SimpleNamespace
from typing import Any

import pytest

from xaso.funding.models import BudgetLine
from xaso.funding.services import budget_line_save


@pytest.fixture
def lines(demo: Any) -> SimpleNamespace:
    """Two 2026 budget lines of xã Hoàng Văn Thụ's plan: 10 million from the state budget, 5 from sponsors."""
    state = budget_line_save(
        line=BudgetLine(
            plan=demo.plan, year=2026, source="state_budget", title="Chi KH, CN, ĐMST và CĐS 2026", amount=10_000_000
        )
    )
    sponsors = budget_line_save(
        line=BudgetLine(plan=demo.plan, year=2026, source="socialised", title="Tài trợ 2026", amount=5_000_000)
    )
    return SimpleNamespace(state=state, sponsors=sponsors)


@pytest.fixture
def task(demo: Any) -> Any:
    return demo.plan.tasks.get(code="NV-1.5")
