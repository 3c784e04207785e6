"""How wide a line of Times New Roman is, to size the short rules under header lines and the
columns of tables.

ND30 wants the rule under the issuing body and under the summary to be 1/3 to 1/2 of the line,
and the rule under the motto as long as the motto. Word users draw them by eye; we measure with
Liberation Serif 2 (xaso.documents.fonts), the metric twin of Times New Roman that LibreOffice lays
the PDF out with, so the widths are the ones Word and LibreOffice lay out.
"""

from __future__ import annotations

import functools
from typing import Any

from PIL import ImageFont

from xaso.documents.fonts import FontMissingError, serif_files

FONT_FAMILY = "Times New Roman"
_UNITS = 1000  # load fonts at 1000 px per em: getlength() is then in thousandths of an em
# Average advance widths of Times New Roman in em, for machines without fontconfig.
_FALLBACK_EM = {(False, False): 0.47, (True, False): 0.52, (False, True): 0.45, (True, True): 0.5}
_FALLBACK_CAPS_EM = {(False, False): 0.68, (True, False): 0.72, (False, True): 0.64, (True, True): 0.68}


@functools.cache
def _font(bold: bool, italic: bool) -> Any | None:
    style = " ".join(word for word, on in (("bold", bold), ("italic", italic)) if on) or "regular"
    try:
        return ImageFont.truetype(str(serif_files()[style]), _UNITS)
    except (FontMissingError, OSError):
        return None  # measured by averages: the document is still written, its rules a little off


def text_width_pt(text: str, *, size: float, bold: bool = False, italic: bool = False) -> float:
    """The advance width of `text` set in one line at `size` points."""
    font = _font(bold, italic)
    if font is not None:
        return float(font.getlength(text)) * size / _UNITS
    em = sum(
        (_FALLBACK_CAPS_EM if ch.isupper() else _FALLBACK_EM)[(bold, italic)] if not ch.isspace() else 0.25
        for ch in text
    )
    return em * size
