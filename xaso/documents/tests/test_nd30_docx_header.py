"""nd30_docx: the header blocks (issuing body, national title and motto, number, place and date,
document type and summary, addressees)."""

from __future__ import annotations

import datetime as dt

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from xaso.documents.measure import text_width_pt
from xaso.documents.model import Issuer
from xaso.documents.tests.reading import (
    body_paragraphs,
    cell_width_pt,
    find,
    is_rule,
    only_style,
    read,
    rule_length_pt,
    texts,
)
from xaso.documents.writer import CELL_PADDING, TEXT_WIDTH, nd30_docx
from xaso.testing.factories import nd30_document, nd30_header

CENTER = WD_ALIGN_PARAGRAPH.CENTER


def write(**header_changes):
    return read(nd30_docx(nd30_document(header=nd30_header(**header_changes))))


@pytest.fixture(scope="module")
def doc():
    return read(nd30_docx(nd30_document()))


@pytest.fixture(scope="module")
def cells(doc):
    table = doc.tables[0]
    (issuer, motto), (number, date) = (list(row.cells) for row in table.rows)
    return {"issuer": issuer, "motto": motto, "number": number, "date": date}


def test_the_header_is_a_borderless_two_column_table(doc):
    table = doc.tables[0]
    assert len(table.columns) == 2
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"nil"}
    widths = sum(cell_width_pt(cell) for cell in table.rows[0].cells)
    assert widths <= TEXT_WIDTH.pt + 0.5


def test_a_commune_peoples_committee_is_its_own_issuing_body_in_bold_caps(cells):
    lines = [p for p in cells["issuer"].paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["ỦY BAN NHÂN DÂN", "XÃ HOÀNG VĂN THỤ"]
    for line in lines:
        style = only_style(line)
        assert style.bold is True
        assert style.italic is False
        assert 12 <= style.size <= 13
        assert line.alignment == CENTER


def test_a_governing_body_is_printed_above_in_upright_caps():
    doc = write(issuer=Issuer(parent_lines=("UBND xã Hoàng Văn Thụ",), name_lines=("Phòng Văn hóa - Xã hội",)))
    parent, name = [p for p in doc.tables[0].rows[0].cells[0].paragraphs if p.text.strip()]
    assert parent.text == "UBND XÃ HOÀNG VĂN THỤ"
    assert only_style(parent).bold is False
    assert 12 <= only_style(parent).size <= 13
    assert name.text == "PHÒNG VĂN HÓA - XÃ HỘI"
    assert only_style(name).bold is True


def test_a_short_rule_under_the_issuing_body_is_a_third_to_a_half_of_its_line(cells):
    rule = cells["issuer"].paragraphs[-1]
    assert is_rule(rule)
    room = cell_width_pt(cells["issuer"]) - CELL_PADDING.pt
    length = rule_length_pt(rule, room)
    line = text_width_pt("XÃ HOÀNG VĂN THỤ", size=13, bold=True)
    assert line / 3 <= length <= line / 2


def test_the_national_title_and_motto_with_a_rule_as_long_as_the_motto(cells):
    title, motto, rule = cells["motto"].paragraphs
    assert title.text == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert only_style(title).bold is True
    assert 12 <= only_style(title).size <= 13
    assert motto.text == "Độc lập - Tự do - Hạnh phúc"
    assert only_style(motto).bold is True
    assert only_style(motto).italic is False
    assert 13 <= only_style(motto).size <= 14
    assert title.alignment == motto.alignment == CENTER
    assert is_rule(rule)
    room = cell_width_pt(cells["motto"]) - CELL_PADDING.pt
    motto_width = text_width_pt(motto.text, size=only_style(motto).size, bold=True)
    assert abs(rule_length_pt(rule, room) - motto_width) < 1


def test_the_national_title_fits_on_one_line(cells):
    room = cell_width_pt(cells["motto"]) - CELL_PADDING.pt
    assert text_width_pt("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True) < room


def test_the_number_is_upright_13_pt_with_a_leading_zero_below_ten(cells):
    (number,) = [p for p in cells["number"].paragraphs if p.text.strip()]
    assert number.text == "Số: 05/BC-UBND"
    style = only_style(number)
    assert (style.size, style.bold, style.italic) == (13, False, False)
    assert number.alignment == CENTER


def test_a_draft_leaves_the_number_and_the_day_blank():
    doc = write(number=None, issued_on=None, draft_year=2026)
    number = doc.tables[0].rows[1].cells[0].paragraphs[0].text
    date = doc.tables[0].rows[1].cells[1].paragraphs[0].text
    assert number.startswith("Số: ")
    assert number.endswith("/BC-UBND")
    assert not any(ch.isdigit() for ch in number)
    assert date.startswith("Xã Hoàng Văn Thụ, ngày")
    assert date.endswith("năm 2026")
    assert "tháng" in date


def test_the_place_and_date_line_is_italic_on_the_number_row(cells):
    (date,) = [p for p in cells["date"].paragraphs if p.text.strip()]
    assert date.text == "Xã Hoàng Văn Thụ, ngày 05 tháng 01 năm 2026"
    style = only_style(date)
    assert style.italic is True
    assert style.bold is False
    assert 13 <= style.size <= 14
    assert date.alignment == CENTER


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2026, 2, 9), "ngày 09 tháng 02 năm 2026"),
        (dt.date(2026, 3, 10), "ngày 10 tháng 3 năm 2026"),
        (dt.date(2025, 12, 31), "ngày 31 tháng 12 năm 2025"),
    ],
)
def test_days_below_ten_and_january_february_take_a_leading_zero(day, expected):
    doc = write(issued_on=day)
    assert doc.tables[0].rows[1].cells[1].paragraphs[0].text == f"Xã Hoàng Văn Thụ, {expected}"


def test_the_document_type_and_summary_are_bold_and_centred_with_a_short_rule(doc):
    paragraphs = body_paragraphs(doc)
    kind = find(paragraphs, "BÁO CÁO")
    summary = find(paragraphs, "Kết quả thực hiện Kế hoạch số 33/KH-UBND năm 2025")
    for paragraph in (kind, summary):
        style = only_style(paragraph)
        assert style.bold is True
        assert style.italic is False
        assert 13 <= style.size <= 14
        assert paragraph.alignment == CENTER
    rule = paragraphs[paragraphs.index(summary) + 1]
    assert is_rule(rule)
    line = text_width_pt(summary.text, size=only_style(summary).size, bold=True)
    assert line / 3 <= rule_length_pt(rule, TEXT_WIDTH.pt) <= line / 2


def test_an_official_letter_puts_its_summary_after_vv_under_the_number():
    doc = write(document_type="", summary="Đôn đốc gửi báo cáo 6 tháng đầu năm 2026")
    lines = [p for p in doc.tables[0].rows[1].cells[0].paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["Số: 05/BC-UBND", "V/v Đôn đốc gửi báo cáo 6 tháng đầu năm 2026"]
    style = only_style(lines[1])
    assert 12 <= style.size <= 13
    assert style.bold is False
    assert "BÁO CÁO" not in texts(body_paragraphs(doc))


def test_one_addressee_is_on_the_kinh_gui_line():
    doc = write(addressees=("Sở Khoa học và Công nghệ tỉnh Lạng Sơn",))
    line = find(body_paragraphs(doc), "Kính gửi: Sở Khoa học và Công nghệ tỉnh Lạng Sơn.")
    assert only_style(line).size in (13, 14)
    assert only_style(line).bold is False


def test_several_addressees_are_listed_one_per_line():
    doc = write(addressees=("Sở Khoa học và Công nghệ tỉnh Lạng Sơn", "Sở Văn hóa, Thể thao và Du lịch"))
    found = [t for t in texts(body_paragraphs(doc)) if "Sở " in t]
    assert found == [
        "Kính gửi: - Sở Khoa học và Công nghệ tỉnh Lạng Sơn;",
        "- Sở Văn hóa, Thể thao và Du lịch.",
    ]
