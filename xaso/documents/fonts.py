"""The one serif every PDF of Xã số is set in: Liberation Serif 2.x (Debian's fonts-liberation2), the
metric twin of Times New Roman with every Vietnamese letter.

Debian also installs Liberation 1.07 (fonts-liberation, which chromium depends on); its serif has 2 of
the 90 letters U+1EA0–U+1EF9, so a PDF set in it falls back to another typeface for "ụ", "ế", "ở"
inside a word — pdftotext then gives "Th ụ", and a ReportLab certificate prints boxes. The project's
fontconfig file (fonts/fonts.conf) is the system's without the 1.x directory: LibreOffice (DOCX to
PDF) and fc-match run with it, and ReportLab registers the 2.x files found through it, after checking
that they have every Vietnamese letter.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import subprocess
from pathlib import Path

from reportlab.pdfbase.ttfonts import TTFontFile

logger = logging.getLogger(__name__)

FONTCONFIG_FILE = Path(__file__).resolve().parent / "fonts" / "fonts.conf"
FAMILY = "Liberation Serif"
STYLES = ("regular", "bold", "italic", "bold italic")
MIN_VERSION = 2 << 16  # fontconfig's fontversion: the font's revision times 65536
# Every letter of Vietnamese beyond ASCII: the vowels with their tone marks (precomposed, as NFC text
# holds them) and đ. A font missing one of them cannot set Vietnamese in one typeface.
VIETNAMESE = "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúýĂăĐđĨĩŨũƠơƯư" + "".join(chr(code) for code in range(0x1EA0, 0x1EFA))
ERR_NO_FONT = "Máy chủ chưa sẵn sàng tạo tệp PDF tiếng Việt (thiếu phông chữ); xin báo quản trị hệ thống."


class FontMissingError(RuntimeError):
    """The Vietnamese-complete serif is not installed; the message is for the user, the log says why."""


def fontconfig_env() -> dict[str, str]:
    """The environment of a process that lays out text (soffice, fc-match): the project's fontconfig."""
    return {**os.environ, "FONTCONFIG_FILE": str(FONTCONFIG_FILE)}


def missing_letters(path: Path) -> str:
    """The Vietnamese letters the TrueType font at `path` has no glyph for."""
    mapped = TTFontFile(str(path)).charToGlyph
    return "".join(letter for letter in VIETNAMESE if ord(letter) not in mapped)


def _match(style: str) -> tuple[str, Path, int] | None:
    fc_match = shutil.which("fc-match")
    if fc_match is None:
        return None
    found = subprocess.run(  # noqa: S603 - fixed arguments, no shell
        [fc_match, "-f", "%{family}\n%{file}\n%{fontversion}", f"{FAMILY}:style={style.title()}"],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
        env=fontconfig_env(),
    )
    lines = found.stdout.splitlines()
    if found.returncode != 0 or len(lines) < 3 or not lines[2].isdigit():
        return None
    return lines[0], Path(lines[1]), int(lines[2])


@functools.cache
def serif_files() -> dict[str, Path]:
    """style ("regular", "bold", "italic", "bold italic") -> the Liberation Serif 2.x file; raises
    FontMissingError when one is missing, older than 2.0 or short of a Vietnamese letter."""
    files: dict[str, Path] = {}
    for style in STYLES:
        found = _match(style)
        if found is None:
            logger.error("fc-match is missing or found no %s %s", FAMILY, style)
            raise FontMissingError(ERR_NO_FONT)
        family, path, version = found
        if FAMILY not in family.split(",") or path.suffix.lower() != ".ttf" or not path.exists():
            logger.error("%s %s resolves to %s (%s): install fonts-liberation2", FAMILY, style, path, family)
            raise FontMissingError(ERR_NO_FONT)
        missing = missing_letters(path)
        if version < MIN_VERSION or missing:
            logger.error("%s (version %.2f) lacks %r: install fonts-liberation2", path, version / 65536, missing)
            raise FontMissingError(ERR_NO_FONT)
        files[style] = path
    return files
