"""What is written but not said, expanded into Vietnamese words for the loudspeakers.

`verbalise` turns "Ngày 23/8/2025, UBND xã ban hành Kế hoạch 33/KH-UBND, đạt 80%" into
"Ngày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã ban
hành Kế hoạch ba mươi ba kế hoạch Ủy ban nhân dân, đạt tám mươi phần trăm". Abbreviations
come from a dictionary the commune edits (xaso.vi.models.Abbreviation); an all-consonant
abbreviation missing from it is spelled with Vietnamese letter names rather than left for
the speech engine to guess.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from xaso.vi.markup import html_to_paragraphs
from xaso.vi.numbers import NORTHERN, Dialect, decimal_words, number_words

MONTHS = {4: "tư"}  # "tháng tư", not "tháng bốn"
LETTERS = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "F": "ép", "G": "gờ", "H": "hát",
    "I": "i", "J": "gi", "K": "ca", "L": "lờ", "M": "mờ", "N": "nờ", "O": "o", "P": "pê", "Q": "quy",
    "R": "rờ", "S": "ét", "T": "tê", "U": "u", "V": "vê", "W": "vê kép", "X": "ích", "Y": "i dài", "Z": "dét",
}  # fmt: skip
SYMBOLS = {"&": " và ", "+": " cộng ", "=": " bằng ", "§": " điều ", "№": " số "}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

_L = r"A-Za-zÀ-ỹĐđ"  # letters, Vietnamese included (Latin-1 and Latin Extended Additional ranges)
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_PATTERNS = [
    ("url", r"(?:https?://|www\.)\S+"),
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    ("date", r"(?P<date_prefix>(?i:ngày)\s+)?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)"),
    ("month_year", r"(?P<my_prefix>(?i:tháng)\s+)(?P<mm>\d{1,2})[/-](?P<yy>\d{4})(?!\d)"),
    ("day_month", r"(?P<dm_prefix>(?i:ngày)\s+)(?P<dd>\d{1,2})[/-](?P<dmm>\d{1,2})(?![\d/])"),
    ("code", rf"(?P<code_num>\d+)(?:/(?P<code_year>\d{{4}}))?(?P<code_rest>(?:[/-][{_L}&]+)+)(?![{_L}\d])"),
    ("time", r"(?P<h>\d{1,2})(?:h|giờ|:)(?P<min>[0-5]\d)?(?![\d{_L}])".replace("{_L}", _L)),
    ("range", rf"(?P<r1>{_NUM})\s*[–—-]\s*(?P<r2>{_NUM})(?![\d{_L}])"),
    ("percent", rf"(?P<pct>{_NUM})\s*%"),
    ("number", rf"(?<![\d{_L}])(?P<num>{_NUM})(?![\d])"),
    ("roman", r"(?m:^(?P<roman>I{1,3}|IV|VI{0,3}|IX|X)\.(?=\s))"),
]


def _month(m: int, dialect: Dialect) -> str:
    return MONTHS.get(m) or number_words(m, dialect=dialect)


def spell(token: str) -> str:
    return " ".join(LETTERS.get(ch.upper(), ch) for ch in token if ch.isalnum())


def _has_vowel(token: str) -> bool:
    return any(ch in "AEIOUYaeiouy" for ch in token)


class Reader:
    """Verbalises text with one dictionary; build once per script, reuse for every paragraph."""

    def __init__(self, dictionary: Mapping[str, str], *, dialect: Dialect = NORTHERN) -> None:
        self.dialect = dialect
        # Longest first, so that "KH&CN" wins over "KH" and "UBND" over "UB".
        self.dictionary = {key: value for key, value in dictionary.items() if key.strip() and value.strip()}
        keys = sorted(self.dictionary, key=len, reverse=True)
        abbreviation = "|".join(re.escape(key) for key in keys) or r"(?!x)x"
        parts = [*_PATTERNS]
        parts.insert(len(parts) - 1, ("abbr", rf"(?<![^\W\d_])(?<!&)(?P<abbr>{abbreviation})(?![\w&])"))
        parts.append(("caps", r"(?<![\w])(?P<caps>[A-ZĐ]{2,6})(?![\w])"))
        self.pattern = re.compile("|".join(f"(?P<k_{name}>{regex})" for name, regex in parts))

    def words(self, n: int) -> str:
        return number_words(n, dialect=self.dialect)

    def _code_part(self, part: str) -> str:
        if part in self.dictionary:
            return self.dictionary[part]
        if part.upper() == part and not _has_vowel(part):
            return spell(part)
        return part

    def _replace(self, match: re.Match[str]) -> str:
        kind = (match.lastgroup or "")[2:]
        g = match.group
        if kind == "url":
            return "đường dẫn đăng kèm bài viết"
        if kind == "email":
            return "địa chỉ thư điện tử " + match.group(0).replace("@", " a còng ").replace(".", " chấm ")
        if kind == "date":
            day, month = int(g("d")), int(g("m"))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return match.group(0)
            prefix = g("date_prefix") or "ngày "
            return f"{prefix}{self.words(day)} tháng {_month(month, self.dialect)} năm {self.words(int(g('y')))}"
        if kind == "month_year":
            return f"{g('my_prefix')}{_month(int(g('mm')), self.dialect)} năm {self.words(int(g('yy')))}"
        if kind == "day_month":
            return f"{g('dm_prefix')}{self.words(int(g('dd')))} tháng {_month(int(g('dmm')), self.dialect)}"
        if kind == "code":
            parts = [p for p in re.split(r"[/-]", g("code_rest")) if p]
            year = [f"năm {self.words(int(g('code_year')))}"] if g("code_year") else []
            return " ".join([self.words(int(g("code_num"))), *year, *(self._code_part(p) for p in parts)])
        if kind == "time":
            hours = int(g("h"))
            if hours > 24:
                return match.group(0)
            minutes = g("min")
            spoken = f"{self.words(hours)} giờ"
            if minutes and int(minutes):
                spoken += f" {self.words(int(minutes))} phút"
            return spoken
        if kind == "range":
            return f"{decimal_words(g('r1'), dialect=self.dialect)} đến {decimal_words(g('r2'), dialect=self.dialect)}"
        if kind == "percent":
            return decimal_words(g("pct"), dialect=self.dialect) + " phần trăm"
        if kind == "number":
            return decimal_words(g("num"), dialect=self.dialect)
        if kind == "roman":
            return f"Phần {self.words(ROMAN[g('roman')])}."
        if kind == "abbr":
            return self.dictionary[g("abbr")]
        if kind == "caps":
            token = g("caps")
            return spell(token) if not _has_vowel(token) else token
        return match.group(0)

    def _replace_spaced(self, match: re.Match[str]) -> str:
        spoken = self._replace(match)
        # "10ha" -> "mười héc-ta", not "mườiha": keep the expansion a word of its own.
        following = match.string[match.end() : match.end() + 1]
        if following.isalnum() and spoken[-1:].isalnum():
            spoken += " "
        return spoken

    def verbalise(self, text: str) -> str:
        spoken = self.pattern.sub(self._replace_spaced, text)
        for symbol, word in SYMBOLS.items():
            spoken = spoken.replace(symbol, word)
        spoken = re.sub(r"[*#_|<>\[\]{}/]", " ", spoken)
        return re.sub(r"[ \t]+", " ", spoken).replace(" ,", ",").replace(" .", ".").strip()

    def script_from_html(self, html: str) -> str:
        """The reading script of an article body: one paragraph a line, every figure in words."""
        return "\n".join(self.verbalise(paragraph) for paragraph in html_to_paragraphs(html))


@lru_cache(maxsize=8)
def _cached_reader(items: tuple[tuple[str, str], ...]) -> Reader:
    return Reader(dict(items))


def verbalise(text: str, *, dictionary: Mapping[str, str]) -> str:
    return _cached_reader(tuple(sorted(dictionary.items()))).verbalise(text)


def script_from_html(html: str, *, dictionary: Mapping[str, str]) -> str:
    return _cached_reader(tuple(sorted(dictionary.items()))).script_from_html(html)
