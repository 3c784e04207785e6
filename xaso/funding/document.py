"""The funding summary as blocks of a Decree 30 document: the funding section of every programme
report (hook `programme_report_sections`), for readers of the commune's funding only."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xaso.documents.api import Column, Paragraph, Section, Sheet, Table
from xaso.documents.sections import Contribution, ReportContext
from xaso.documents.wording import figure
from xaso.funding.models import dong
from xaso.funding.selectors import FundingSummary, funding_communes_readable, funding_summary

TABLE = "Kinh phí thực hiện theo nguồn (đồng)"


def funding_table(summary: FundingSummary, *, title: str) -> Table:
    rows: list[tuple[Any, ...]] = [
        (i, row.label, row.allocated, row.spent, row.remaining)
        for i, row in enumerate((r for r in summary.by_source if r.allocated or r.spent), start=1)
    ]
    rows.append((None, "Tổng cộng", summary.allocated, summary.spent, summary.remaining))
    return Table(
        title=title,
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Nguồn kinh phí", width=4.4),
            Column(title="Dự toán", width=1.6, kind="integer"),
            Column(title="Đã chi", width=1.6, kind="integer"),
            Column(title="Còn lại", width=1.6, kind="integer"),
        ),
        rows=tuple(rows),
        bold_rows=frozenset({len(rows) - 1}),
    )


def funding_section(summary: FundingSummary, *, table_title: str) -> Section:
    used = f"{summary.used_percent}%" if summary.used_percent is not None else "—"
    groups = "; ".join(f"nhóm {row.number}: {dong(row.spent)}" for row in summary.by_group) or "chưa có khoản chi"
    spendings = figure(summary.spendings)
    return Section(
        title="Kinh phí thực hiện",
        body=(
            Paragraph(
                text=(
                    f"Tổng dự toán được giao {dong(summary.allocated)}, đã chi {dong(summary.spent)} ({used}), còn lại "
                    f"{dong(summary.remaining)}, với {spendings} khoản chi. Theo nhóm nhiệm vụ: {groups}."
                )
            ),
            funding_table(summary, title=table_title),
        ),
    )


def funding_sections(*, context: ReportContext) -> Sequence[Contribution]:
    if not funding_communes_readable(user=context.user).filter(pk=context.commune.pk).exists():
        return []  # a reader without access to the commune's funding gets no funding section
    summary = funding_summary(user=context.user, commune=context.commune, start=context.start, end=context.end)
    return [
        Contribution(
            slot="funding",
            order=10,
            blocks=(funding_section(summary, table_title=TABLE),),
            annex=(
                Sheet(
                    title="Kinh phí",
                    heading=f"Kinh phí thực hiện {context.words}",
                    table=funding_table(summary, title=TABLE),
                ),
            ),
        )
    ]
