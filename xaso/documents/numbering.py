"""How administrative documents number their parts and write their figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from xaso.documents.model import Cell, ColumnKind

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
