"""nd30_docx: the page (A4, margins, Times New Roman, page numbers from page 2)."""

from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from xaso.documents.tests.reading import all_paragraphs, read
from xaso.documents.writer import nd30_docx
from xaso.testing.factories import nd30_document


@pytest.fixture(scope="module")
def doc():
    return read(nd30_docx(nd30_document()))


def test_it_is_a4_portrait(doc):
    section = doc.sections[0]
    assert round(section.page_width.mm) == 210
    assert round(section.page_height.mm) == 297


def test_its_margins_are_within_the_decree_ranges(doc):
    section = doc.sections[0]
    assert 20 <= round(section.top_margin.mm) <= 25
    assert 20 <= round(section.bottom_margin.mm) <= 25
    assert 30 <= round(section.left_margin.mm) <= 35
    assert 15 <= round(section.right_margin.mm) <= 20


def test_every_run_is_times_new_roman_for_every_script(doc):
    runs = [run for paragraph in all_paragraphs(doc) for run in paragraph.runs if run.text.strip()]
    assert runs
    for run in runs:
        assert run._r.rPr is not None
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}


def test_the_default_style_is_times_new_roman_in_vietnamese(doc):
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman"
    lang = normal.element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:val")) == "vi-VN"


def test_page_numbers_are_centred_in_the_top_margin_from_page_two(doc):
    section = doc.sections[0]
    assert section.different_first_page_header_footer
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    header = section.header.paragraphs[0]
    assert header.alignment == 1  # centred
    instructions = [t.text for t in header._p.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    sizes = {run.font.size.pt for run in header.runs}
    assert sizes <= {13.0, 14.0}
    assert section.header_distance.mm < section.top_margin.mm


def test_the_document_title_is_its_summary(doc):
    assert doc.core_properties.title == "Kết quả thực hiện Kế hoạch số 33/KH-UBND năm 2025"
