"""The declarative model of a Vietnamese administrative document (Decree 30/2020/NĐ-CP, Appendix I).

Callers describe *what* the document says; the writers (docx.py, xlsx.py) decide how it is laid
out. Everything is immutable and typed, so a report builder can be tested without rendering, and
`document_validate` tells in Vietnamese what is missing before any file is written.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

Cell = str | int | float | Decimal | dt.date | None
ColumnKind = Literal["text", "integer", "decimal", "percent", "date"]
Align = Literal["justify", "left", "center", "right"]


@dataclass(frozen=True, kw_only=True)
class Issuer:
    """The issuing body, top left (ô số 2).

    `parent` is the directly governing body, upright caps ("UBND XÃ HOÀNG VĂN THỤ" above
    "PHÒNG VĂN HÓA - XÃ HỘI"). People's Committees and Councils at every level have none: their
    name alone is the block, in bold ("ỦY BAN NHÂN DÂN" / "XÃ HOÀNG VĂN THỤ").
    """

    name_lines: tuple[str, ...]
    parent_lines: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class DocumentHeader:
    issuer: Issuer
    # Registered number, given by the records office (văn thư) when the document is issued;
    # None leaves the blank a draft carries ("Số:      /BC-UBND").
    number: int | None = None
    symbol: str  # "BC-UBND"
    place: str  # "Xã Hoàng Văn Thụ" (units named after a person keep "Xã")
    # None prints the blank line of a draft ("ngày      tháng      năm 2026"), dated at signing.
    issued_on: dt.date | None = None
    draft_year: int | None = None
    document_type: str  # "BÁO CÁO"; "" for an official letter (công văn)
    summary: str  # trích yếu; for a công văn it follows "V/v" under the number
    addressees: tuple[str, ...] = ()  # "Kính gửi" (reports to a superior body, official letters)


@dataclass(frozen=True, kw_only=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    # A reference to a table of the document by its `key`: numbering.number_tables writes "Bảng 2".
    ref: str = ""


def table_ref(key: str) -> Run:
    """ "(chi tiết tại Bảng 2)" without knowing the number: it is given in order of appearance."""
    return Run(text="", ref=key)


@dataclass(frozen=True, kw_only=True)
class Paragraph:
    text: str | tuple[Run, ...]
    bold: bool = False
    italic: bool = False
    indent: bool = True  # the first-line indent of running text
    align: Align = "justify"


@dataclass(frozen=True, kw_only=True)
class Column:
    title: str
    width: float = 1.0  # relative weight; the writers fit the sum to the page or sheet
    kind: ColumnKind = "text"


@dataclass(frozen=True, kw_only=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    # The caption above the table, in bold, centred. A table in a document's body must have one; it
    # is numbered in order of appearance ("Bảng 2. …") by numbering.number_tables, never by hand.
    title: str = ""
    note: str = ""  # shown under it in italic
    font_size: float = 12
    # Rows styled in bold (totals), by index into `rows`.
    bold_rows: frozenset[int] = frozenset()
    key: str = ""  # what Run(ref=…) points at


@dataclass(frozen=True, kw_only=True)
class Section:
    """A heading with its content. Numbering follows depth: I., 1., a)."""

    title: str
    body: tuple[Block, ...] = ()


@dataclass(frozen=True, kw_only=True)
class ToComplete:
    """A passage only the office can write (an assessment no figure can make). A document holding one
    is a draft: it is printed "DỰ THẢO" with `prompt` in its place, and cannot take a number or a date
    of issue until the office has written the passage (validation refuses it)."""

    prompt: str


Block = Paragraph | Table | Section | ToComplete


@dataclass(frozen=True, kw_only=True)
class SignatureBlock:
    title: str  # "PHÓ CHỦ TỊCH"
    name: str  # "Hoàng Văn Hùng"
    authority: str = ""  # "KT. CHỦ TỊCH", "TM. ỦY BAN NHÂN DÂN", "TL. CHỦ TỊCH"...
    collective: str = ""  # "TM. ỦY BAN NHÂN DÂN" above the authority, for collegial bodies


@dataclass(frozen=True, kw_only=True)
class Recipients:
    items: tuple[str, ...] = ()  # "Sở KH&CN (b/c)", each printed "- …;"
    archive: str = "VT"  # "VT, VHXH" -> the last line "- Lưu: VT, VHXH."


@dataclass(frozen=True, kw_only=True)
class Document:
    header: DocumentHeader
    body: tuple[Block, ...]
    signature: SignatureBlock
    recipients: Recipients = field(default_factory=Recipients)
    font_size: Literal[13, 14] = 14  # running text; ND30 allows 13 to 14
