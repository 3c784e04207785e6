"""QR codes of public addresses as SVG, drawn on the server (qrcode, pure Python)."""

from __future__ import annotations

import qrcode
import qrcode.constants
from qrcode.image.svg import SvgPathImage


def qr_svg(url: str) -> str:
    """An SVG QR code for `url` (error correction M: still reads on a creased, sun-faded print)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4, image_factory=SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    svg: str = code.make_image().to_string(encoding="unicode")
    return svg
