"""Pictures the project draws itself (demo covers, an infographic) — nothing downloaded.

DejaVu fonts come from Debian's fonts-dejavu-core (bin/setup); Pillow finds them by name.
"""

from __future__ import annotations

import io
import textwrap

from PIL import Image, ImageDraw, ImageFont

Colour = tuple[int, int, int]
RED: Colour = (164, 22, 26)
GOLD: Colour = (240, 180, 0)
NAVY: Colour = (11, 79, 138)
WHITE: Colour = (255, 255, 255)
INK: Colour = (27, 31, 35)


def _font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)
    except OSError:
        return ImageFont.load_default(size=size)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def banner_png(*, title: str, subtitle: str, background: Colour = RED, size: tuple[int, int] = (1200, 675)) -> bytes:
    """A flat cover picture: a title over a band of colour and a few circuit-like lines."""
    width, height = size
    image = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(image)
    for index in range(8):
        y = 60 + index * 70
        draw.line((width - 420, y, width - 120, y), fill=GOLD, width=4)
        draw.ellipse((width - 130, y - 12, width - 106, y + 12), outline=GOLD, width=4)
    draw.rectangle((0, height - 14, width, height), fill=GOLD)
    lines = textwrap.wrap(title, width=24)
    y = 120
    for line in lines[:4]:
        draw.text((70, y), line, font=_font(64, bold=True), fill=WHITE)
        y += 84
    draw.text((70, y + 30), subtitle, font=_font(34), fill=WHITE)
    return _png(image)


def bars_infographic_png(*, title: str, bars: list[tuple[str, int]], note: str) -> bytes:
    """A simple bar infographic: labelled percentages on white, readable on a phone."""
    width, row = 1080, 120
    height = 220 + row * len(bars) + 90
    image = Image.new("RGB", (width, height), WHITE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 150), fill=NAVY)
    for index, line in enumerate(textwrap.wrap(title, width=38)[:2]):
        draw.text((50, 30 + index * 52), line, font=_font(44, bold=True), fill=WHITE)
    for index, (label, percent) in enumerate(bars):
        top = 200 + index * row
        draw.text((50, top), label, font=_font(32), fill=INK)
        draw.rectangle((50, top + 48, 50 + int(8.6 * percent), top + 92), fill=RED)
        draw.text((60 + int(8.6 * percent), top + 50), f"{percent}%", font=_font(34, bold=True), fill=INK)
    draw.text((50, height - 70), note, font=_font(26), fill=INK)
    return _png(image)
