"""The table of the plan's targets against what the commune achieved, as a Decree 30 table block:
shared by the consolidated report (one year) and the interim and final reviews (a span of years),
so that both state the targets the same way."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from xaso.documents.api import Column, Paragraph, Table
from xaso.indicators.status import Status
from xaso.reporting.achieved import TargetResult

NOTE = (
    "Kết quả tính theo các chỉ số của Xã số (tử số, mẫu số theo danh sách cán bộ, văn bản, nhiệm vụ, dân số thôn "
    "và hoạt động đã ghi nhận) đến ngày chốt số liệu của kỳ."
)
NO_TARGETS = "Kế hoạch không đặt chỉ tiêu cho năm {year}."
# The order in which a summary names the statuses, best first.
SUMMARY_WORDS = {
    Status.ACHIEVED: "{n} chỉ tiêu đã đạt",
    Status.ON_TRACK: "{n} chỉ tiêu đúng tiến độ",
    Status.AT_RISK: "{n} chỉ tiêu có nguy cơ chậm",
    Status.BEHIND: "{n} chỉ tiêu chậm, chưa đạt",
    Status.NOT_DUE: "{n} chỉ tiêu chưa đến năm đánh giá",
    Status.NO_DATA: "{n} chỉ tiêu chưa có dữ liệu để tính",
}


def _milestone(result: TargetResult, year: int) -> str:
    """The milestone, naming its year when it is not the table's (a review's earlier or later targets)."""
    if result.milestone_year and result.milestone_year != year:
        return f"{result.milestone} (mốc năm {result.milestone_year})"
    return result.milestone


def targets_table(
    results: Sequence[TargetResult],
    *,
    title: str,
    year: int,
    achieved_title: str = "Kết quả đạt được",
    end_year: int | None = None,
    note: str = NOTE,
) -> Table:
    """STT, target, the year's milestone, [the plan's last year's milestone,] the result, the status."""
    with_end = end_year is not None and end_year != year
    rows: tuple[tuple[Any, ...], ...] = tuple(
        (i, r.text, _milestone(r, year), *((r.end_milestone or "—",) if with_end else ()), r.achieved, r.status)
        for i, r in enumerate(results, start=1)
    ) or ((None, NO_TARGETS.format(year=year), "", *(("",) if with_end else ()), "", ""),)
    return Table(
        title=title,
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Chỉ tiêu", width=5 if not with_end else 4.2),
            Column(title=f"Mục tiêu năm {year}", width=1.6),
            *((Column(title=f"Mục tiêu đến năm {end_year}", width=1.6),) if with_end else ()),
            Column(title=achieved_title, width=1.6),
            Column(title="Đánh giá", width=1.4),
        ),
        rows=rows,
        note=note,
    )


def targets_summary(results: Sequence[TargetResult], *, year: int, as_of: str) -> Paragraph:
    """ "Đến ngày 31/10/2026, trong 9 chỉ tiêu của Kế hoạch: 3 chỉ tiêu đã đạt, 2 chỉ tiêu đúng tiến độ…"."""
    if not results:
        return Paragraph(text=NO_TARGETS.format(year=year))
    counts = Counter(r.status_key for r in results)
    parts = [words.format(n=counts[status]) for status, words in SUMMARY_WORDS.items() if counts[status]]
    return Paragraph(text=f"Đến ngày {as_of}, trong {len(results)} chỉ tiêu của Kế hoạch: {', '.join(parts)}.")
