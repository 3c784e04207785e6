"""A workbook printed as LibreOffice Calc prints it, read back as a reader sees the page: words that print
over each other (pdfplumber's word boxes) and cell values that do not come out whole (pdftotext)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pdfplumber
from openpyxl import load_workbook

from xaso.documents.pdf import xlsx_to_pdf
from xaso.documents.tests.reading import _tool, pdf_info, words_of

# Boxes may touch (a rule, a descender meeting the next line's accent); printing over each other means
# sharing more than this many points each way.
TOLERANCE = 1.0


@dataclass(frozen=True)
class Overlap:
    page: int
    first: str
    second: str

    def __str__(self) -> str:
        return f"trang {self.page}: “{self.first}” đè lên “{self.second}”"


def print_workbook(data: bytes, directory: Path, name: str = "bang-tinh") -> Path:
    path = directory / f"{name}.pdf"
    path.write_bytes(xlsx_to_pdf(data))
    return path


def overlapping_words(path: Path) -> list[Overlap]:
    """Pairs of words whose boxes overlap on a page (a wrapped line printed over the next row)."""
    found: list[Overlap] = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages, start=1):
            words = sorted(page.extract_words(keep_blank_chars=False, use_text_flow=False), key=lambda w: w["x0"])
            # A sweep over x: only words whose x ranges meet are compared.
            for i, first in enumerate(words):
                for second in words[i + 1 :]:
                    if second["x0"] >= first["x1"] - TOLERANCE:
                        break
                    if min(first["bottom"], second["bottom"]) - max(first["top"], second["top"]) > TOLERANCE:
                        found.append(Overlap(number, first["text"], second["text"]))
    return found


def _shown(value: Any, number_format: str) -> str:
    """The words a cell prints, whatever the locale's separators (words_of drops them)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.strftime("%m %Y" if "dd" not in number_format else "%d %m %Y")
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        if number_format.endswith("%"):
            decimals = len(number_format.split(".")[1].rstrip("%")) if "." in number_format else 0
            return f"{float(value) * 100:,.{decimals}f}"
        if "." in number_format:
            decimals = len(number_format.split(".")[1])
            shown = f"{float(value):,.{decimals}f}"
            return shown.rstrip("0").rstrip(".") if "#" in number_format.split(".")[1] else shown
        return f"{value:,}" if number_format != "General" else f"{value}"
    return str(value)


def cut_cells(data: bytes, path: Path) -> list[str]:
    """Cells of the workbook (every sheet) with a word that the printed PDF does not give back whole:
    words are counted, so a cell cut at the edge of its column or row is missed even when its words
    are printed elsewhere (repeated header rows only add to what was printed). pdftotext keeps its
    layout, since otherwise it joins "57-" at a line's end to the next line's "NQ/TW"."""
    printed = Counter(words_of(_tool("pdftotext", "-layout", "-enc", "UTF-8", str(path), "-")))
    wanted: Counter[str] = Counter()
    cells: list[tuple[str, list[str]]] = []
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None:
                    words = words_of(_shown(cell.value, cell.number_format))
                    wanted.update(words)
                    cells.append((f"{sheet.title}!{cell.coordinate} “{cell.value}”", words))
    short = {word for word, count in wanted.items() if printed[word] < count}
    return [f"{where}: {' '.join(w for w in words if w in short)}" for where, words in cells if short & set(words)]


def pages_without_a_whole_header(data: bytes, path: Path) -> list[int]:
    """Pages that print no sheet's whole header row: a table cut between its columns, its right-hand
    columns on a page of their own. Every sheet's first row is its header, repeated on each page."""
    headers = []
    for sheet in load_workbook(io.BytesIO(data)).worksheets:
        header_row = next(
            (row for row in sheet.iter_rows(max_row=5) if sum(cell.value is not None for cell in row) > 1), None
        )
        if header_row is not None:
            headers.append(
                Counter(w for cell in header_row for w in words_of(_shown(cell.value, "General")) if cell.value)
            )
    incomplete = []
    for number in range(1, _page_total(path) + 1):
        printed = Counter(words_of(_tool("pdftotext", "-layout", "-f", str(number), "-l", str(number), str(path), "-")))
        if not any(all(printed[w] >= n for w, n in header.items()) for header in headers):
            incomplete.append(number)
    return incomplete


def _page_total(path: Path) -> int:
    with pdfplumber.open(path) as pdf:
        return len(pdf.pages)


def page_sizes(path: Path) -> list[str]:
    """pdfinfo's size of every page: "841.89 x 595.276 pts (A4)"."""
    info = pdf_info(str(path))
    return [value for key, value in info.items() if key.startswith("Page") and key.endswith("size")]
