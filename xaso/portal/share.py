"""The picture a shared link shows on Facebook and Zalo (Open Graph, Twitter card): exactly 1200×630
for every page. A page with a cover shows the cover cropped to that size; any other page (the home
page, sections, articles without a picture) shows its title set in Liberation Serif 2, which has every
Vietnamese letter, on the portal's colours. Drawn here, nothing downloaded."""

from __future__ import annotations

import io
from typing import Any

from PIL import Image, ImageDraw, ImageFont, ImageOps

from xaso.documents.fonts import serif_files
from xaso.portal.imaging import GOLD, RED, WHITE
from xaso.vi.text import nfc

SIZE = (1200, 630)
MARGIN = 80
MAX_LINES = 4


def _wrapped(text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    """Lines no wider than `width`, broken between words only (a syllable is never cut)."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def title_card(*, title: str, site_name: str) -> Image.Image:
    image = Image.new("RGB", SIZE, RED)
    draw = ImageDraw.Draw(image)
    files = serif_files()
    width = SIZE[0] - 2 * MARGIN
    title = nfc(" ".join(title.split()))
    for size in range(76, 30, -4):
        font = ImageFont.truetype(str(files["bold"]), size)
        lines = _wrapped(title, font, width)
        if len(lines) <= MAX_LINES and all(font.getlength(line) <= width for line in lines):
            break
    lines = lines[:MAX_LINES]
    leading = round(size * 1.25)
    top = (SIZE[1] - 110 - leading * len(lines)) // 2 + 20
    for index, line in enumerate(lines):
        draw.text((MARGIN, top + index * leading), line, font=font, fill=WHITE)
    draw.rectangle((0, SIZE[1] - 96, SIZE[0], SIZE[1] - 90), fill=GOLD)
    small = ImageFont.truetype(str(files["regular"]), 34)
    draw.text((MARGIN, SIZE[1] - 72), nfc(site_name), font=small, fill=WHITE)
    return image


def cover_card(cover_file: Any) -> Image.Image:
    with Image.open(cover_file) as opened:
        upright = ImageOps.exif_transpose(opened).convert("RGB")
    return ImageOps.fit(upright, SIZE, method=Image.Resampling.LANCZOS)


def share_jpeg(*, title: str, site_name: str, cover_file: Any | None) -> bytes:
    image = cover_card(cover_file) if cover_file is not None else title_card(title=title, site_name=site_name)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85, optimize=True, progressive=True)
    return buffer.getvalue()
