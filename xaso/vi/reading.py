"""What is written but not said, expanded into Vietnamese words for the loudspeakers.

`verbalise` turns "Ngày 23/8/2025, UBND xã ban hành Kế hoạch 33/KH-UBND, đạt 80%" into
"Ngày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã ban
hành Kế hoạch ba mươi ba kế hoạch Ủy ban nhân dân, đạt tám mươi phần trăm". Abbreviations
come from a dictionary the commune edits (xaso.vi.models.Abbreviation); an all-consonant
abbreviation missing from it is spelled with Vietnamese letter names rather than left for
the speech engine to guess.

Telephone numbers are read digit by digit in the groups they are written in ("0912 345 678" ->
"không chín một hai, ba bốn năm, sáu bảy tám"), or in the usual groups when written in one block.
What is written for the eye only is not read: web addresses (with the words that lead to them,
"xem chi tiết tại …"), link and picture labels ("Xem ảnh cỡ lớn") and photo credits.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from xaso.vi.markup import html_to_paragraphs
from xaso.vi.numbers import NORTHERN, Dialect, decimal_words, digits_words, number_words

MONTHS = {4: "tư"}  # "tháng tư", not "tháng bốn"
LETTERS = {
    "A": "a", "B": "bê", "C": "xê", "D": "dê", "Đ": "đê", "E": "e", "F": "ép", "G": "gờ", "H": "hát",
    "I": "i", "J": "gi", "K": "ca", "L": "lờ", "M": "mờ", "N": "nờ", "O": "o", "P": "pê", "Q": "quy",
    "R": "rờ", "S": "ét", "T": "tê", "U": "u", "V": "vê", "W": "vê kép", "X": "ích", "Y": "i dài", "Z": "dét",
}  # fmt: skip
SYMBOLS = {"&": " và ", "+": " cộng ", "=": " bằng ", "§": " điều ", "№": " số ", "°C": " độ xê", "°": " độ"}
# Written forms read as a whole.
FIXED = {"24/7": "hai mươi bốn trên bảy", "độ C": "độ xê"}
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

_L = r"A-Za-zÀ-ỹĐđ"  # letters, Vietnamese included (Latin-1 and Latin Extended Additional ranges)
_NUM = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
_DATE_WORDS = r"ngày|mùng|mồng|đêm|sáng|trưa|chiều|tối|khánh|dịp|từ|đến|và|trước|sau|hết"
# Units after a number that the shared dictionary has no entry for (it has km, ha, kg).
UNITS = {
    "km²": "ki-lô-mét vuông", "m²": "mét vuông", "m2": "mét vuông", "m³": "mét khối", "m3": "mét khối",
    "mm": "mi-li-mét", "cm": "xăng-ti-mét", "m": "mét",
}  # fmt: skip
_QTY = rf"(?:{_NUM})(?:\s*[–—-]\s*(?:{_NUM}))?"  # a number, or a range "18-25"
_SEP = r"[ .\-]"  # what separates the groups of a written telephone number
# Short service numbers read digit by digit after the words that introduce them ("gọi 113").
_PHONE_WORDS = r"gọi(?: ngay)?|gọi điện(?: đến| tới)?|số máy|số điện thoại|điện thoại|đường dây nóng|tổng đài|hotline"
_PATTERNS = [
    ("email", r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    (
        "phone",
        rf"(?<![\w.,/+-])(?P<phone>(?:\+84|\(\+84\))[ .]?\d{{2,3}}(?:{_SEP}?\d{{2,4}}){{2,3}}"
        rf"|\(0\d{{2,3}}\)[ .]?\d{{1,4}}(?:{_SEP}?\d{{2,4}}){{1,3}}|0\d{{2,3}}(?:{_SEP}?\d{{2,4}}){{2,3}}|0\d{{9,10}})"
        rf"(?![\w]|[.,]\d)",
    ),
    ("hotline", r"(?<![\w.,/])(?P<hotline>(?:1800|1900)[ .]?\d{4}(?:[ .]?\d{2})?)(?![\w]|[.,]\d)"),
    (
        "service",
        rf"(?P<service_lead>(?i:{_PHONE_WORDS})(?: số)?:? )(?P<service>\d{{3,5}})(?![\w/]|[.,]\d|{_SEP}\d)",
    ),
    ("date", r"(?P<date_prefix>(?i:ngày)\s+)?(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})(?!\d)"),
    ("month_year", r"(?P<my_prefix>(?i:tháng)\s+)(?P<mm>\d{1,2})[/-](?P<yy>\d{4})(?!\d)"),
    # A day and month without a year, after a word that announces a date ("ngày 30/4", "Quốc khánh
    # 2/9", "đêm 24/9", "từ 25/01 đến 02/02"); elsewhere "3/5" may be a fraction and is not a date.
    ("day_month", rf"(?P<dm_prefix>(?i:{_DATE_WORDS})\s+)(?P<dd>\d{{1,2}})/(?P<dmm>\d{{1,2}})(?![\d/])"),
    ("code", rf"(?P<code_num>\d+)(?:/(?P<code_year>\d{{4}}))?(?P<code_rest>(?:[/-][{_L}&]+)+)(?![{_L}\d])"),
    # "7h30", "14:00", "8 giờ 00 phút" (a zero minute is not read).
    ("time", rf"(?P<h>\d{{1,2}})(?:h| ?giờ|:)(?: ?(?P<min>[0-5]\d)(?: phút)?)?(?![\d{_L}])"),
    # A quantity or a range of them, then its unit: "95,5%", "10-15%", "300.000đ", "20-50 mm".
    ("percent", rf"(?P<pct>{_QTY})\s*%"),
    ("money", rf"(?<![\d{_L}])(?P<money>{_QTY})\s?đ(?![{_L}\d])"),
    ("unit", rf"(?<![\d{_L}])(?P<unit_num>{_QTY})\s?(?P<unit>{'|'.join(UNITS)})(?![\w²³])"),
    ("range", rf"(?P<r1>{_NUM})\s*[–—-]\s*(?P<r2>{_NUM})(?![\d{_L}])"),
    ("number", rf"(?<![\d{_L}])(?P<num>{_NUM})(?![\d])"),
    ("roman", r"(?m:^(?P<roman>I{1,3}|IV|VI{0,3}|IX|X)\.(?=\s))"),
]


# Words for the eye only, removed before anything is read. Web addresses: with a scheme or
# "www.", or a bare domain under a common suffix (dichvucong.gov.vn); the words leading to one
# ("xem chi tiết tại", "theo đường dẫn", "Nguồn:") go with it, so that the sentence still reads.
_URL_END = r"[^\s.,;:!?)»\"']"  # an address does not end with the sentence's punctuation
_DOMAIN = (
    rf"(?<![@\w.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:vn|com|net|org|gov|edu|info|io)(?![\w-])(?:/\S*{_URL_END})?"
)
_URL = rf"(?:(?:https?://|www\.)\S*{_URL_END}|{_DOMAIN})"
_URL_LEAD = (
    r"(?i:(?:,?\s*(?:hoặc|và)\s+)?(?:(?:mời (?:bà con |người dân )?)?(?:xem chi tiết|chi tiết xem|xem thêm|xem"
    r"|tra cứu|truy cập|đọc thêm)\s+)?(?:tại|ở|qua|theo|trên)\s+"
    r"(?:(?:địa chỉ|đường dẫn|đường link|link|trang|trang web|website|cổng)\s+)?"
    r"|(?:nguồn|xem thêm|chi tiết|xem chi tiết|link|đường dẫn|website|địa chỉ)\s*:\s*)"
)
_UNREAD = [
    # A sentence that only says where to read more: "Chi tiết kế hoạch xem tại https://…."
    re.compile(rf"(?:^|(?<=[.!?;]\s))(?i:(?:thông tin )?chi tiết|xem chi tiết)[^.!?;]{{0,60}}?{_URL}[.!?;]?"),
    re.compile(rf"\s*\([^()]*{_URL}[^()]*\)"),  # "(dichvucong.gov.vn)", "(xem thể lệ tại https://…)"
    re.compile(rf"\s*(?:{_URL_LEAD})?{_URL}"),
    # Link and picture labels: "Xem ảnh cỡ lớn", "(Ảnh minh họa)", "(Ảnh: Thu Hà)".
    re.compile(
        r"\s*\(?(?i:xem ảnh (?:cỡ lớn|gốc|lớn)|phóng to ảnh|bấm (?:vào )?(?:đây|ảnh) để (?:xem )?(?:ảnh )?(?:cỡ lớn|phóng to))\)?"
    ),
    re.compile(r"\s*\((?i:ảnh(?: minh họa)?|nguồn ảnh)(?:\s*:\s*[^)]{1,60})?\)"),
    re.compile(r"^(?i:ảnh minh họa|ảnh|nguồn ảnh|nguồn)\s*:\s*[^.!?]{1,60}\.?$"),  # a credit line
    re.compile(r"^(?i:ảnh minh họa)\.?$"),
]


def without_unread(text: str) -> str:
    """The text without web addresses, link and picture labels and photo credits."""
    for pattern in _UNREAD:
        text = pattern.sub("", text.strip())
    text = re.sub(r"\s+([.,;:!?])", r"\1", text)
    text = re.sub(r"[,;:]+([.!?])", r"\1", text)  # "…, xem tại https://….": the comma goes too
    return re.sub(r"^[\s.,;:]+", "", text).strip()


def _phone_groups(written: str) -> list[str]:
    """The groups a telephone number is read in: as written, else the usual ones."""
    prefix = ""
    body = written.replace("(", " ").replace(")", " ").strip()
    if body.startswith("+84"):
        prefix, body = "+84", body[3:].strip(" .")
    groups = [g for g in re.split(r"[ .\-]+", body) if g]
    if len(groups) == 1:
        digits = groups[0]
        if prefix:
            sizes = [3, 3, 3] if len(digits) == 9 else [3, 3, 4]
        elif len(digits) == 10:
            sizes = [4, 3, 3]
        elif digits.startswith(("024", "028")):
            sizes = [3, 4, 4]
        else:
            sizes = [4, 3, 4]
        groups, start = [], 0
        for size in sizes:
            groups.append(digits[start : start + size])
            start += size
    return ([prefix] if prefix else []) + [g for g in groups if g]


def phone_words(written: str) -> str:
    """ "0912 345 678" -> "không chín một hai, ba bốn năm, sáu bảy tám"."""
    words = []
    for group in _phone_groups(written):
        words.append("cộng tám bốn" if group == "+84" else digits_words(group))
    return ", ".join(words)


def _is_phone(written: str) -> bool:
    digits = re.sub(r"\D", "", written)
    if written.lstrip("( ").startswith("+84"):
        return len(digits) in (11, 12)
    return len(digits) in (10, 11) and digits.startswith("0")


def _month(m: int, dialect: Dialect) -> str:
    return MONTHS.get(m) or number_words(m, dialect=dialect)


def spell(token: str) -> str:
    return " ".join(LETTERS.get(ch.upper(), ch) for ch in token if ch.isalnum())


# An unaccented syllable: initial consonant(s), one to three vowels, a permitted final.
_SYLLABLE = re.compile(r"^(?:NGH|NG|GH|GI|KH|NH|PH|QU|TH|TR|CH|[BCDĐGHKLMNPRSTVX])?[AEIOUY]{1,3}(?:NG|NH|CH|[CMNPT])?$")


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
        # For a run of digits that looked like a telephone number but is not one.
        ordinary = [(name, regex) for name, regex in parts if name not in ("phone", "hotline", "service")]
        self.fallback = re.compile("|".join(f"(?P<k_{name}>{regex})" for name, regex in ordinary))

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
        if kind == "phone":
            if not _is_phone(g("phone")):
                return self.fallback.sub(self._replace_spaced, match.group(0))
            return phone_words(g("phone"))
        if kind == "hotline":
            return phone_words(g("hotline"))
        if kind == "service":
            return f"{g('service_lead')}{digits_words(g('service'))}"
        if kind == "email":
            spelled = match.group(0).replace("@", " a còng ").replace(".", " chấm ")
            before = match.string[: match.start()].rstrip(" :").lower()
            return spelled if before.endswith(("thư điện tử", "email", "e-mail")) else "địa chỉ thư điện tử " + spelled
        if kind == "date":
            day, month = int(g("d")), int(g("m"))
            if not (1 <= day <= 31 and 1 <= month <= 12):
                return match.group(0)
            prefix = g("date_prefix") or "ngày "
            return f"{prefix}{self.words(day)} tháng {_month(month, self.dialect)} năm {self.words(int(g('y')))}"
        if kind == "month_year":
            return f"{g('my_prefix')}{_month(int(g('mm')), self.dialect)} năm {self.words(int(g('yy')))}"
        if kind == "day_month":
            if not (1 <= int(g("dd")) <= 31 and 1 <= int(g("dmm")) <= 12):
                return self.fallback.sub(self._replace_spaced, match.group(0))
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
        if kind == "money":
            return self._quantity(g("money")) + " đồng"
        if kind == "unit":
            return f"{self._quantity(g('unit_num'))} {UNITS[g('unit')]}"
        if kind == "percent":
            return self._quantity(g("pct")) + " phần trăm"
        if kind == "number":
            return decimal_words(g("num"), dialect=self.dialect)
        if kind == "roman":
            return f"Phần {self.words(ROMAN[g('roman')])}."
        if kind == "abbr":
            return self.dictionary[g("abbr")]
        if kind == "caps":
            token = g("caps")
            # Spelled when it cannot be a Vietnamese syllable: "PKT", "OTP", "USB"; "SIM" stays a word.
            if not _has_vowel(token) or (len(token) <= 4 and not _SYLLABLE.match(token)):
                return spell(token)
            return token
        return match.group(0)

    def _quantity(self, text: str) -> str:
        """ "95,5" -> "chín mươi lăm phẩy năm"; "10-15" -> "mười đến mười lăm"."""
        parts = re.split(r"\s*[–—-]\s*", text)
        return " đến ".join(decimal_words(part, dialect=self.dialect) for part in parts)

    def _replace_spaced(self, match: re.Match[str]) -> str:
        spoken = self._replace(match)
        # "10ha" -> "mười héc-ta", not "mườiha": keep the expansion a word of its own.
        following = match.string[match.end() : match.end() + 1]
        if following.isalnum() and spoken[-1:].isalnum():
            spoken += " "
        return spoken

    def verbalise(self, text: str) -> str:
        """Words to read; "" when nothing in `text` is meant to be read aloud."""
        text = without_unread(text)
        if not re.search(r"\w", text):
            return ""
        for written, said in FIXED.items():
            text = re.sub(rf"(?<!\w){re.escape(written)}(?!\w)", said, text)
        spoken = self.pattern.sub(self._replace_spaced, text)
        for symbol, word in SYMBOLS.items():
            spoken = spoken.replace(symbol, word)
        spoken = re.sub(r"[*#_|<>\[\]{}/]", " ", spoken)
        return re.sub(r"[ \t]+", " ", spoken).replace(" ,", ",").replace(" .", ".").strip()

    def script_from_html(self, html: str) -> str:
        """The reading script of an article body: one paragraph a line, every figure in words."""
        spoken = (self.verbalise(paragraph) for paragraph in html_to_paragraphs(html))
        return "\n".join(line for line in spoken if line)


@lru_cache(maxsize=8)
def _cached_reader(items: tuple[tuple[str, str], ...]) -> Reader:
    return Reader(dict(items))


def verbalise(text: str, *, dictionary: Mapping[str, str]) -> str:
    return _cached_reader(tuple(sorted(dictionary.items()))).verbalise(text)


def script_from_html(html: str, *, dictionary: Mapping[str, str]) -> str:
    return _cached_reader(tuple(sorted(dictionary.items()))).script_from_html(html)
