"""Cleaning extracted text line by line, keeping line numbers: the draft links items to the
lines of this text, so cleaning never adds or removes a line."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from xaso.vi.accents import WORD, Restored, looks_accentless, looks_garbled, restore
from xaso.vi.text import fold

# Look-alikes that break matching: "Ð" (U+00D0, Icelandic eth) for "Đ", ligatures from PDFs.
_LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ", "ﬁ": "fi", "ﬂ": "fl", "\u00a0": " ", "\u200b": "", "\ufeff": ""})
# Marks OCR sprinkles on letters ("nghệ¢", "B§", "về€") that are no part of Vietnamese.
_OCR_SPECKS = re.compile(r"[¢€§¥£©®™\\]|(?<=\w)[’‘'*](?=\w)")
_DOUBLE_HYPHEN = re.compile(r"(\d)\s*-\s*-\s*(?=[A-ZĐ])")
# Lines of a scraped web page that are no part of the document.
_NOISE = [
    re.compile(p)
    for p in (
        r"^(he thong phap luat|dang tai van ban|tai ve|muc luc|luu|theo doi van ban|bao loi|ghi chu)$",
        r"^(so hieu|loai van ban|noi ban hanh|nguoi ky|ngay ban hanh|ngay hieu luc|ngay cong bao|so cong bao|tinh trang|linh vuc|co quan ban hanh)\s*:?.*",
        r"^(ban dich nay|thu vien phap luat|vui long|neu ban la thanh vien|de su dung toan bo|quy khach).*",
        r"^(trang chu|dang nhap|dang ky|chia se|in trang|ban in|facebook|zalo|twitter|y kien tham do|truy cap|hom nay|hom qua|tuan nay|thang nay|tat ca)\b\s*:?\s*\d*$",
        r"^[|\s-]*$",
    )
]


@dataclass
class SourceText:
    """The document's text as shown to the reader, and the same lines with diacritics restored."""

    lines: list[str]
    restored: list[str]
    mode: str  # "as_is", "plain" (diacritics added) or "ocr" (garbled text repaired)
    # Per line: (index of the word on the restored line, the word as it was, doubtful?)
    restored_words: list[list[tuple[int, str, bool]]]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def clean_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line.translate(_LOOKALIKES))
    line = _OCR_SPECKS.sub("", line)
    line = _DOUBLE_HYPHEN.sub(r"\1-", line)
    return line.rstrip()


def is_noise(line: str) -> bool:
    folded = fold(line).strip("|-: ")
    return any(p.match(folded) for p in _NOISE) and len(folded) < 160


def prepare(raw: str, *, mode: str | None = None) -> SourceText:
    """Clean the text and, where it lacks diacritics or was garbled by OCR, restore them."""
    lines = [clean_line(line) for line in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = ["" if is_noise(line) else line for line in lines]
    text = "\n".join(lines)
    if mode is None:
        mode = "ocr" if looks_garbled(text) else "plain" if looks_accentless(text) else "as_is"
    if mode == "as_is":
        return SourceText(lines, list(lines), mode, [[] for _ in lines])
    result: Restored = restore(text, ocr=mode == "ocr")
    restored = result.text.split("\n")
    words: list[list[tuple[int, str, bool]]] = [[] for _ in lines]
    # restore() reports offsets per line in order; walk them back onto their lines.
    index = 0
    line_no = 0
    for word in result.words:
        while line_no < len(lines) and index >= len(_words_on(lines[line_no])):
            line_no += 1
            index = 0
        if line_no >= len(lines):
            break
        if word.changed:
            words[line_no].append((index, word.original, word.doubtful))
        index += 1
    return SourceText(lines, restored, mode, words)


def _words_on(line: str) -> list[str]:
    return WORD.findall(line)
