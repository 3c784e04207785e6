"""The completion certificate: one A5 landscape PDF page with a QR code to its public verification page.

Drawn with reportlab in Liberation Serif 2 (the metric twin of Times New Roman with every Vietnamese
letter; xaso.documents.fonts finds and checks its files), embedded so that the text prints and copies
with its diacritics, in one typeface. Without it the certificate cannot be drawn and
CertificateError says so in Vietnamese.
"""

from __future__ import annotations

import functools
import io

import qrcode
import qrcode.constants
from reportlab.lib.pagesizes import A5, landscape
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from xaso.documents.fonts import FontMissingError, serif_files
from xaso.indicators.templatetags.indicators import trong_cau
from xaso.learning.models import Completion
from xaso.vi.dates import date_line

REGULAR, BOLD, ITALIC = "XasoSerif", "XasoSerif-Bold", "XasoSerif-Italic"


class CertificateError(RuntimeError):
    pass


@functools.cache
def _register_fonts() -> None:
    try:
        files = serif_files()
    except FontMissingError as exc:
        raise CertificateError(str(exc)) from exc
    for name, style in ((REGULAR, "regular"), (BOLD, "bold"), (ITALIC, "italic")):
        pdfmetrics.registerFont(TTFont(name, str(files[style])))


def _qr_png(url: str) -> bytes:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=8, border=2)
    code.add_data(url)
    code.make(fit=True)
    buffer = io.BytesIO()
    code.make_image().save(buffer)
    return buffer.getvalue()


def _fit(pdf: canvas.Canvas, text: str, font: str, size: float, width: float) -> float:
    """The largest size up to `size` at which `text` fits in `width` (long names stay on one line)."""
    while size > 8 and pdf.stringWidth(text, font, size) > width:
        size -= 0.5
    return size


def certificate_pdf(*, completion: Completion, verify_url: str) -> bytes:
    _register_fonts()
    enrolment = completion.enrolment
    course, learner = enrolment.course, enrolment.learner
    commune = course.commune
    lessons = course.lessons.count()
    buffer = io.BytesIO()
    width, height = landscape(A5)
    # Started in the serif too: a canvas begins in Helvetica, which would be a second family in the file.
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=REGULAR)
    pdf.setTitle(f"Giấy chứng nhận {completion.certificate_display}")
    pdf.setAuthor(f"Ủy ban nhân dân {trong_cau(commune)}")
    pdf.setSubject(course.title)

    pdf.setStrokeColorRGB(0.55, 0.1, 0.1)
    pdf.setLineWidth(2)
    pdf.rect(8 * mm, 8 * mm, width - 16 * mm, height - 16 * mm)
    pdf.setLineWidth(0.6)
    pdf.rect(10 * mm, 10 * mm, width - 20 * mm, height - 20 * mm)

    left_x, right_x = 50 * mm, width - 62 * mm
    top = height - 20 * mm
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(REGULAR, 10)
    pdf.drawCentredString(left_x, top, "ỦY BAN NHÂN DÂN")
    pdf.setFont(BOLD, 10)
    pdf.drawCentredString(left_x, top - 5 * mm, commune.name.upper())
    pdf.drawCentredString(right_x, top, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    pdf.setFont(BOLD, 10.5)
    motto = "Độc lập - Tự do - Hạnh phúc"
    pdf.drawCentredString(right_x, top - 5 * mm, motto)
    motto_width = pdf.stringWidth(motto, BOLD, 10.5)
    pdf.line(right_x - motto_width / 2, top - 6.5 * mm, right_x + motto_width / 2, top - 6.5 * mm)
    pdf.line(left_x - 12 * mm, top - 6.5 * mm, left_x + 12 * mm, top - 6.5 * mm)

    centre = width / 2
    text_width = width - 40 * mm
    pdf.setFillColorRGB(0.55, 0.1, 0.1)
    pdf.setFont(BOLD, 20)
    pdf.drawCentredString(centre, top - 22 * mm, "GIẤY CHỨNG NHẬN")
    pdf.setFont(BOLD, 12)
    pdf.drawCentredString(centre, top - 29 * mm, "HOÀN THÀNH KHÓA HỌC")
    pdf.setFillColorRGB(0, 0, 0)
    pdf.setFont(REGULAR, 12)
    pdf.drawCentredString(centre, top - 40 * mm, "Chứng nhận Ông/Bà:")
    size = _fit(pdf, learner.name, BOLD, 18, text_width)
    pdf.setFont(BOLD, size)
    pdf.drawCentredString(centre, top - 49 * mm, learner.name)
    pdf.setFont(REGULAR, 12)
    pdf.drawCentredString(
        centre, top - 58 * mm, f"đã học và làm đạt bài kiểm tra của cả {lessons} bài học trong khóa học"
    )
    size = _fit(pdf, course.title, BOLD, 13, text_width)
    pdf.setFont(BOLD, size)
    pdf.drawCentredString(centre, top - 65 * mm, course.title)

    pdf.setFont(ITALIC, 11)
    # Communes named after a person keep their unit word: "Xã Hoàng Văn Thụ, ngày …" (Decree 30).
    pdf.drawCentredString(right_x - 6 * mm, 47 * mm, date_line(place=commune.name, value=completion.completed_on))
    pdf.setFont(BOLD, 10.5)
    pdf.drawCentredString(right_x - 6 * mm, 41 * mm, f"ỦY BAN NHÂN DÂN {commune.name.upper()}")

    qr_size = 26 * mm
    pdf.drawImage(ImageReader(io.BytesIO(_qr_png(verify_url))), 16 * mm, 14 * mm, qr_size, qr_size)
    pdf.setFont(REGULAR, 8.5)
    pdf.drawString(44 * mm, 32 * mm, f"Mã chứng nhận: {completion.certificate_display}")
    pdf.drawString(44 * mm, 27 * mm, "Quét mã QR hoặc mở địa chỉ dưới đây để kiểm tra:")
    pdf.drawString(44 * mm, 22 * mm, verify_url)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
