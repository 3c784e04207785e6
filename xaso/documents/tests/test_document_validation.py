"""Bad documents are refused before anything is written, with every problem in Vietnamese."""

from __future__ import annotations

import pytest

from xaso.documents import validation as v
from xaso.documents.model import (
    Column,
    Issuer,
    Paragraph,
    Recipients,
    Run,
    Section,
    SignatureBlock,
    Table,
    ToComplete,
    table_ref,
)
from xaso.documents.numbering import is_draft
from xaso.documents.validation import DocumentError, document_problems
from xaso.documents.writer import nd30_docx
from xaso.testing.factories import nd30_document, nd30_header


def test_a_complete_document_has_no_problems():
    assert document_problems(nd30_document()) == []


def test_empty_required_fields_are_each_named():
    document = nd30_document(
        header=nd30_header(issuer=Issuer(name_lines=("", " ")), symbol=" ", place="", summary="  "),
        signature=SignatureBlock(title="", name=" "),
        recipients=Recipients(items=("Sở KH&CN (b/c)", " "), archive=""),
    )
    with pytest.raises(DocumentError) as error:
        nd30_docx(document)
    assert error.value.problems == [
        v.ERR_ISSUER,
        v.ERR_SYMBOL,
        v.ERR_PLACE,
        v.ERR_SUMMARY,
        v.ERR_SIGNER_TITLE,
        v.ERR_SIGNER_NAME,
        v.ERR_ARCHIVE,
        v.ERR_RECIPIENT_EMPTY.format(n=2),
    ]
    assert "Thiếu họ và tên người ký." in str(error.value)


def test_an_undated_document_needs_its_year():
    problems = document_problems(nd30_document(header=nd30_header(issued_on=None)))
    assert problems == [v.ERR_DRAFT_YEAR]


def test_a_number_must_be_positive():
    assert document_problems(nd30_document(header=nd30_header(number=0))) == [v.ERR_NUMBER]


def test_an_empty_body_is_refused():
    assert document_problems(nd30_document(body=())) == [v.ERR_BODY]


def test_problems_in_the_body_say_where_they_are():
    body = (
        Paragraph(text="Mở đầu."),
        Section(title="Kết quả", body=(Paragraph(text="Đoạn một."), Paragraph(text="  "))),
        Section(
            title=" ",
            body=(
                Section(
                    title="Chỉ tiêu",
                    body=(Table(title="Chỉ tiêu", columns=(Column(title="STT"), Column(title="")), rows=(("1",),)),),
                ),
            ),
        ),
    )
    assert document_problems(nd30_document(body=body)) == [
        v.ERR_PARAGRAPH_EMPTY.format(n=2, where="mục I"),
        v.ERR_SECTION_TITLE.format(where="II"),
        v.ERR_TABLE_COLUMN_TITLE.format(n=1, where="mục II.1", col=2),
        v.ERR_TABLE_ROW.format(n=1, where="mục II.1", row=1, got=1, want=2),
    ]


def test_a_fourth_level_of_headings_is_refused():
    body = (Section(title="A", body=(Section(title="B", body=(Section(title="C", body=(Section(title="D"),)),)),)),)
    assert document_problems(nd30_document(body=body)) == [v.ERR_SECTION_DEPTH.format(where="I.1.a.a")]


def test_a_table_without_columns_or_with_a_zero_width_is_refused():
    body = (
        Table(title="Trống", columns=(), rows=()),
        Table(title="Số", columns=(Column(title="STT", width=0),), rows=()),
    )
    assert document_problems(nd30_document(body=body)) == [
        v.ERR_TABLE_COLUMNS.format(n=1, where=v.BODY),
        v.ERR_TABLE_WIDTH.format(n=2, where=v.BODY, col=1),
    ]


def test_every_table_of_the_body_has_a_caption():
    body = (Table(columns=(Column(title="STT"),), rows=((1,),)),)
    assert document_problems(nd30_document(body=body)) == [v.ERR_TABLE_CAPTION.format(n=1, where=v.BODY)]


def test_a_passage_left_for_the_office_makes_a_draft_that_takes_no_number_or_date():
    body = (Paragraph(text="Mở đầu."), ToComplete(prompt="hạn chế, nguyên nhân"))
    numbered = nd30_document(body=body)
    assert document_problems(numbered) == [v.ERR_DRAFT_ISSUED.format(count=1, first="hạn chế, nguyên nhân")]
    draft = nd30_document(body=body, header=nd30_header(number=None, issued_on=None, draft_year=2026))
    assert document_problems(draft) == []
    assert is_draft(draft)
    assert document_problems(nd30_document(body=(ToComplete(prompt=" "),), header=draft.header)) == [
        v.ERR_TO_COMPLETE_EMPTY.format(n=1, where=v.BODY)
    ]


def test_a_reference_to_a_table_that_is_not_there_is_refused():
    body = (Paragraph(text=(Run(text="Xem "), table_ref("khong-co"))),)
    assert document_problems(nd30_document(body=body)) == [v.ERR_TABLE_REF.format(n=1, where=v.BODY)]
