"""The plan's targets in every programme report (hook `programme_report_sections`): judged over the
report's period, the targets counted in activities on the report's own count (`context.counts`)."""

from __future__ import annotations

from collections.abc import Sequence

from xaso.documents.api import Sheet
from xaso.documents.sections import FINAL, INTERIM, Contribution, ReportContext
from xaso.reporting.achieved import TargetResult, target_results
from xaso.reporting.targets_table import targets_summary, targets_table
from xaso.vi.dates import date_numeric

YEAR_TITLE = "Kết quả thực hiện các chỉ tiêu năm {year}"
REVIEW_TITLE = "Kết quả thực hiện các chỉ tiêu của Kế hoạch"
REVIEW_NOTE = (
    "Kết quả tổng hợp từ số liệu các đơn vị đã ghi nhận {period}; mỗi chỉ tiêu được đánh giá so với mốc ghi ở "
    "cột “Mốc đánh giá”, tại ngày {end}."
)


def is_review(context: ReportContext) -> bool:
    return context.kind in (INTERIM, FINAL)


def report_target_results(*, context: ReportContext) -> list[TargetResult]:
    """The targets as the report states them (the reviews' closing sections cite them too)."""
    return target_results(
        plan=context.plan,
        period=context.judged,
        whole_plan=is_review(context),
        with_end_target=context.kind == FINAL,
        counts=context.counts,
    )


def target_sections(*, context: ReportContext) -> Sequence[Contribution]:
    results = report_target_results(context=context)
    year = context.end.year
    if is_review(context):
        table = targets_table(
            results,
            title=REVIEW_TITLE,
            year=year,
            achieved_title="Kết quả trong kỳ",
            end_year=context.plan.end_year if context.kind == FINAL else None,
            note=REVIEW_NOTE.format(period=context.words, end=date_numeric(context.end)),
        )
    else:
        year = getattr(context.judged, "year", year)
        table = targets_table(results, title=YEAR_TITLE.format(year=year), year=year)
    return [
        Contribution(
            slot="targets",
            order=10,
            blocks=(targets_summary(results, year=year, as_of=date_numeric(context.end)), table),
            annex=(
                Sheet(
                    title="Chỉ tiêu",
                    heading=f"{REVIEW_TITLE} {context.words}" if is_review(context) else table.title,
                    table=table,
                ),
            ),
        )
    ]
