"""nd30_docx: the signature block (right) and "Nơi nhận" (left) at the end of the document."""

from __future__ import annotations

import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from xaso.documents.model import Recipients, SignatureBlock
from xaso.documents.tests.reading import only_style, read, row_has
from xaso.documents.writer import nd30_docx, recipient_lines
from xaso.testing.factories import nd30_document


@pytest.fixture(scope="module")
def cells():
    doc = read(nd30_docx(nd30_document()))
    left, right = doc.tables[-1].rows[0].cells
    return left, right


def test_the_signature_block_is_on_the_right_in_bold_caps_with_room_to_sign(cells):
    _, right = cells
    paragraphs = right.paragraphs
    assert [p.text for p in paragraphs if p.text.strip()] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Hùng"]
    authority, title = paragraphs[0], paragraphs[1]
    name = paragraphs[-1]
    for line in (authority, title, name):
        style = only_style(line)
        assert style.bold is True
        assert style.italic is False
        assert 13 <= style.size <= 14
        assert line.alignment == WD_ALIGN_PARAGRAPH.CENTER
    blank = paragraphs[2:-1]
    assert len(blank) >= 4  # the signature and the seal
    assert not any(p.text.strip() for p in blank)


def test_a_collective_authority_goes_above():
    document = nd30_document(
        signature=SignatureBlock(
            collective="TM. Ủy ban nhân dân", authority="KT. Chủ tịch", title="Phó Chủ tịch", name="Hoàng Văn Hùng"
        )
    )
    right = read(nd30_docx(document)).tables[-1].rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text.strip()][:3] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
    ]


def test_noi_nhan_is_bold_italic_12_flush_left(cells):
    left, _ = cells
    heading = left.paragraphs[0]
    assert heading.text == "Nơi nhận:"
    style = only_style(heading)
    assert (style.size, style.bold, style.italic) == (12, True, True)
    assert heading.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert not heading.paragraph_format.first_line_indent


def test_recipients_are_11_pt_each_with_a_dash_and_a_semicolon_the_archive_last(cells):
    left, _ = cells
    lines = left.paragraphs[1:]
    assert [p.text for p in lines] == [
        "- Sở KH&CN (b/c);",
        "- TT Đảng ủy, TT HĐND xã;",
        "- CT, các PCT UBND xã;",
        "- Lưu: VT, VHXH.",
    ]
    for line in lines:
        style = only_style(line)
        assert (style.size, style.bold, style.italic) == (11, False, False)
        assert line.alignment == WD_ALIGN_PARAGRAPH.LEFT


def test_recipient_punctuation_typed_by_people_is_normalised():
    lines = recipient_lines(Recipients(items=("- Sở KH&CN (b/c).", " Các thôn; "), archive="VT, VHXH."))
    assert lines == ["- Sở KH&CN (b/c);", "- Các thôn;", "- Lưu: VT, VHXH."]


def test_the_signature_is_kept_with_the_closing_paragraph():
    doc = read(nd30_docx(nd30_document()))
    table = doc.tables[-1]
    assert row_has(table.rows[0], "w:cantSplit")
    body = doc.element.body
    before = table._tbl.getprevious()
    closing = before.getprevious()
    assert before.tag == closing.tag == qn("w:p")
    assert body.index(closing) < body.index(table._tbl)
    for paragraph in (before, closing):
        assert paragraph.pPr.find(qn("w:keepNext")) is not None
