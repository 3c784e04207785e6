"""How administrative documents number their parts and tables, write their figures, and tell a draft."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import replace
from decimal import Decimal

from xaso.documents.model import Block, Cell, ColumnKind, Document, Paragraph, Section, Table, ToComplete

# Points (điểm) run through the Vietnamese alphabet: "đ" comes after "d"; f, j, w, z are not letters.
VI_LETTERS = [
    "a",
    "b",
    "c",
    "d",
    "đ",
    "e",
    "g",
    "h",
    "i",
    "k",
    "l",
    "m",
    "n",
    "o",
    "p",
    "q",
    "r",
    "s",
    "t",
    "u",
    "v",
    "x",
    "y",
]
_ROMAN = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
]


def roman(n: int) -> str:
    out = []
    for value, letters in _ROMAN:
        count, n = divmod(n, value)
        out.append(letters * count)
    return "".join(out)


def vi_letter(n: int) -> str:
    """1 -> "a", 5 -> "đ"; past "y" the letters double ("aa"), which offices avoid anyway."""
    letters = VI_LETTERS
    index = n - 1
    if index < len(letters):
        return letters[index]
    return letters[index // len(letters) - 1] + letters[index % len(letters)]


def section_number(depth: int, n: int) -> str:
    """The printed number of a heading: "II.", "3.", "b)"."""
    if depth == 0:
        return f"{roman(n)}."
    if depth == 1:
        return f"{n}."
    return f"{vi_letter(n)})"


def number_vi(value: int | float | Decimal, *, decimals: int = 0) -> str:
    """1234567.5 -> "1.234.567,5": Vietnamese groups thousands with dots and uses a decimal comma."""
    text = f"{Decimal(str(value)):,.{decimals}f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def cell_text(value: Cell, kind: ColumnKind) -> str:
    """A table cell as printed in a document (the XLSX annex keeps the raw value)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, dt.date):
        return value.strftime("%d/%m/%Y")
    if kind == "integer":
        return number_vi(value)
    if kind == "percent":
        # Percent cells hold fractions (0.85), as spreadsheets do.
        return number_vi(Decimal(str(value)) * 100, decimals=_decimals(Decimal(str(value)) * 100)) + "%"
    if kind == "decimal":
        return number_vi(value, decimals=_decimals(Decimal(str(value))))
    return str(value)


def _decimals(value: Decimal) -> int:
    exponent = value.normalize().as_tuple().exponent
    return min(-exponent, 2) if isinstance(exponent, int) and exponent < 0 else 0


# -- tables numbered in order of appearance ------------------------------------------------------------

TABLE_NUMBER = re.compile(r"^Bảng (\d+)\.\s")


def number_tables(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """The body with its captioned tables numbered in reading order ("Bảng 1. …", "Bảng 2. …", any
    number already in a caption replaced) and every `Run(ref=key)` written as the number of the table
    holding that key ("Bảng 2"). Numbering a numbered body again changes nothing."""
    numbers: dict[str, int] = {}
    counter = [0]

    def title(block: Table) -> Table:
        if not block.title.strip():
            return block
        counter[0] += 1
        if block.key:
            numbers[block.key] = counter[0]
        # A number written by hand is replaced: only the order of appearance decides.
        caption = TABLE_NUMBER.sub("", block.title.strip(), count=1)
        return replace(block, title=f"Bảng {counter[0]}. {caption}")

    def walk(items: tuple[Block, ...], visit: Callable[[Block], Block]) -> tuple[Block, ...]:
        out: list[Block] = []
        for item in items:
            if isinstance(item, Section):
                out.append(replace(item, body=walk(item.body, visit)))
            else:
                out.append(visit(item))
        return tuple(out)

    def refer(block: Block) -> Block:
        if isinstance(block, Paragraph) and not isinstance(block.text, str):
            runs = tuple(
                replace(run, text=f"Bảng {numbers[run.ref]}", ref="") if run.ref in numbers else run
                for run in block.text
            )
            return replace(block, text=runs)
        return block

    numbered = walk(blocks, lambda block: title(block) if isinstance(block, Table) else block)
    return walk(numbered, refer)


def tables_in_order(blocks: tuple[Block, ...]) -> list[Table]:
    found: list[Table] = []
    for block in blocks:
        if isinstance(block, Section):
            found += tables_in_order(block.body)
        elif isinstance(block, Table):
            found.append(block)
    return found


def to_complete(blocks: tuple[Block, ...]) -> list[ToComplete]:
    """The passages the office has still to write."""
    found: list[ToComplete] = []
    for block in blocks:
        if isinstance(block, Section):
            found += to_complete(block.body)
        elif isinstance(block, ToComplete):
            found.append(block)
    return found


def is_draft(document: Document) -> bool:
    """A document still waiting for the office's own text: printed "DỰ THẢO", never numbered or sent."""
    return bool(to_complete(document.body))
