"""Funding on the programme dashboard (hook `programme_dashboard_panels`): the commune's budget and
spending for the period, with its tables for the downloads. Funding is kept for the commune as a whole,
so it shows on the commune's dashboard, and only to those who read the commune's funding."""

from __future__ import annotations

from typing import Any

from xaso.funding.selectors import FundingSummary, funding_communes_readable, funding_summary
from xaso.indicators.exports import Table
from xaso.units.selectors import UserLike

SOURCES, GROUPS = "kinh-phi", "kinh-phi-nhom"


def _sources_table(summary: FundingSummary) -> Table:
    rows: list[list[Any]] = [
        [row.year, row.label, row.allocated, row.spent, row.remaining] for row in summary.by_year_source
    ]
    rows.append(["", "Tổng cộng", summary.allocated, summary.spent, summary.remaining])
    return Table(
        SOURCES,
        "Kinh phí theo nguồn",
        ["Năm", "Nguồn kinh phí", "Dự toán (đồng)", "Đã chi (đồng)", "Còn lại (đồng)"],
        rows,
    )


def _groups_table(summary: FundingSummary) -> Table:
    sources = summary.by_source
    return Table(
        GROUPS,
        "Kinh phí theo nhóm nhiệm vụ",
        ["Nhóm nhiệm vụ", "Số khoản chi", *(f"{s.label} (đồng)" for s in sources), "Tổng đã chi (đồng)"],
        [
            [
                f"{group.number}. {group.title}",
                group.spendings,
                *(group.spent_by_source.get(s.source, 0) for s in sources),
                group.spent,
            ]
            for group in summary.by_group
        ],
    )


def funding_panel(*, user: UserLike, dashboard: Any) -> dict[str, Any] | None:
    if not dashboard.is_commune or not funding_communes_readable(user=user).filter(pk=dashboard.commune.pk).exists():
        return None
    period = dashboard.period
    summary = funding_summary(user=user, commune=dashboard.commune, start=period.start, end=period.end)
    return {
        "template": "funding/admin/dashboard_panel.html",
        "summary": summary,
        "period": period,
        "tables": [_sources_table(summary), _groups_table(summary)],
    }
