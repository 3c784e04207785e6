"""Small WordprocessingML helpers python-docx has no API for: borders, fields, table flags."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph
from docx.text.run import Run

FONT = "Times New Roman"
LANG = "vi-VN"
# Border widths are in eighths of a point.
RULE_SIZE = 8  # 1 pt: the header rules
GRID_SIZE = 4  # 0.5 pt: table grids


# Schema order of the children we add: Word refuses a file whose properties are out of order.
_ORDER = {
    qn("w:pPr"): [
        "w:pStyle",
        "w:keepNext",
        "w:keepLines",
        "w:pageBreakBefore",
        "w:framePr",
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:suppressAutoHyphens",
        "w:kinsoku",
        "w:wordWrap",
        "w:overflowPunct",
        "w:topLinePunct",
        "w:autoSpaceDE",
        "w:autoSpaceDN",
        "w:bidi",
        "w:adjustRightInd",
        "w:snapToGrid",
        "w:spacing",
        "w:ind",
        "w:contextualSpacing",
        "w:mirrorIndents",
        "w:suppressOverlap",
        "w:jc",
        "w:textDirection",
        "w:textAlignment",
        "w:textboxTightWrap",
        "w:outlineLvl",
        "w:divId",
        "w:cnfStyle",
        "w:rPr",
        "w:sectPr",
        "w:pPrChange",
    ],
    qn("w:rPr"): [
        "w:rStyle",
        "w:rFonts",
        "w:b",
        "w:bCs",
        "w:i",
        "w:iCs",
        "w:caps",
        "w:smallCaps",
        "w:strike",
        "w:dstrike",
        "w:outline",
        "w:shadow",
        "w:emboss",
        "w:imprint",
        "w:noProof",
        "w:snapToGrid",
        "w:vanish",
        "w:webHidden",
        "w:color",
        "w:spacing",
        "w:w",
        "w:kern",
        "w:position",
        "w:sz",
        "w:szCs",
        "w:highlight",
        "w:u",
        "w:effect",
        "w:bdr",
        "w:shd",
        "w:fitText",
        "w:vertAlign",
        "w:rtl",
        "w:cs",
        "w:em",
        "w:lang",
        "w:eastAsianLayout",
        "w:specVanish",
        "w:oMath",
    ],
    qn("w:tblPr"): [
        "w:tblStyle",
        "w:tblpPr",
        "w:tblOverlap",
        "w:bidiVisual",
        "w:tblStyleRowBandSize",
        "w:tblStyleColBandSize",
        "w:tblW",
        "w:jc",
        "w:tblCellSpacing",
        "w:tblInd",
        "w:tblBorders",
        "w:shd",
        "w:tblLayout",
        "w:tblCellMar",
        "w:tblLook",
        "w:tblCaption",
        "w:tblDescription",
    ],
    qn("w:pBdr"): ["w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar"],
    qn("w:tblBorders"): ["w:top", "w:left", "w:start", "w:bottom", "w:right", "w:end", "w:insideH", "w:insideV"],
}


def _place(parent: BaseOxmlElement, element: BaseOxmlElement) -> BaseOxmlElement:
    """Put `element` among `parent`'s children at its place in the schema order."""
    order = _ORDER.get(parent.tag)
    tag = element.tag
    if order is not None:
        names = [qn(name) for name in order]
        if tag in names:
            later = set(names[names.index(tag) + 1 :])
            for sibling in parent:
                if sibling.tag in later:
                    sibling.addprevious(element)
                    return element
    parent.append(element)
    return element


def _child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The `tag` child of `parent`, created at its place in the schema order if missing."""
    found = parent.find(qn(tag))
    return found if found is not None else _place(parent, OxmlElement(tag))


@functools.cache
def _rpr_xml(size: float, bold: bool, italic: bool) -> str:
    half_points = round(size * 2)
    flags = "".join(
        f'<w:{tag} w:val="{1 if on else 0}"/>'
        for tag, on in (("b", bold), ("bCs", bold), ("i", italic), ("iCs", italic))
    )
    return (
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        f'{flags}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/></w:rPr>'
    )


@functools.cache
def _run_properties(size: float, bold: bool, italic: bool) -> BaseOxmlElement:
    # Built once per style and copied into each run: python-docx's property setters cost a few
    # milliseconds per run, which adds up to seconds for a report of thirty units.
    return parse_xml(_rpr_xml(size, bold, italic).replace("<w:rPr>", f"<w:rPr {nsdecls('w')}>", 1))


def set_fonts(rpr: BaseOxmlElement, font: str = FONT) -> None:
    """Name the font for every script slot, and drop theme fonts that would override it."""
    fonts = _child(rpr, "w:rFonts")
    for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(slot), font)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
        fonts.attrib.pop(qn(theme), None)


def set_lang(rpr: BaseOxmlElement, lang: str = LANG) -> None:
    element = _child(rpr, "w:lang")
    element.set(qn("w:val"), lang)
    element.set(qn("w:eastAsia"), lang)


def style_run(run: Run, *, size: float, bold: bool = False, italic: bool = False) -> Run:
    """Font, size, bold and italic written on the run itself, so no style can change them."""
    r = run._r
    if r.rPr is not None:
        r.remove(r.rPr)
    r.insert(0, copy.deepcopy(_run_properties(size, bold, italic)))
    return run


def style_paragraph_mark(paragraph: Paragraph, *, size: float) -> None:
    """The paragraph mark's own size sets the height of an empty paragraph (spacers, rules)."""
    ppr = paragraph._p.get_or_add_pPr()
    existing = ppr.find(qn("w:rPr"))
    if existing is not None:
        ppr.remove(existing)
    _place(ppr, copy.deepcopy(_run_properties(size, False, False)))


def paragraph_border(paragraph: Paragraph, side: str, *, size: int = RULE_SIZE) -> None:
    borders = _child(paragraph._p.get_or_add_pPr(), "w:pBdr")
    edge = _child(borders, f"w:{side}")
    edge.set(qn("w:val"), "single")
    edge.set(qn("w:sz"), str(size))
    edge.set(qn("w:space"), "1")
    edge.set(qn("w:color"), "000000")


def page_number_field(paragraph: Paragraph, *, size: float) -> None:
    """A PAGE field, so that Word and LibreOffice print each page's own number."""

    def run() -> BaseOxmlElement:
        element: BaseOxmlElement = style_run(paragraph.add_run(), size=size)._r
        return element

    def char(kind: str) -> None:
        mark = OxmlElement("w:fldChar")
        mark.set(qn("w:fldCharType"), kind)
        run().append(mark)

    char("begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    run().append(instruction)
    char("separate")
    placeholder = OxmlElement("w:t")
    placeholder.text = "2"  # shown until the field is updated; both editors update it on layout
    run().append(placeholder)
    char("end")


def table_borders(table: Table, *, size: int | None) -> None:
    """All grid lines at `size` (eighths of a point), or none at all when size is None."""
    tbl_pr = table._tbl.tblPr
    borders = _child(tbl_pr, "w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = _child(borders, f"w:{edge}")
        element.set(qn("w:val"), "single" if size else "nil")
        if size:
            element.set(qn("w:sz"), str(size))
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")


def table_fixed_layout(table: Table, widths: Sequence[Length]) -> None:
    """Fixed column widths, set on the grid and on every cell (Word reads one, LibreOffice the other)."""
    total = _child(table._tbl.tblPr, "w:tblW")
    total.set(qn("w:type"), "dxa")
    total.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width


def repeat_as_header(row: _Row) -> None:
    _child(row._tr.get_or_add_trPr(), "w:tblHeader").set(qn("w:val"), "true")


def keep_row_together(row: _Row) -> None:
    _child(row._tr.get_or_add_trPr(), "w:cantSplit").set(qn("w:val"), "true")


def grid_table(
    *,
    widths: Sequence[int],
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    aligns: Sequence[str],
    bold_rows: frozenset[int],
    size: float,
) -> BaseOxmlElement:
    """A bordered table with a repeated header row, written as one piece of XML: building a
    thousand cells through python-docx's objects takes seconds, this takes milliseconds.
    `widths` are in twentieths of a point; texts may hold line breaks."""
    border = f'w:val="single" w:sz="{GRID_SIZE}" w:space="0" w:color="000000"'
    edges = "".join(f"<w:{edge} {border}/>" for edge in ("top", "left", "bottom", "right", "insideH", "insideV"))
    parts = [
        f"<w:tbl {nsdecls('w')}><w:tblPr>",
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>',
        f'<w:tblBorders>{edges}</w:tblBorders><w:tblLayout w:type="fixed"/>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        *(f'<w:gridCol w:w="{width}"/>' for width in widths),
        "</w:tblGrid>",
        _row(header, widths, ["center"] * len(widths), size=size, bold=True, repeat=True),
        *(
            _row(values, widths, aligns, size=size, bold=index in bold_rows, repeat=False)
            for index, values in enumerate(rows)
        ),
        "</w:tbl>",
    ]
    return parse_xml("".join(parts))


def _row(
    values: Sequence[str], widths: Sequence[int], aligns: Sequence[str], *, size: float, bold: bool, repeat: bool
) -> str:
    flags = "<w:cantSplit/>" + ("<w:tblHeader/>" if repeat else "")
    cells = "".join(
        _cell(text, width, align, size=size, bold=bold)
        for text, width, align in zip(values, widths, aligns, strict=True)
    )
    return f"<w:tr><w:trPr>{flags}</w:trPr>{cells}</w:tr>"


def _cell(text: str, width: int, align: str, *, size: float, bold: bool) -> str:
    rpr = _rpr_xml(size, bold, False)
    lines = [escape(line) for line in text.split("\n")]
    runs = f"<w:r>{rpr}<w:br/></w:r>".join(f'<w:r>{rpr}<w:t xml:space="preserve">{line}</w:t></w:r>' for line in lines)
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="40" w:after="40"/><w:jc w:val="{align}"/>'
        f"{_rpr_xml(size, False, False)}</w:pPr>{runs}</w:p></w:tc>"
    )
