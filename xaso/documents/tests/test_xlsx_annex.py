"""xlsx_annex: the figures annex, read back with openpyxl."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from xaso.documents import xlsx as x
from xaso.documents.model import Column, Table
from xaso.documents.xlsx import AnnexError, Sheet, sheet_title, xlsx_annex

COLUMNS = (
    Column(title="STT", kind="integer"),
    Column(title="Đơn vị", width=4),
    Column(title="Số hoạt động", kind="integer"),
    Column(title="Kinh phí (triệu đồng)", kind="decimal"),
    Column(title="Tỷ lệ hoàn thành", kind="percent"),
    Column(title="Ngày báo cáo", kind="date"),
)
ROWS = (
    (1, "Trường Trung học cơ sở Hoàng Văn Thụ", 12, Decimal("15.5"), 0.85, dt.date(2026, 6, 3)),
    (2, "Thôn Nà Pàn", 4, Decimal("2.25"), 1, dt.date(2026, 6, 5)),
    (3, "Thôn Khuổi Nhàn", None, None, "Chưa có số liệu", None),
)


@pytest.fixture(scope="module")
def sheet():
    data = xlsx_annex(
        sheets=[
            Sheet(
                title="Số liệu",
                heading="Phụ lục. Số liệu của các đơn vị",
                table=Table(columns=COLUMNS, rows=ROWS, note="Số liệu đến ngày 14/6/2026."),
            )
        ]
    )
    return load_workbook(io.BytesIO(data))["Số liệu"]


def test_the_heading_and_vietnamese_column_titles_are_bold_times_new_roman(sheet):
    assert sheet["A1"].value == "Phụ lục. Số liệu của các đơn vị"
    assert sheet["A1"].font.b
    titles = [cell.value for cell in sheet[3]]
    assert titles == [c.title for c in COLUMNS]
    for cell in sheet[3]:
        assert cell.font.name == "Times New Roman"
        assert cell.font.b
        assert cell.alignment.wrap_text


def test_the_header_row_is_frozen_and_printed_on_every_page(sheet):
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert int(sheet.page_setup.paperSize) == 9  # A4


def test_values_stay_numbers_with_number_formats(sheet):
    stt, unit, count, money, share, day = sheet[4]
    assert (stt.value, count.value) == (1, 12)
    assert stt.number_format == count.number_format == "#,##0"
    assert money.value == 15.5
    assert money.number_format == "#,##0.##"
    assert share.value == 0.85
    assert share.number_format == "0.0%"
    assert day.value.date() == dt.date(2026, 6, 3)
    assert day.number_format == "dd/mm/yyyy"
    assert unit.value == "Trường Trung học cơ sở Hoàng Văn Thụ"


def test_an_honest_text_answer_is_allowed_in_a_number_column(sheet):
    assert sheet["E6"].value == "Chưa có số liệu"
    assert sheet["E6"].number_format == "@"


def test_columns_are_sized_to_their_content(sheet):
    widths = {letter: sheet.column_dimensions[letter].width for letter in "ABCDEF"}
    assert widths["B"] >= len("Trường Trung học cơ sở Hoàng Văn Thụ")
    assert widths["A"] < widths["B"]
    assert all(8 <= width <= 62 for width in widths.values())


def test_rows_are_as_tall_as_their_wrapped_text():
    """LibreOffice prints a wrapped text over the next row unless the row's height says how tall it is."""
    task = (
        "Tổ chức tuyên truyền, phổ biến, nâng cao nhận thức về phát triển khoa học, công nghệ, đổi mới sáng tạo "
        "và chuyển đổi số trên hệ thống truyền thanh cơ sở, trang thông tin điện tử xã và mạng xã hội"
    )
    columns = (Column(title="Mã", kind="text"), Column(title="Nhiệm vụ", width=4), Column(title="Số", kind="integer"))
    data = xlsx_annex(
        sheets=[
            Sheet(title="Nhiệm vụ", table=Table(columns=columns, rows=(("NV-1.1", task, 3), ("NV-1.2", "Ngắn.", 1))))
        ]
    )
    sheet = load_workbook(io.BytesIO(data))["Nhiệm vụ"]
    width = sheet.column_dimensions["B"].width
    assert len(task) > width  # it wraps
    lines_needed = -(-len(task) // int(width))
    assert sheet.row_dimensions[2].height >= x.LINE_HEIGHT * lines_needed
    assert sheet.row_dimensions[3].height == x.LINE_HEIGHT  # a short row stays one line tall
    assert sheet.row_dimensions[1].height >= x.LINE_HEIGHT


def test_the_note_follows_the_table(sheet):
    assert sheet["A8"].value == "Số liệu đến ngày 14/6/2026."
    assert sheet["A8"].font.i


def test_sheet_titles_are_cut_to_excel_rules():
    assert sheet_title("Chỉ tiêu [2026]: 6/12 tháng?") == "Chỉ tiêu -2026-- 6-12 tháng-"
    assert sheet_title("Kết quả thực hiện các chỉ tiêu của Kế hoạch năm 2026") == "Kết quả thực hiện các chỉ tiêu"


def test_bad_annexes_are_refused_with_every_problem():
    table = Table(
        columns=(Column(title="STT", kind="integer"), Column(title=" ")), rows=((1,), ("một", "x"), (True, "x"))
    )
    with pytest.raises(AnnexError) as error:
        xlsx_annex(
            sheets=[
                Sheet(title="A", table=table),
                Sheet(title="a", table=Table(columns=(), rows=())),
                Sheet(title=" ", table=table),
            ]
        )
    problems = error.value.problems
    assert problems[:4] == [
        x.ERR_COLUMN_TITLE.format(title="A", col=2),
        x.ERR_ROW_LENGTH.format(title="A", row=1, got=1, want=2),
        x.ERR_CELL_KIND.format(title="A", row=3, column="STT", value=True, kind="số nguyên"),
        x.ERR_SHEET_DUPLICATE.format(title="a"),
    ]
    assert x.ERR_SHEET_TITLE.format(n=3) in problems


def test_an_annex_needs_a_sheet():
    with pytest.raises(AnnexError) as error:
        xlsx_annex(sheets=[])
    assert error.value.problems == [x.ERR_NO_SHEETS]
