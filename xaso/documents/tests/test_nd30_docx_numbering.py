"""Tables are numbered in order of appearance, whatever a builder wrote, and cited by their number; a
document still waiting for the office's own text is printed as a draft ("DỰ THẢO")."""

from __future__ import annotations

from xaso.documents.model import Column, Paragraph, Run, Section, Table, ToComplete, table_ref
from xaso.documents.tests.reading import body_paragraphs, read, texts
from xaso.documents.writer import DRAFT_MARK, TO_COMPLETE_WORDS, nd30_docx
from xaso.testing.factories import nd30_document, nd30_header

COLUMNS = (Column(title="STT", kind="integer"), Column(title="Nội dung"))


def table(title: str, key: str = "") -> Table:
    return Table(title=title, key=key, columns=COLUMNS, rows=((1, "Một"),))


def test_tables_are_numbered_in_reading_order_and_cited_by_number():
    body = (
        Section(title="Kết quả", body=(table("Bảng 2. Hoạt động theo loại hình", key="kinds"),)),
        Paragraph(
            text=(Run(text="Chi tiết tại "), table_ref("funding"), Run(text=" và "), table_ref("kinds"), Run(text="."))
        ),
        Section(title="Kinh phí", body=(table("Kinh phí theo nguồn", key="funding"),)),
    )
    found = texts(body_paragraphs(read(nd30_docx(nd30_document(body=body)))))
    assert [t for t in found if t.startswith("Bảng")] == [
        "Bảng 1. Hoạt động theo loại hình",
        "Bảng 2. Kinh phí theo nguồn",
    ]
    assert "Chi tiết tại Bảng 2 và Bảng 1." in found


def test_a_draft_is_marked_and_shows_what_the_office_has_to_write():
    header = nd30_header(number=None, issued_on=None, draft_year=2026)
    body = (
        Paragraph(text="Mở đầu."),
        Section(title="Hạn chế", body=(ToComplete(prompt="những hạn chế và nguyên nhân"),)),
    )
    doc = read(nd30_docx(nd30_document(header=header, body=body)))
    mark = doc.sections[0].first_page_header.paragraphs[0]
    assert mark.text == DRAFT_MARK
    assert f"[{TO_COMPLETE_WORDS} những hạn chế và nguyên nhân]" in texts(body_paragraphs(doc))


def test_a_complete_document_carries_no_draft_mark():
    doc = read(nd30_docx(nd30_document()))
    assert DRAFT_MARK not in "".join(p.text for p in doc.sections[0].first_page_header.paragraphs)
