"""nd30_docx: running text, headings (I., 1., a)) and tables."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from xaso.documents.model import Column, Paragraph, Run, Section, Table
from xaso.documents.numbering import number_vi, section_number, vi_letter
from xaso.documents.tests.reading import (
    body_paragraphs,
    cell_width_pt,
    find,
    find_start,
    only_style,
    read,
    row_has,
    run_styles,
)
from xaso.documents.writer import TEXT_WIDTH, nd30_docx
from xaso.testing.factories import nd30_document

OPENING = "Thực hiện Kế hoạch số 33/KH-UBND ngày 23/8/2025"


@pytest.fixture(scope="module")
def doc():
    return read(nd30_docx(nd30_document()))


def test_running_text_is_justified_with_a_first_line_indent(doc):
    paragraphs = [p for p in body_paragraphs(doc) if p.text.startswith(OPENING)]
    assert len(paragraphs) == 4
    for paragraph in paragraphs:
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
        assert 1.0 <= paragraph.paragraph_format.first_line_indent.cm <= 1.27
        style = only_style(paragraph)
        assert 13 <= style.size <= 14
        assert style.bold is False
        assert style.italic is False


def test_paragraph_and_line_spacing_follow_the_decree(doc):
    for paragraph in [p for p in body_paragraphs(doc) if p.text.startswith(OPENING)]:
        fmt = paragraph.paragraph_format
        assert (fmt.space_after or 0) + (fmt.space_before or 0) >= 6 * 12700  # at least 6 pt between paragraphs
        assert 1.0 <= fmt.line_spacing <= 1.5


def test_the_running_text_size_can_be_13():
    doc = read(nd30_docx(nd30_document(font_size=13)))
    paragraph = find_start(body_paragraphs(doc), OPENING)
    assert only_style(paragraph).size == 13


def test_headings_are_numbered_i_1_a_and_styled_by_level(doc):
    paragraphs = body_paragraphs(doc)
    part = find(paragraphs, "I. KẾT QUẢ ĐẠT ĐƯỢC")
    item = find(paragraphs, "1. Công tác truyền thông")
    point = find(paragraphs, "a) Trên Trang thông tin điện tử xã")
    second = find(paragraphs, "II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU")
    assert only_style(part).bold is True
    assert only_style(second).bold is True
    assert only_style(item).bold is True
    assert only_style(point).bold is False
    for heading in (part, item, point, second):
        assert heading.paragraph_format.keep_with_next is True
        assert 13 <= only_style(heading).size <= 14


def test_points_follow_the_vietnamese_alphabet():
    assert [vi_letter(n) for n in range(1, 8)] == ["a", "b", "c", "d", "đ", "e", "g"]
    assert [section_number(0, n) for n in (1, 4, 9, 14)] == ["I.", "IV.", "IX.", "XIV."]
    assert section_number(1, 12) == "12."
    assert section_number(2, 5) == "đ)"


def test_inline_runs_keep_their_own_bold_and_italic():
    document = nd30_document(
        body=(
            Paragraph(
                text=(
                    Run(text="NV-1.1. ", bold=True),
                    Run(text="Xây dựng chuyên mục. "),
                    Run(text="Chủ trì: Phòng Văn hóa - Xã hội.", italic=True),
                )
            ),
        )
    )
    paragraph = find_start(body_paragraphs(read(nd30_docx(document))), "NV-1.1.")
    assert {(s.bold, s.italic) for s in run_styles(paragraph)} == {(True, False), (False, False), (False, True)}


def test_tables_have_borders_a_repeated_header_and_fit_the_page(doc):
    table = doc.tables[1]
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {edge.get(qn("w:val")) for edge in borders} == {"single"}
    header = table.rows[0]
    assert row_has(header, "w:tblHeader")
    assert [c.text for c in header.cells] == ["STT", "Chỉ tiêu", "Mục tiêu", "Kết quả", "Số người"]
    assert all(only_style(c.paragraphs[0]).bold for c in header.cells)
    for row in table.rows:
        assert row_has(row, "w:cantSplit")
        assert sum(cell_width_pt(c) for c in row.cells) <= TEXT_WIDTH.pt + 0.5
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_table_figures_are_written_the_vietnamese_way(doc):
    row = [c.text for c in doc.tables[1].rows[1].cells]
    assert row == ["1", "Cán bộ, công chức, viên chức được phổ biến Nghị quyết", "100%", "95,5%", "1.234"]
    assert number_vi(1234567.5, decimals=1) == "1.234.567,5"


def test_table_title_is_bold_and_centred(doc):
    title = find(body_paragraphs(doc), "Bảng 1. Kết quả thực hiện các chỉ tiêu năm 2025")
    assert only_style(title).bold is True
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_a_total_row_can_be_bold():
    table = Table(
        title="Hoạt động của các thôn",
        columns=(Column(title="Đơn vị"), Column(title="Số hoạt động", kind="integer")),
        rows=(("Thôn Nà Pàn", 3), ("Tổng cộng", 3)),
        bold_rows=frozenset({1}),
    )
    doc = read(nd30_docx(nd30_document(body=(Section(title="Số liệu", body=(table,)),))))
    rows = doc.tables[1].rows
    assert only_style(rows[1].cells[0].paragraphs[0]).bold is False
    assert only_style(rows[2].cells[0].paragraphs[0]).bold is True


def test_decomposed_vietnamese_is_written_composed():
    # Some keyboards and OCR tools produce "ệ" as "e" + two combining marks: fonts render it badly.
    decomposed = "Kê\u0301t qua\u0309 thư\u0323c hiê\u0323n"
    doc = read(nd30_docx(nd30_document(body=(Paragraph(text=decomposed),))))
    assert find(body_paragraphs(doc), "Kết quả thực hiện").runs[0].text == "Kết quả thực hiện"
