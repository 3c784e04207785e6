"""A Document written as DOCX in the layout of Decree 30/2020/NĐ-CP, Appendix I.

Measurements, sizes and styles are the decree's (A4; margins 20/20/30/15 mm; Times New Roman;
motto 13 pt bold caps over 14 pt bold "Độc lập - Tự do - Hạnh phúc"; issuing body 13 pt; number
13 pt; italic place-and-date line; bold document type and summary; justified running text with a
1.27 cm first-line indent; page numbers centred in the top margin from page 2). Every run carries
its font, size and style explicitly, so the file looks the same in Word, LibreOffice and WPS
whatever their default styles are.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from typing import Literal

import docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Mm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from xaso.documents import ooxml
from xaso.documents.measure import text_width_pt
from xaso.documents.model import (
    Block,
    Document,
    DocumentHeader,
    Paragraph,
    Recipients,
    SignatureBlock,
    Table,
    ToComplete,
)
from xaso.documents.model import Section as DocSection
from xaso.documents.numbering import cell_text, is_draft, number_tables, section_number
from xaso.documents.validation import document_validate
from xaso.vi.dates import date_line, nd30_day
from xaso.vi.text import nfc

PAGE_WIDTH, PAGE_HEIGHT = Mm(210), Mm(297)
MARGIN_TOP, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_RIGHT = Mm(20), Mm(20), Mm(30), Mm(15)
HEADER_DISTANCE = Mm(10)
TEXT_WIDTH = Emu(PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
# The header table: issuing body on the left, motto on the right (wide enough for the
# 13 pt national title on one line).
HEADER_LEFT, HEADER_RIGHT = Mm(60), Mm(105)
SIGNATURE_LEFT, SIGNATURE_RIGHT = Mm(75), Mm(90)
CELL_PADDING = Mm(3.8)  # Word's default left and right cell margins, 1.9 mm each

FIRST_LINE_INDENT = Cm(1.27)
PARAGRAPH_SPACING = Pt(6)
LINE_SPACING = 1.15

SIZE_ISSUER = 13
SIZE_NUMBER = 13
SIZE_NATIONAL_TITLE = 13
SIZE_MOTTO = 14
SIZE_DATE = 13
SIZE_LETTER_SUMMARY = 12
SIZE_RECIPIENTS_HEADING = 12
SIZE_RECIPIENTS = 11
SIZE_RULE_MARK = 1  # the empty paragraph that carries a rule is 1 pt high
SIZE_DRAFT_MARK = 13
DRAFT_MARK = "DỰ THẢO"
TO_COMPLETE_WORDS = "Dự thảo, cần viết:"

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RULE_SHARE = 0.4  # of the line above: ND30 asks for 1/3 to 1/2
SIGNATURE_SPACE_LINES = 5  # room for the signature and the seal

Alignment = Literal["justify", "left", "center", "right"]
_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}


def nd30_docx(document: Document) -> bytes:
    """The document as DOCX bytes, its tables numbered in order of appearance; raises DocumentError
    (Vietnamese problems) if it is incomplete, or numbered and dated while still a draft."""
    document = replace(document, body=number_tables(document.body))
    document_validate(document)
    out = docx.Document()
    _page_setup(out, font_size=document.font_size)
    if is_draft(document):
        _draft_mark(out)
    _header_block(out, document.header, font_size=document.font_size)
    _blocks(out, document.body, depth=0, font_size=document.font_size)
    _signature_block(out, document.signature, document.recipients, font_size=document.font_size)
    out.core_properties.title = nfc(document.header.summary)
    out.core_properties.language = ooxml.LANG
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


# -- page ------------------------------------------------------------------------------------


def _page_setup(out: DocxDocument, *, font_size: float) -> None:
    section = out.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = PAGE_WIDTH, PAGE_HEIGHT
    section.top_margin, section.bottom_margin = MARGIN_TOP, MARGIN_BOTTOM
    section.left_margin, section.right_margin = MARGIN_LEFT, MARGIN_RIGHT
    section.header_distance = section.footer_distance = HEADER_DISTANCE
    # Defaults for anything not styled run by run (empty paragraphs, what an editor types later).
    normal = out.styles["Normal"]
    normal.font.name = ooxml.FONT
    normal.font.size = Pt(font_size)
    rpr = normal.element.get_or_add_rPr()
    ooxml.set_fonts(rpr)
    ooxml.set_lang(rpr)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    doc_defaults = out.styles.element.find(qn("w:docDefaults"))
    if doc_defaults is not None:
        for default_rpr in doc_defaults.iter(qn("w:rPr")):
            ooxml.set_fonts(default_rpr)
            ooxml.set_lang(default_rpr)
    # Page numbers from page 2, centred in the top margin; the first page shows none.
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    ooxml.page_number_field(number, size=font_size)


def _draft_mark(out: DocxDocument) -> None:
    """ "DỰ THẢO" in a box at the top right of the first page, where offices stamp a draft: in the
    first page's own header, so the decree's layout of the page below is untouched."""
    mark = out.sections[0].first_page_header.paragraphs[0]
    mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    ooxml.style_run(mark.add_run(DRAFT_MARK), size=SIZE_DRAFT_MARK, bold=True)
    for side in ("top", "left", "bottom", "right"):
        ooxml.paragraph_border(mark, side, size=ooxml.GRID_SIZE)
    width = text_width_pt(DRAFT_MARK, size=SIZE_DRAFT_MARK, bold=True) + 8
    mark.paragraph_format.left_indent = Pt(max(_pt(TEXT_WIDTH) - width, 0))


# -- header: issuing body, national title, number, place and date, type and summary ----------------


def _header_block(out: DocxDocument, header: DocumentHeader, *, font_size: float) -> None:
    table = out.add_table(rows=2, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    ooxml.table_borders(table, size=None)
    ooxml.table_fixed_layout(table, [HEADER_LEFT, HEADER_RIGHT])
    issuer_cell, motto_cell = table.rows[0].cells
    number_cell, date_cell = table.rows[1].cells

    first = True
    for line in header.issuer.parent_lines:
        _cell_line(issuer_cell, line.upper(), size=SIZE_ISSUER, first=first)
        first = False
    name_lines = [line.upper() for line in header.issuer.name_lines if line.strip()]
    for line in name_lines:
        _cell_line(issuer_cell, line, size=SIZE_ISSUER, bold=True, first=first)
        first = False
    widest = max(text_width_pt(nfc(line), size=SIZE_ISSUER, bold=True) for line in name_lines)
    _rule(issuer_cell.add_paragraph(), width_pt=widest * RULE_SHARE, room=HEADER_LEFT, in_cell=True)

    _cell_line(motto_cell, NATIONAL_TITLE, size=SIZE_NATIONAL_TITLE, bold=True, first=True)
    _cell_line(motto_cell, MOTTO, size=SIZE_MOTTO, bold=True)
    motto_pt = text_width_pt(MOTTO, size=SIZE_MOTTO, bold=True)
    _rule(motto_cell.add_paragraph(), width_pt=motto_pt, room=HEADER_RIGHT, in_cell=True)

    number_line = _cell_line(number_cell, _number_text(header), size=SIZE_NUMBER, first=True)
    number_line.paragraph_format.space_before = Pt(6)
    if not header.document_type.strip():
        # An official letter (công văn) has no type line: its summary follows "V/v" under the number.
        summary = _cell_line(number_cell, f"V/v {header.summary.strip()}", size=SIZE_LETTER_SUMMARY)
        summary.paragraph_format.space_before = Pt(6)
    date = _cell_line(date_cell, _date_text(header), size=SIZE_DATE, italic=True, first=True)
    date.paragraph_format.space_before = Pt(6)

    if header.document_type.strip():
        kind = _paragraph(out, header.document_type.upper(), size=font_size, bold=True, align="center")
        kind.paragraph_format.space_before = Pt(18)
        kind.paragraph_format.keep_with_next = True
        summary = _paragraph(out, header.summary.strip(), size=font_size, bold=True, align="center")
        summary.paragraph_format.keep_with_next = True
        line_pt = min(text_width_pt(nfc(header.summary.strip()), size=font_size, bold=True), _pt(TEXT_WIDTH))
        _rule(out.add_paragraph(), width_pt=line_pt * RULE_SHARE, room=TEXT_WIDTH, in_cell=False)
    _addressees(out, header.addressees, font_size=font_size)


def _number_text(header: DocumentHeader) -> str:
    # Numbers below 10 take a leading zero, like days; an unnumbered draft keeps the blank.
    number = nd30_day(header.number) if header.number is not None else "\u00a0" * 6
    return f"Số: {number}/{header.symbol.strip().upper()}"


def _date_text(header: DocumentHeader) -> str:
    if header.issued_on is not None:
        return date_line(place=header.place.strip(), value=header.issued_on)
    blank = "\u00a0" * 5
    return f"{header.place.strip()}, ngày{blank}tháng{blank}năm {header.draft_year}"


def _addressees(out: DocxDocument, addressees: tuple[str, ...], *, font_size: float) -> None:
    names = [name.strip().rstrip(".;") for name in addressees if name.strip()]
    if not names:
        return
    if len(names) == 1:
        line = _paragraph(out, f"Kính gửi: {names[0]}.", size=font_size, align="center")
        line.paragraph_format.space_before = Pt(12)
        line.paragraph_format.space_after = Pt(12)
        return
    # Several addressees: one per line, the dashes aligned under the first one.
    label = "Kính gửi: "
    start = Cm(2.5)
    indent = Emu(start + Pt(text_width_pt(label, size=font_size)))
    for index, name in enumerate(names):
        end = "." if index == len(names) - 1 else ";"
        text = f"{label if index == 0 else ''}- {name}{end}"
        line = _paragraph(out, text, size=font_size, align="left")
        line.paragraph_format.left_indent = start if index == 0 else indent
        if index == 0:
            line.paragraph_format.space_before = Pt(12)
        if index == len(names) - 1:
            line.paragraph_format.space_after = Pt(12)


# -- body -----------------------------------------------------------------------------------------


def _blocks(out: DocxDocument, blocks: Iterable[Block], *, depth: int, font_size: float) -> None:
    sections = 0
    for block in blocks:
        if isinstance(block, DocSection):
            sections += 1
            _heading(out, block, depth=depth, n=sections, font_size=font_size)
            _blocks(out, block.body, depth=depth + 1, font_size=font_size)
        elif isinstance(block, Table):
            _table(out, block)
        elif isinstance(block, Paragraph):
            _body_paragraph(out, block, font_size=font_size)
        elif isinstance(block, ToComplete):
            # A draft shows what the office has still to write, where it goes.
            prompt = Paragraph(text=f"[{TO_COMPLETE_WORDS} {block.prompt.strip()}]", italic=True)
            _body_paragraph(out, prompt, font_size=font_size)


def _heading(out: DocxDocument, section: DocSection, *, depth: int, n: int, font_size: float) -> None:
    # ND30: mục "I." in bold caps; khoản "1." in bold; điểm "a)" upright.
    title = section.title.strip()
    text = f"{section_number(depth, n)} {title.upper() if depth == 0 else title}"
    paragraph = _paragraph(out, text, size=font_size, bold=depth < 2, align="justify")
    _running_text_format(paragraph)
    paragraph.paragraph_format.keep_with_next = True


def _body_paragraph(out: DocxDocument, block: Paragraph, *, font_size: float) -> None:
    paragraph = out.add_paragraph()
    paragraph.alignment = _ALIGN[block.align]
    _running_text_format(paragraph, indent=block.indent)
    if isinstance(block.text, str):
        ooxml.style_run(paragraph.add_run(nfc(block.text)), size=font_size, bold=block.bold, italic=block.italic)
        return
    for run in block.text:
        ooxml.style_run(
            paragraph.add_run(nfc(run.text)),
            size=font_size,
            bold=block.bold or run.bold,
            italic=block.italic or run.italic,
        )


def _running_text_format(paragraph: DocxParagraph, *, indent: bool = True) -> None:
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = FIRST_LINE_INDENT if indent else Cm(0)
    fmt.space_before = Pt(0)
    fmt.space_after = PARAGRAPH_SPACING
    fmt.line_spacing_rule = WD_LINE_SPACING.MULTIPLE
    fmt.line_spacing = LINE_SPACING
    fmt.widow_control = True


def _table(out: DocxDocument, block: Table) -> None:
    if block.title.strip():
        title = _paragraph(out, block.title.strip(), size=block.font_size + 1, bold=True, align="center")
        title.paragraph_format.space_before = Pt(6)
        title.paragraph_format.space_after = Pt(6)
        title.paragraph_format.keep_with_next = True
    table = ooxml.grid_table(
        widths=column_widths(block, total=TEXT_WIDTH.twips),
        header=[nfc(column.title) for column in block.columns],
        rows=[
            [nfc(cell_text(value, column.kind)) for column, value in zip(block.columns, values, strict=True)]
            for values in block.rows
        ],
        aligns=["left" if column.kind == "text" else "center" for column in block.columns],
        bold_rows=block.bold_rows,
        size=block.font_size,
    )
    out.element.body.sectPr.addprevious(table)
    if block.note.strip():
        note = _paragraph(out, block.note.strip(), size=block.font_size, italic=True, align="justify")
        note.paragraph_format.space_before = Pt(3)
    # A table followed directly by a paragraph reads cramped; offices leave a little air.
    spacer = out.add_paragraph()
    ooxml.style_paragraph_mark(spacer, size=6)


def column_widths(block: Table, *, total: int) -> list[int]:
    """Each column's width in twips: shared out by the columns' weights, but never narrower than the
    longest word of its header or of a cell (a syllable is never cut: "ST/T", "Ngư/ời dân"). The
    width a column needs beyond its share is taken from the columns that have room to spare."""
    size = block.font_size
    need = []
    for index, column in enumerate(block.columns):
        words = [(word, True) for word in nfc(column.title).split()]
        for row_index, values in enumerate(block.rows):
            bold = row_index in block.bold_rows
            words += [(word, bold) for word in nfc(cell_text(values[index], column.kind)).split()]
        widest = max((text_width_pt(word, size=size, bold=bold) for word, bold in words), default=0.0)
        need.append(int((widest + _pt(CELL_PADDING) + 2) * 20))
    weights = sum(column.width for column in block.columns)
    widths = [
        max(int(total * column.width / weights), minimum) for column, minimum in zip(block.columns, need, strict=True)
    ]
    over = sum(widths) - total
    while over > 0:
        spare = [(i, widths[i] - need[i]) for i in range(len(widths)) if widths[i] > need[i]]
        room = sum(extra for _, extra in spare)
        if room <= 0:
            break  # every column at its narrowest: the table is as wide as its words need
        for i, extra in spare:
            widths[i] -= min(extra, -(-over * extra // room))
        over = sum(widths) - total
    return widths


# -- signature and recipients -----------------------------------------------------------------


def _signature_block(out: DocxDocument, signature: SignatureBlock, recipients: Recipients, *, font_size: float) -> None:
    # The signature never stands alone on a page: the closing paragraph travels with it.
    last = out.element.body[-2] if len(out.element.body) > 1 else None
    if last is not None and last.tag == qn("w:p"):
        DocxParagraph(last, out._body).paragraph_format.keep_with_next = True
    spacer = out.add_paragraph()
    spacer.paragraph_format.keep_with_next = True
    ooxml.style_paragraph_mark(spacer, size=font_size)
    table = out.add_table(rows=1, cols=2)
    ooxml.table_borders(table, size=None)
    ooxml.table_fixed_layout(table, [SIGNATURE_LEFT, SIGNATURE_RIGHT])
    # The signature must not be separated from the page it closes.
    ooxml.keep_row_together(table.rows[0])
    left, right = table.rows[0].cells

    heading = _cell_line(left, "Nơi nhận:", size=SIZE_RECIPIENTS_HEADING, bold=True, italic=True, first=True)
    heading.alignment = WD_ALIGN_PARAGRAPH.LEFT
    for line in recipient_lines(recipients):
        _cell_line(left, line, size=SIZE_RECIPIENTS).alignment = WD_ALIGN_PARAGRAPH.LEFT

    first = True
    for line in (signature.collective, signature.authority, signature.title):
        if line.strip():
            _cell_line(right, line.strip().upper(), size=font_size, bold=True, first=first)
            first = False
    for _ in range(SIGNATURE_SPACE_LINES):
        ooxml.style_paragraph_mark(right.add_paragraph(), size=font_size)
    _cell_line(right, signature.name.strip(), size=font_size, bold=True)


def recipient_lines(recipients: Recipients) -> list[str]:
    """ "- Sở KH&CN (b/c);" for each recipient, then "- Lưu: VT, VHXH." """
    lines = [f"- {item.strip().lstrip('-').strip().rstrip('.;')};" for item in recipients.items if item.strip()]
    lines.append(f"- Lưu: {recipients.archive.strip().rstrip('.;')}.")
    return lines


# -- primitives -------------------------------------------------------------------------------


def _pt(length: Length) -> float:
    return float(length.pt)


def _paragraph(
    out: DocxDocument, text: str, *, size: float, bold: bool = False, italic: bool = False, align: Alignment
) -> DocxParagraph:
    paragraph = out.add_paragraph()
    paragraph.alignment = _ALIGN[align]
    ooxml.style_paragraph_mark(paragraph, size=size)
    ooxml.style_run(paragraph.add_run(nfc(text)), size=size, bold=bold, italic=italic)
    return paragraph


def _cell_line(
    cell: _Cell, text: str, *, size: float, bold: bool = False, italic: bool = False, first: bool = False
) -> DocxParagraph:
    paragraph = cell.paragraphs[0] if first else cell.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fmt = paragraph.paragraph_format
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.line_spacing = 1.0
    ooxml.style_paragraph_mark(paragraph, size=size)
    ooxml.style_run(paragraph.add_run(nfc(text)), size=size, bold=bold, italic=italic)
    return paragraph


def _rule(paragraph: DocxParagraph, *, width_pt: float, room: Length, in_cell: bool) -> None:
    """A centred horizontal rule `width_pt` long: the top border of an empty 1 pt paragraph
    indented from both sides of its `room` (a table cell, or the text width)."""
    inner = _pt(room) - (_pt(CELL_PADDING) if in_cell else 0)
    side = max((inner - width_pt) / 2, 0)
    fmt = paragraph.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(side)
    # Clear of the descenders of the line above: a rule must not cut through "ệ" or "g".
    fmt.space_before = Pt(3)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(SIZE_RULE_MARK + 1)
    ooxml.style_paragraph_mark(paragraph, size=SIZE_RULE_MARK)
    ooxml.paragraph_border(paragraph, "top")
