"""Numbers in Vietnamese words, as a news reader says them.

The rules that a naive digit-by-digit reading gets wrong:
- 1 after "mươi" is "mốt" (21 "hai mươi mốt"), but after "mười" or "linh" it stays "một";
- 5 after "mười"/"mươi" is "lăm" (15 "mười lăm", 25 "hai mươi lăm"), but "năm" after "linh";
- a zero tens digit with a non-zero unit reads "linh" (Northern) or "lẻ" (Southern): 105;
- inside a number, a three-digit group under 100 keeps its "không trăm": 2025 is
  "hai nghìn không trăm hai mươi lăm", 1005 "một nghìn không trăm linh năm";
- groups are nghìn (or ngàn), triệu, tỷ; past a thousand billion the words repeat ("nghìn tỷ").
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

DIGITS = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")


@dataclass(frozen=True)
class Dialect:
    zero_ten: str = "linh"  # "lẻ" in the South
    thousand: str = "nghìn"  # "ngàn" in the South


NORTHERN = Dialect()
SOUTHERN = Dialect(zero_ten="lẻ", thousand="ngàn")


def _below_hundred(n: int, *, dialect: Dialect, after_hundred: bool) -> list[str]:
    tens, units = divmod(n, 10)
    if tens == 0:
        if units == 0:
            return []
        return [dialect.zero_ten, DIGITS[units]] if after_hundred else [DIGITS[units]]
    words = ["mười"] if tens == 1 else [DIGITS[tens], "mươi"]
    if units == 1:
        words.append("một" if tens == 1 else "mốt")
    elif units == 5:
        words.append("lăm")
    elif units:
        words.append(DIGITS[units])
    return words


def _group(n: int, *, dialect: Dialect, full: bool) -> list[str]:
    """Three digits; `full` when a higher group precedes, so that "không trăm" is said."""
    hundreds, rest = divmod(n, 100)
    words: list[str] = []
    if hundreds or full:
        words += [DIGITS[hundreds], "trăm"]
    words += _below_hundred(rest, dialect=dialect, after_hundred=bool(words))
    return words


def _below_billion(n: int, *, dialect: Dialect, full: bool) -> list[str]:
    millions, rest = divmod(n, 1_000_000)
    thousands, units = divmod(rest, 1000)
    words: list[str] = []
    for value, unit in ((millions, "triệu"), (thousands, dialect.thousand), (units, "")):
        if value == 0:
            continue
        words += _group(value, dialect=dialect, full=full or bool(words))
        if unit:
            words.append(unit)
    return words


def _words(n: int, *, dialect: Dialect, full: bool) -> list[str]:
    billions, rest = divmod(n, 1_000_000_000)
    words: list[str] = []
    if billions:
        words += _words(billions, dialect=dialect, full=full)
        words.append("tỷ")
    if rest:
        words += _below_billion(rest, dialect=dialect, full=full or bool(words))
    return words


def number_words(n: int, *, dialect: Dialect = NORTHERN) -> str:
    """123 -> "một trăm hai mươi ba"; 2025 -> "hai nghìn không trăm hai mươi lăm"."""
    if n < 0:
        return "âm " + number_words(-n, dialect=dialect)
    if n == 0:
        return "không"
    return " ".join(_words(n, dialect=dialect, full=False))


def digits_words(digits: str) -> str:
    """Each digit on its own: "0912" -> "không chín một hai" (telephone numbers, leading zeros)."""
    return " ".join(DIGITS[int(d)] for d in digits if d.isdigit())


def decimal_words(text: str, *, dialect: Dialect = NORTHERN) -> str:
    """A number written the Vietnamese way: "12,5" -> "mười hai phẩy năm", "1.000.000" -> "một triệu".

    Dots group thousands and the comma separates decimals. After the comma, leading zeros are
    read one by one and the rest as a number ("3,05" -> "ba phẩy không năm")."""
    whole, _, fraction = text.partition(",")
    whole = whole.replace(".", "").replace(" ", "")
    try:
        Decimal(whole + ("." + fraction if fraction else ""))
    except InvalidOperation as exc:
        raise ValueError(f"không phải số: {text!r}") from exc
    words = number_words(int(whole), dialect=dialect)
    if fraction:
        stripped = fraction.lstrip("0")
        zeros = len(fraction) - len(stripped)
        parts = ["không"] * zeros
        if stripped:
            parts.append(number_words(int(stripped), dialect=dialect))
        words += " phẩy " + " ".join(parts)
    return words
