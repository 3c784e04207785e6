"""xlsx_to_pdf prints a workbook as LibreOffice Calc does, and the print checks the annex and dashboard
tests rely on see what a reader would: a wrapped row left at its default height prints over the next
row, an unwrapped text next to a filled cell is cut."""

from __future__ import annotations

import io
import os
import stat

import pytest
from openpyxl import Workbook
from openpyxl.styles import Alignment

from xaso.documents import pdf as pdf_module
from xaso.documents.pdf import PdfConversionError, xlsx_to_pdf
from xaso.documents.tests.printing import cut_cells, overlapping_words, print_workbook

pytestmark = pytest.mark.libreoffice

TASK = (
    "Tổ chức phổ biến sâu rộng nội dung cơ bản và các giải pháp quan trọng của Nghị quyết số 57-NQ/TW "
    "ngày 22 tháng 12 năm 2024 của Bộ Chính trị"
)


def workbook(*, wrap: bool, height: float | None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.column_dimensions["A"].width = 20
    for row in range(1, 6):
        sheet.cell(row=row, column=1, value=f"{row}. {TASK}")
        sheet.cell(row=row, column=2, value=f"Thôn Nà Pàn {row}")
        if wrap:
            sheet.cell(row=row, column=1).alignment = Alignment(wrap_text=True, vertical="top")
        if height is not None:
            sheet.row_dimensions[row].height = height
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_rows_as_tall_as_their_wrapped_text_print_clean(tmp_path):
    data = workbook(wrap=True, height=15 * 9)
    printed = print_workbook(data, tmp_path)
    assert printed.read_bytes().startswith(b"%PDF")
    assert overlapping_words(printed) == []
    assert cut_cells(data, printed) == []


def test_a_wrapped_row_at_its_default_height_prints_over_the_next(tmp_path):
    data = workbook(wrap=True, height=15)
    printed = print_workbook(data, tmp_path)
    assert overlapping_words(printed)
    assert cut_cells(data, printed)


def test_an_unwrapped_text_beside_a_filled_cell_is_cut(tmp_path):
    data = workbook(wrap=False, height=None)
    printed = print_workbook(data, tmp_path)
    cut = cut_cells(data, printed)
    assert len(cut) == 5
    assert cut[0].startswith("Sheet!A1 ")


def test_bytes_that_are_not_a_workbook_are_refused():
    with pytest.raises(PdfConversionError) as error:
        xlsx_to_pdf(b"%PDF-1.7 not a spreadsheet")
    assert str(error.value) == pdf_module.ERR_NOT_XLSX


def test_a_libreoffice_without_calc_says_which_package_is_missing(settings, tmp_path):
    # A LibreOffice found in a directory without Calc's libraries, as with libreoffice-writer-nogui alone.
    soffice = tmp_path / "soffice"
    soffice.write_text('#!/bin/sh\nexec soffice "$@"\n')
    soffice.chmod(soffice.stat().st_mode | stat.S_IXUSR)
    settings.DOCUMENTS_SOFFICE = os.fspath(soffice)
    with pytest.raises(PdfConversionError) as error:
        xlsx_to_pdf(workbook(wrap=True, height=None))
    assert str(error.value) == pdf_module.ERR_NO_CALC
    assert "libreoffice-calc-nogui" in str(error.value)
