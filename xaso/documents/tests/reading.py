"""Reading a written DOCX back with python-docx, the way a reviewer checks a document's layout."""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell, _Row
from docx.text.paragraph import Paragraph

EMU_PER_PT = 12700


def read(data: bytes) -> DocxDocument:
    return docx.Document(io.BytesIO(data))


def texts(paragraphs: list[Paragraph]) -> list[str]:
    return [p.text for p in paragraphs if p.text.strip()]


def body_paragraphs(doc: DocxDocument) -> list[Paragraph]:
    """Paragraphs of the body itself (not in tables), in order."""
    return list(doc.paragraphs)


def find(paragraphs: list[Paragraph], text: str) -> Paragraph:
    for paragraph in paragraphs:
        if paragraph.text == text:
            return paragraph
    raise AssertionError(f"no paragraph {text!r} among {texts(paragraphs)!r}")


def find_start(paragraphs: list[Paragraph], start: str) -> Paragraph:
    for paragraph in paragraphs:
        if paragraph.text.startswith(start):
            return paragraph
    raise AssertionError(f"no paragraph starting {start!r} among {texts(paragraphs)!r}")


@dataclass(frozen=True)
class Style:
    font: str | None
    size: float  # 0 when the run has no size of its own
    bold: bool | None
    italic: bool | None


def run_styles(paragraph: Paragraph) -> set[Style]:
    """The distinct styles of a paragraph's visible runs."""
    return {
        Style(
            font=run.font.name,
            size=run.font.size.pt if run.font.size else 0.0,
            bold=run.font.bold,
            italic=run.font.italic,
        )
        for run in paragraph.runs
        if run.text.strip()
    }


def only_style(paragraph: Paragraph) -> Style:
    styles = run_styles(paragraph)
    assert len(styles) == 1, f"{paragraph.text!r} mixes styles {styles}"
    return styles.pop()


def all_paragraphs(doc: DocxDocument) -> Iterator[Paragraph]:
    """Every paragraph: body, table cells (nested too), page headers."""
    yield from doc.paragraphs
    for table in doc.tables:
        yield from _table_paragraphs(table)
    for section in doc.sections:
        for header in (section.header, section.first_page_header):
            yield from header.paragraphs


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    for row in table.rows:
        for cell in row.cells:
            yield from cell.paragraphs
            for inner in cell.tables:
                yield from _table_paragraphs(inner)


def row_has(row: _Row, tag: str) -> bool:
    """Whether a table row carries a property such as "w:tblHeader" or "w:cantSplit"."""
    props = row._tr.trPr
    return props is not None and props.find(qn(tag)) is not None


def is_rule(paragraph: Paragraph) -> bool:
    ppr = paragraph._p.pPr
    return bool(ppr is not None and ppr.find(qn("w:pBdr")) is not None and not paragraph.text.strip())


def rule_length_pt(paragraph: Paragraph, room_pt: float) -> float:
    """The drawn length of a rule paragraph placed in `room_pt` of text width."""
    fmt = paragraph.paragraph_format
    left = fmt.left_indent.pt if fmt.left_indent else 0.0
    right = fmt.right_indent.pt if fmt.right_indent else 0.0
    return room_pt - left - right


def cell_width_pt(cell: _Cell) -> float:
    assert cell.width is not None
    return cell.width / EMU_PER_PT


def _tool(name: str, *args: str) -> str:
    """Run a poppler-utils tool (installed by bin/setup) and return its output."""
    executable = shutil.which(name)
    assert executable, f"{name} is missing: run bin/setup (poppler-utils)"
    return subprocess.run([executable, *args], capture_output=True, check=True, text=True).stdout  # noqa: S603


def pdf_text(path: str, *, page: int | None = None) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page is not None else []
    return _tool("pdftotext", "-layout", "-enc", "UTF-8", *pages, path, "-")


def pdf_info(path: str) -> dict[str, str]:
    info = {}
    for line in _tool("pdfinfo", "-f", "1", "-l", "999", path).splitlines():
        key, _, value = line.partition(":")
        info[key.strip()] = value.strip()
    return info


def pdf_fonts(path: str) -> str:
    return _tool("pdffonts", path)


def pdf_font_families(path: str) -> set[str]:
    """The embedded font families of a PDF ("LiberationSerif" for LiberationSerif-Bold), subset tags off."""
    families = set()
    for line in pdf_fonts(path).splitlines()[2:]:
        name = line.split()[0] if line.strip() else ""
        name = name.split("+", 1)[-1]
        families.add(name.split("-")[0].split(",")[0])
    return {family for family in families if family}


def words_of(text: str) -> list[str]:
    """The words of a text as a reader copies them: runs of letters and digits (NFC)."""
    import re
    import unicodedata

    return re.findall(r"\w+", unicodedata.normalize("NFC", text))


def pdf_missing_words(path: str, source: str) -> list[str]:
    """Words of `source` that pdftotext does not give back whole (a syllable split by a font change)."""
    found = set(words_of(_tool("pdftotext", "-enc", "UTF-8", path, "-")))
    return [word for word in dict.fromkeys(words_of(source)) if word not in found]
