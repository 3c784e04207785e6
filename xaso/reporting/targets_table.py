"""The table of the plan's targets against what the commune achieved, as a Decree 30 table block:
shared by the consolidated report (one year), the interim and final reviews (a span of years) and
the reviews' preview, so that all state the targets the same way. Each column says what it holds:
the year's targets ("Mục tiêu năm 2026") only when every row is that year's; otherwise the target
each row is judged against, with its year ("Mốc đánh giá")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from xaso.documents.api import Column, Paragraph, Table
from xaso.indicators.status import Status
from xaso.reporting.achieved import TargetResult

TARGETS_KEY = "targets"
NOTE = "Kết quả tổng hợp từ số liệu các đơn vị đã ghi nhận đến ngày chốt số liệu của kỳ."
NO_TARGETS = "Kế hoạch không đặt chỉ tiêu cho năm {year}."
JUDGED_TITLE = "Mốc đánh giá"
# The order in which a summary names the statuses, best first.
SUMMARY_WORDS = {
    Status.ACHIEVED: "{n} chỉ tiêu đã đạt",
    Status.ON_TRACK: "{n} chỉ tiêu đúng tiến độ",
    Status.AT_RISK: "{n} chỉ tiêu có nguy cơ chậm",
    Status.BEHIND: "{n} chỉ tiêu chậm, chưa đạt",
    Status.NOT_DUE: "{n} chỉ tiêu chưa đến năm đánh giá",
    Status.NO_DATA: "{n} chỉ tiêu chưa có dữ liệu để tính",
}


def judged_against(result: TargetResult) -> str:
    """ "ít nhất 80% (năm 2026)": the milestone a row is judged against, with its year."""
    return f"{result.milestone} (năm {result.milestone_year})" if result.milestone_year else result.milestone


def targets_table(
    results: Sequence[TargetResult],
    *,
    title: str,
    year: int,
    achieved_title: str = "Kết quả đạt được",
    end_year: int | None = None,
    note: str = NOTE,
) -> Table:
    """STT, target, the milestone judged against, [the plan's last year's target,] the result, the status."""
    one_year = all(r.milestone_year in (0, year) for r in results)
    with_end = end_year is not None and end_year != year
    rows: tuple[tuple[Any, ...], ...] = tuple(
        (
            i,
            r.text,
            r.milestone if one_year else judged_against(r),
            *((r.end_milestone or "—",) if with_end else ()),
            r.achieved,
            r.status,
        )
        for i, r in enumerate(results, start=1)
    ) or ((None, NO_TARGETS.format(year=year), "", *(("",) if with_end else ()), "", ""),)
    return Table(
        title=title,
        key=TARGETS_KEY,
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Chỉ tiêu", width=5 if not with_end else 4.2),
            Column(title=f"Mục tiêu năm {year}" if one_year else JUDGED_TITLE, width=1.7),
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
