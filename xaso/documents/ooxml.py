"""Small WordprocessingML helpers python-docx has no API for: borders, fields, table flags."""

from __future__ import annotations

import copy
import functools
from collections.abc import Sequence

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
def _run_properties(size: float, bold: bool, italic: bool) -> BaseOxmlElement:
    # Built once per style and copied into each run: python-docx's property setters cost a few
    # milliseconds per run, which adds up to seconds for a report of thirty units.
    half_points = round(size * 2)
    flags = "".join(
        f'<w:{tag} w:val="{1 if on else 0}"/>'
        for tag, on in (("b", bold), ("bCs", bold), ("i", italic), ("iCs", italic))
    )
    return parse_xml(
        f"<w:rPr {nsdecls('w')}>"
        f'<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:eastAsia="{FONT}"/>'
        f'{flags}<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        "</w:rPr>"
    )


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
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = style_run(paragraph.add_run(), size=size)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


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
