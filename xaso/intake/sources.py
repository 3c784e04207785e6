"""What a programme owner may upload as a plan's document, checked by content before it is kept.

The name's extension must agree with what the bytes are (a PDF renamed .docx is refused), each
kind has its size cap, and the file goes through the project's upload checks (xaso/inputs/files.py:
polyglots, a DOCX's archive from its directory, a PDF's password and active content, a picture
decoded in full, UTF-8 text), then is opened the way the reader will open it: a DOCX by
python-docx, a PDF by pdfplumber (page count), a picture by Pillow (pixel count).
"""

from __future__ import annotations

import io
import zipfile

from django.core.exceptions import ValidationError

from xaso.inputs.archives import MAIN_PARTS
from xaso.inputs.files import content_refusal
from xaso.intake.models import SourceKind

MB = 1024 * 1024

MAX_FILE = 20 * MB
MAX_IMAGE = 10 * MB
MAX_TEXT_CHARS = 300_000
MAX_PDF_PAGES = 80
MAX_PIXELS = 60_000_000

EXTENSIONS = {
    SourceKind.DOCX: ("docx",),
    SourceKind.PDF: ("pdf",),
    SourceKind.IMAGE: ("png", "jpg", "jpeg"),
    SourceKind.TEXT: ("txt",),
}
SNIFFED = {"pdf": SourceKind.PDF, "docx": SourceKind.DOCX, "png": SourceKind.IMAGE, "jpeg": SourceKind.IMAGE}

ERR_EMPTY = "Tệp “{name}” rỗng."
ERR_EXTENSION = (
    "Tệp “{name}” không được nhận: chỉ nhận văn bản Word (.docx), PDF, ảnh chụp hoặc bản quét (PNG, JPG) "
    "và văn bản thuần (.txt). Với tệp .doc cũ, hãy mở bằng Word hoặc LibreOffice và lưu lại dạng .docx."
)
ERR_MISMATCH = "Tệp “{name}” có đuôi .{ext} nhưng nội dung không phải {expected}; hãy chọn đúng tệp gốc."
ERR_TOO_BIG = "Tệp “{name}” nặng {size} MB, vượt giới hạn {limit} MB cho {kind}."
ERR_UPLOAD_TOO_BIG = "Tệp “{name}” nặng {size} MB, vượt giới hạn {limit} MB của một văn bản kế hoạch."
ERR_DOCX = "Không đọc được tệp Word “{name}”: tệp có thể bị hỏng. Hãy mở bằng Word hoặc LibreOffice rồi lưu lại."
ERR_PDF = "Không đọc được tệp PDF “{name}”: tệp có thể bị hỏng hoặc có mật khẩu."
ERR_PDF_PAGES = "Tệp PDF “{name}” có {pages} trang; một kế hoạch tải lên tối đa {limit} trang."
ERR_IMAGE = "Không đọc được ảnh “{name}”: tệp có thể bị hỏng."
ERR_IMAGE_PIXELS = "Ảnh “{name}” quá lớn ({pixels} triệu điểm ảnh, tối đa {limit} triệu); hãy chụp hoặc quét ở 300 dpi."
ERR_TEXT_ENCODING = "Tệp “{name}” không phải văn bản UTF-8. Hãy lưu tệp với bảng mã UTF-8 (Unicode) rồi tải lên lại."
ERR_TEXT_BINARY = "Tệp “{name}” không phải văn bản thuần."
ERR_TEXT_EMPTY = "Chưa có nội dung: hãy dán toàn văn kế hoạch."
ERR_TEXT_LONG = "Văn bản dán vào dài {count} ký tự, vượt giới hạn {limit} ký tự."

KIND_WORDS = {
    SourceKind.DOCX: "văn bản Word",
    SourceKind.PDF: "tệp PDF",
    SourceKind.IMAGE: "ảnh",
    SourceKind.TEXT: "văn bản thuần",
}


def _mb(size: int) -> str:
    return f"{size / MB:.1f}".replace(".", ",")


def sniff(data: bytes) -> str:
    """What the bytes are: "pdf", "png", "jpeg", "docx", or "" (anything else, text included)."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return ""
        return "docx" if all(part in names for part in MAIN_PARTS["docx"]) else "zip"
    return ""


def source_check(*, name: str, data: bytes) -> str:
    """The kind of an uploaded plan document; raises ValidationError with a Vietnamese message."""
    if not data:
        raise ValidationError(ERR_EMPTY.format(name=name), code="empty")
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    claimed = next((kind for kind, exts in EXTENSIONS.items() if ext in exts), None)
    if claimed is None:
        raise ValidationError(ERR_EXTENSION.format(name=name), code="extension")
    kind = SNIFFED.get(sniff(data), SourceKind.TEXT)
    if kind != claimed:
        raise ValidationError(
            ERR_MISMATCH.format(name=name, ext=ext, expected=KIND_WORDS[SourceKind(claimed)]), code="mismatch"
        )
    limit = MAX_IMAGE if kind == SourceKind.IMAGE else MAX_FILE
    if len(data) > limit:
        raise ValidationError(
            ERR_TOO_BIG.format(name=name, size=_mb(len(data)), limit=limit // MB, kind=KIND_WORDS[SourceKind(kind)]),
            code="size",
        )
    refusal = content_refusal(io.BytesIO(data), name=name, extension="jpg" if ext == "jpeg" else ext)
    if refusal:
        raise ValidationError(refusal, code="content")
    {
        SourceKind.DOCX: _check_docx,
        SourceKind.PDF: _check_pdf,
        SourceKind.IMAGE: _check_image,
        SourceKind.TEXT: _check_text_file,
    }[kind](name, data)
    return kind


def _check_docx(name: str, data: bytes) -> None:
    import docx

    try:
        docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a broken package
        raise ValidationError(ERR_DOCX.format(name=name), code="docx") from exc


def _check_pdf(name: str, data: bytes) -> None:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
    except Exception as exc:  # pdfminer raises many kinds (syntax, password, encryption)
        raise ValidationError(ERR_PDF.format(name=name), code="pdf") from exc
    if pages > MAX_PDF_PAGES:
        raise ValidationError(ERR_PDF_PAGES.format(name=name, pages=pages, limit=MAX_PDF_PAGES), code="pages")


def _check_image(name: str, data: bytes) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
            if width * height > MAX_PIXELS:
                raise ValidationError(
                    ERR_IMAGE_PIXELS.format(
                        name=name, pixels=width * height // 1_000_000, limit=MAX_PIXELS // 1_000_000
                    ),
                    code="pixels",
                )
            image.load()
    except ValidationError:
        raise
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ValidationError(ERR_IMAGE.format(name=name), code="image") from exc


def _check_text_file(name: str, data: bytes) -> None:
    if b"\x00" in data:
        raise ValidationError(ERR_TEXT_BINARY.format(name=name), code="binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValidationError(ERR_TEXT_ENCODING.format(name=name), code="encoding") from exc
    text_check(text)


def text_check(text: str) -> str:
    """Pasted text: not empty, not longer than a plan could be."""
    if not text.strip():
        raise ValidationError(ERR_TEXT_EMPTY, code="empty")
    if len(text) > MAX_TEXT_CHARS:
        raise ValidationError(ERR_TEXT_LONG.format(count=f"{len(text):,}".replace(",", "."), limit="300.000"))
    if "\x00" in text:
        raise ValidationError(ERR_TEXT_BINARY.format(name="dán vào"), code="binary")
    return text
