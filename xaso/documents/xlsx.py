"""XLSX annexes (phụ lục số liệu) of a document, from the same Table model as the DOCX.

Cells keep their raw values (numbers stay numbers, fractions are formatted as percentages,
dates as dd/mm/yyyy) so that the Department can sum and filter; the header row is frozen and
repeated on every printed page, columns are sized to their content, and the sheet prints on A4.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from xaso.documents.cells import set_cell
from xaso.documents.model import Cell, Column, ColumnKind, Table
from xaso.vi.text import nfc

ERR_NO_SHEETS = "Phụ lục chưa có trang tính nào."
ERR_SHEET_TITLE = "Trang tính thứ {n} thiếu tên."
ERR_SHEET_DUPLICATE = "Hai trang tính trùng tên “{title}”."
ERR_NO_COLUMNS = "Trang tính “{title}” chưa có cột."
ERR_COLUMN_TITLE = "Trang tính “{title}”: cột thứ {col} thiếu tên."
ERR_ROW_LENGTH = "Trang tính “{title}”: dòng {row} có {got} ô, cần {want} ô."
ERR_CELL_KIND = "Trang tính “{title}”, dòng {row}, cột “{column}”: “{value}” không phải là {kind}."

FONT = "Times New Roman"
NUMBER_FORMATS: dict[ColumnKind, str] = {
    "text": "@",
    "integer": "#,##0",
    "decimal": "#,##0.##",
    "percent": "0.0%",
    "date": "dd/mm/yyyy",
}
KIND_NAMES: dict[ColumnKind, str] = {
    "text": "chữ",
    "integer": "số nguyên",
    "decimal": "số",
    "percent": "tỷ lệ (số thập phân, ví dụ 0,85)",
    "date": "ngày",
}
MAX_SHEET_TITLE = 31  # Excel's limit
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_THIN = Side(style="thin", color="000000")
_GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


@dataclass(frozen=True, kw_only=True)
class Sheet:
    title: str  # the tab name; cut to 31 characters and cleared of []:*?/\
    table: Table
    heading: str = ""  # printed above the table: "Phụ lục 1. Kết quả thực hiện chỉ tiêu"
    landscape: bool = False


class AnnexError(ValueError):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


def sheet_title(title: str) -> str:
    return _FORBIDDEN.sub("-", nfc(title).strip())[:MAX_SHEET_TITLE].strip()


def xlsx_annex(*, sheets: list[Sheet] | tuple[Sheet, ...]) -> bytes:
    """An XLSX workbook with one formatted sheet per table; raises AnnexError (Vietnamese)."""
    problems = _problems(sheets)
    if problems:
        raise AnnexError(problems)
    workbook = Workbook()
    workbook.remove(workbook.active)
    for sheet in sheets:
        _write_sheet(workbook.create_sheet(sheet_title(sheet.title)), sheet)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _problems(sheets: list[Sheet] | tuple[Sheet, ...]) -> list[str]:
    if not sheets:
        return [ERR_NO_SHEETS]
    problems: list[str] = []
    seen: set[str] = set()
    for n, sheet in enumerate(sheets, start=1):
        title = sheet_title(sheet.title)
        if not title:
            problems.append(ERR_SHEET_TITLE.format(n=n))
        elif title.casefold() in seen:
            problems.append(ERR_SHEET_DUPLICATE.format(title=title))
        seen.add(title.casefold())
        columns = sheet.table.columns
        if not columns:
            problems.append(ERR_NO_COLUMNS.format(title=title))
            continue
        for col, column in enumerate(columns, start=1):
            if not column.title.strip():
                problems.append(ERR_COLUMN_TITLE.format(title=title, col=col))
        for row, cells in enumerate(sheet.table.rows, start=1):
            if len(cells) != len(columns):
                problems.append(ERR_ROW_LENGTH.format(title=title, row=row, got=len(cells), want=len(columns)))
                continue
            for column, value in zip(columns, cells, strict=True):
                if not _fits(value, column.kind):
                    problems.append(
                        ERR_CELL_KIND.format(
                            title=title, row=row, column=column.title, value=value, kind=KIND_NAMES[column.kind]
                        )
                    )
    return problems


def _fits(value: Cell, kind: ColumnKind) -> bool:
    # Text is allowed in any column: "—" or "Chưa có số liệu" is an honest answer.
    if value is None or isinstance(value, str):
        return True
    if kind == "date":
        return isinstance(value, dt.date)
    if kind in ("integer", "decimal", "percent"):
        return isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    return True


def _write_sheet(ws: Worksheet, sheet: Sheet) -> None:
    table = sheet.table
    columns = table.columns
    row = 1
    if sheet.heading.strip():
        set_cell(ws.cell(row=1, column=1), nfc(sheet.heading.strip())).font = Font(name=FONT, size=13, bold=True)
        ws.cell(row=1, column=1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
        ws.row_dimensions[1].height = 36
        row = 3
    header_row = row
    for col, column in enumerate(columns, start=1):
        cell = set_cell(ws.cell(row=header_row, column=col), nfc(column.title))
        cell.font = Font(name=FONT, size=12, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _GRID
        cell.fill = _HEADER_FILL
    # One style object per kind of cell, shared: openpyxl hashes each new one, per cell that adds up.
    fonts = {bold: Font(name=FONT, size=12, bold=bold) for bold in (False, True)}
    aligns = {
        horizontal: Alignment(horizontal=horizontal, vertical="center", wrap_text=True)
        for horizontal in ("left", "center")
    }
    for index, values in enumerate(table.rows):
        font = fonts[index in table.bold_rows]
        for col, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
            cell = set_cell(ws.cell(row=header_row + 1 + index, column=col), _value(value))
            cell.font = font
            cell.border = _GRID
            cell.number_format = NUMBER_FORMATS[column.kind] if not isinstance(value, str) else "@"
            cell.alignment = aligns["left" if column.kind == "text" else "center"]
    for col, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = _width(column, [r[col - 1] for r in table.rows])
    # Scrolling keeps the header in view; printing repeats it on every page.
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    if table.note.strip():
        note = set_cell(ws.cell(row=header_row + len(table.rows) + 2, column=1), nfc(table.note.strip()))
        note.font = Font(name=FONT, size=11, italic=True)


def _value(value: Cell) -> str | int | float | Decimal | dt.date | None:
    return nfc(value) if isinstance(value, str) else value


def _width(column: Column, values: list[Cell]) -> float:
    """Characters wide: enough for the longest value (capped, text wraps) and the title's longest word."""
    longest = max((len(_shown(value, column.kind)) for value in values), default=0)
    title_word = max((len(word) for word in column.title.split()), default=0)
    return float(min(max(longest, title_word, 6) + 2, 60))


def _shown(value: Cell, kind: ColumnKind) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return "00/00/0000"
    if kind == "percent" and not isinstance(value, str):
        return f"{float(value) * 100:.1f}%"
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)
