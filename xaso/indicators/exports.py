"""The dashboard's figures as tables, for XLSX (every table, one sheet each) and CSV (one table)."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from xaso.documents.cells import append_row, csv_row
from xaso.indicators.selectors import Dashboard, ProvinceOverview


@dataclass
class Table:
    slug: str
    title: str
    headers: list[str]
    rows: list[list[Any]]


def _number(value: Any) -> Any:
    return float(value) if value is not None and not isinstance(value, int) else value


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
                _number(row.result.value),
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
                f"{m.month:02d}/{m.year}",
                c.activities,
                c.mass_media,
                c.schools,
                c.enterprises,
                c.participants,
                c.reach,
            ]
            for m, c in dashboard.months
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
                f"{v.as_of.month:02d}/{v.as_of.year}" if v.as_of else "",
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
        values = [_number(by_code[c].result.value) if c in by_code else None for c in overview.target_codes]
        statuses = [by_code[c].status.label if c in by_code else "" for c in overview.target_codes]
        rows.append(
            [row.commune.code, row.commune.name, *[v.numerator for v in row.activity_values], *values, *statuses]
        )
    return Table("cac-xa", f"Các xã, năm {overview.year}", headers, rows)


def to_xlsx(tables: Sequence[Table]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for table in tables:
        sheet = book.create_sheet(table.title[:31].replace("/", "-"))
        append_row(sheet, table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            append_row(sheet, row)
        for index, header in enumerate(table.headers, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = max(
                12, min(50, len(header) + 4)
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(csv_row(table.headers))
    writer.writerows(csv_row(row) for row in table.rows)
    # A byte-order mark lets Excel open the file as UTF-8 (Vietnamese letters intact).
    return "\ufeff" + buffer.getvalue()
