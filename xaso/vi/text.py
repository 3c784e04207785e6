"""Vietnamese text helpers: accent folding for search and matching."""

from __future__ import annotations

import re
import unicodedata

# "đ" is a letter of its own, not "d" plus a mark: NFD leaves it alone.
_SPECIAL = str.maketrans({"đ": "d", "Đ": "D"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Lower-case text without Vietnamese diacritics: "Chuyển Đổi Số" -> "chuyen doi so"."""
    decomposed = unicodedata.normalize("NFD", text.translate(_SPECIAL))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def nfc(text: str) -> str:
    """Text in the composed form Vietnamese keyboards and OCR outputs disagree on."""
    return unicodedata.normalize("NFC", text)
