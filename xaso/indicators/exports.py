"""The dashboard's figures as tables, for XLSX (every table, one sheet each) and CSV (one table)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from xaso.documents.cells import append_row, csv_row
from xaso.indicators.selectors import Dashboard, ProvinceOverview


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[Any]]


@dataclass(frozen=True)
class Shown:
    """A cell that is a number or a date in the workbook, shown with `number_format`, and written
    as `text` in a CSV (where there is no format to carry it)."""

    value: Any
    number_format: str
    text: str


INTEGER = "#,##0"
DECIMAL = "#,##0.0"
PERCENT = "0.0%"
MONTH = "mm/yyyy"
# Points per line of wrapped 11-point text, as LibreOffice lays it out; it does not grow a row by itself.
LINE_HEIGHT = 15.0
# Characters of 11-point text that an A4 page holds across, upright; a wider sheet prints landscape.
PORTRAIT_WIDTH = 90


def month(year: int, month_value: int) -> Shown:
    """A month as a date (its first day), shown "01/2026": sortable and filterable as a date."""
    return Shown(dt.date(year, month_value, 1), MONTH, f"{month_value:02d}/{year}")


def _number(value: Any, *, unit: str = "") -> Any:
    """An indicator's value: a percentage (83.3 for "%") becomes the fraction 0.833 shown "83,3%"."""
    if value is None:
        return None
    if unit == "%":
        return Shown(float(value) / 100, PERCENT, f"{value}")
    if isinstance(value, int):
        return value
    return Shown(float(value), DECIMAL, f"{value}")


def dashboard_tables(dashboard: Dashboard) -> list[Table]:
    scope = dashboard.unit.name
    targets = Table(
        "muc-tieu",
        "Mục tiêu",
        [
            "Đơn vị",
            "Mã mục tiêu",
            "Chỉ số",
            "Kỳ tính",
            "Tử số",
            "Mẫu số",
            "Giá trị",
            "Đơn vị tính",
            "Mốc",
            "Trạng thái",
        ],
        [
            [
                scope,
                row.target.code,
                row.indicator.name,
                row.period.label,
                row.result.numerator,
                row.result.denominator,
                _number(row.result.value, unit=row.indicator.unit),
                row.indicator.unit,
                f"{row.milestone.year}: {row.milestone.label}" if row.milestone else "",
                row.status.label,
            ]
            for row in dashboard.targets
        ],
    )
    months = Table(
        "thang",
        "Theo tháng",
        ["Tháng", "Số hoạt động", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Lượt người tham dự", "Lượt xem, nghe"],
        [
            [
                month(m.year, m.month),
                c.activities,
                c.mass_media,
                c.schools,
                c.enterprises,
                c.participants,
                c.reach,
            ]
            for m, c in dashboard.months
            # The chart runs over the programme; the sheet is the period's, like every other sheet.
            if dashboard.period.contains(m)
        ],
    )
    units = Table(
        "don-vi",
        f"Đơn vị ({dashboard.period.label})",
        ["Mã đơn vị", "Đơn vị", "Số hoạt động", "Nhóm 1", "Nhóm 2", "Nhóm 3", "Lượt người tham dự", "Lượt xem, nghe"],
        [
            [
                r.unit.code,
                r.unit.name,
                r.counts.activities,
                r.counts.mass_media,
                r.counts.schools,
                r.counts.enterprises,
                r.counts.participants,
                r.counts.reach,
            ]
            for r in dashboard.units
        ],
    )
    idle = Table(
        "nhiem-vu",
        "Nhiệm vụ chưa có hoạt động",
        ["Mã nhiệm vụ", "Nhóm", "Nội dung"],
        [[t.code, t.group, t.text] for t in dashboard.idle_tasks],
    )
    counts = Table(
        "chi-so",
        f"Chỉ số hoạt động ({dashboard.period.label})",
        ["Đơn vị", "Chỉ số", "Giá trị"],
        [[scope, v.indicator.name, v.numerator] for v in dashboard.activity_values],
    )
    villages = Table(
        "to-cns",
        f"Tổ công nghệ số ({dashboard.period.label})",
        [
            "Mã thôn",
            "Thôn",
            "Thành viên",
            "Buổi hỗ trợ",
            "Hộ được hỗ trợ",
            "Hộ bán trên sàn TMĐT",
            "Hộ thanh toán không dùng tiền mặt",
            "Số liệu tháng",
        ],
        [
            [
                v.village.code,
                v.village.name,
                v.members,
                v.visits,
                v.households_helped,
                v.ecommerce,
                v.cashless,
                month(v.as_of.year, v.as_of.month) if v.as_of else "",
            ]
            for v in dashboard.villages
        ],
    )
    return [targets, months, units, idle, counts, *([villages] if dashboard.villages else [])]


def province_table(overview: ProvinceOverview) -> Table:
    headers = ["Mã xã", "Xã", "Số hoạt động", "Nhóm 1", "Nhóm 2", "Nhóm 3"]
    headers += [f"{code}: giá trị" for code in overview.target_codes]
    headers += [f"{code}: trạng thái" for code in overview.target_codes]
    rows = []
    for row in overview.rows:
        by_code = {t.target.code: t for t in row.targets}
        values = [
            _number(by_code[c].result.value, unit=by_code[c].indicator.unit) if c in by_code else None
            for c in overview.target_codes
        ]
        statuses = [by_code[c].status.label if c in by_code else "" for c in overview.target_codes]
        rows.append(
            [row.commune.code, row.commune.name, *[v.numerator for v in row.activity_values], *values, *statuses]
        )
    return Table("cac-xa", f"Các xã, năm {overview.year}", headers, rows)


def _shown_text(value: Any) -> str:
    if isinstance(value, Shown):
        return value.text
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{value:,}"
    return "" if value is None else str(value)


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """Every table on its sheet: numbers and percentages as numbers with their format, months as dates,
    the header frozen and bold, columns as wide as their content (wrapped beyond 50 characters), each
    row as tall as its wrapped text, since LibreOffice keeps the default height otherwise, and each
    sheet printed on A4 with all its columns on the page."""
    book = Workbook()
    book.remove(book.active)
    wrap = Alignment(wrap_text=True, vertical="top")
    for table in tables:
        sheet = book.create_sheet(table.title[:31].replace("/", "-"))
        append_row(sheet, table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.alignment = wrap
        widths = [
            max(
                10, min(50, max([*(len(w) for w in header.split()), *(len(_shown_text(r[i])) for r in table.rows)]) + 2)
            )
            for i, header in enumerate(table.headers)
        ]
        for row in table.rows:
            number = append_row(sheet, [v.value if isinstance(v, Shown) else v for v in row])
            for index, value in enumerate(row, start=1):
                cell = sheet.cell(row=number, column=index)
                cell.alignment = wrap
                if isinstance(value, Shown):
                    cell.number_format = value.number_format
                elif isinstance(value, int) and not isinstance(value, bool):
                    cell.number_format = INTEGER
        for number, row in enumerate([table.headers, *table.rows], start=1):
            lines = max(
                (math.ceil(len(_shown_text(value)) / (widths[i] - 1)) for i, value in enumerate(row)), default=1
            )
            sheet.row_dimensions[number].height = LINE_HEIGHT * max(1, lines)
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.freeze_panes = "A2"
        sheet.print_title_rows = "1:1"
        # Printed on A4, every column of a table on one page (LibreOffice otherwise prints Letter and
        # puts the right-hand columns on pages of their own, without the row they belong to).
        sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
        sheet.page_setup.orientation = "landscape" if sum(widths) > PORTRAIT_WIDTH else "portrait"
        sheet.page_setup.fitToWidth = 1
        sheet.page_setup.fitToHeight = 0
        sheet.sheet_properties.pageSetUpPr.fitToPage = True
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(table.headers))
    writer.writerows(csv_row(v.text if isinstance(v, Shown) else v for v in row) for row in table.rows)
    # A byte-order mark lets Excel open the file as UTF-8 (Vietnamese letters intact).
    return "\ufeff" + buffer.getvalue()
