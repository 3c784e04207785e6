"""What an uploaded file really is: decoded or opened in full, and refused if it is two things at once.

The fields' first checks (extension, size, leading bytes: xaso/activities/evidence.py,
xaso/portal/uploads.py, xaso/learning/media.py) say what a file claims to be. `content_refusal` then
proves it: an image is decoded by Pillow (`verify()`, then `load()` of every pixel, with only the
decoder of its own format and a pixel limit), a PDF is opened by pypdf (pages counted, the first page
read, no JavaScript, launch actions or embedded files), an Office file passes the archive checks
(xaso/inputs/archives.py), a text file decodes as UTF-8 to its end. Polyglots — a JPEG or PDF that is
also a ZIP archive, an HTML page or a script, an Office file that is also a PDF — are refused
whatever their first bytes say. Messages are Vietnamese, naming the file.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import IO, Any

from xaso.inputs.archives import MAIN_PARTS, zip_refusal

MAX_PIXELS = 40_000_000

ERR_IMAGE_BROKEN = "Tệp “{name}” không đọc được như một bức ảnh (tệp hỏng hoặc không phải ảnh {kind})."
ERR_IMAGE_PIXELS = "Ảnh “{name}” quá lớn (hơn {limit} điểm ảnh); hãy thu nhỏ ảnh rồi tải lên lại."
ERR_PDF_BROKEN = "Tệp “{name}” không mở được như một tài liệu PDF (tệp hỏng hoặc không phải PDF)."
ERR_PDF_LOCKED = "Tệp PDF “{name}” có đặt mật khẩu; hãy bỏ mật khẩu rồi tải lên lại."
ERR_PDF_ACTIVE = "Tệp PDF “{name}” có chứa mã lệnh hoặc tệp đính kèm bên trong; hãy in lại ra PDF thường rồi tải lên."
ERR_POLYGLOT = "Tệp “{name}” vừa là {kind} vừa chứa {other} bên trong; tệp như vậy không được nhận."
ERR_TEXT = "Tệp “{name}” không phải văn bản UTF-8 đọc được."

IMAGE_FORMATS = {
    "jpg": "JPEG",
    "jpeg": "JPEG",
    "png": "PNG",
    "webp": "WEBP",
    "avif": "AVIF",
    "heic": "HEIF",
}
PDF = ("pdf",)
TEXT = ("csv", "txt")
# Recordings are checked by their signature (xaso/portal/uploads.py); for polyglots only their ends
# are read: a ZIP's directory sits at the end, markup a browser would sniff at the start.
MEDIA = ("mp3", "ogg", "m4a", "mp4", "webm")
MEDIA_ENDS = 1024 * 1024

# What a browser or an interpreter would run, anywhere in the first bytes or (for scripts) the file.
_MARKUP = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body|script|iframe|svg|object|embed)\b|<\?php", re.IGNORECASE)
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")


def _read(file: IO[bytes] | Any, *, ends: int | None = None) -> bytes:
    """The whole file, or (ends=n) its first and last n bytes."""
    stream = getattr(file, "file", file)
    position = stream.tell() if hasattr(stream, "tell") else 0
    stream.seek(0)
    data: bytes = stream.read(ends) if ends else stream.read()
    if ends:
        stream.seek(0, io.SEEK_END)
        size = stream.tell()
        if size > ends:
            stream.seek(max(ends, size - ends))
            data += stream.read()
    stream.seek(position)
    return data


def _is_zip(data: bytes) -> bool:
    return zipfile.is_zipfile(io.BytesIO(data))


def polyglot_refusal(data: bytes, *, name: str, extension: str) -> str | None:
    """A file that is also another kind of file: a ZIP inside an image or PDF, markup or a script,
    a PDF header inside the first kilobyte (where PDF readers look for it) of anything else."""
    kind = extension.upper()
    is_office = extension in MAIN_PARTS
    if not is_office and _is_zip(data):
        return ERR_POLYGLOT.format(name=name, kind=kind, other="một tệp nén ZIP")
    if extension not in PDF and b"%PDF-" in data[:1024]:
        return ERR_POLYGLOT.format(name=name, kind=kind, other="một tài liệu PDF")
    # Office and PDF files carry compressed streams: only their first kilobytes are read as text.
    searched = data[:4096] if is_office or extension in PDF else data
    if _MARKUP.search(searched):
        return ERR_POLYGLOT.format(name=name, kind=kind, other="mã trang web hoặc mã lệnh")
    return None


def image_refusal(data: bytes, *, name: str, extension: str, max_pixels: int = MAX_PIXELS) -> str | None:
    from PIL import Image

    pil_format = IMAGE_FORMATS[extension]
    if pil_format == "HEIF":
        from pillow_heif import register_heif_opener

        register_heif_opener()
    kind = "HEIC" if pil_format == "HEIF" else pil_format
    try:
        with Image.open(io.BytesIO(data), formats=[pil_format]) as image:
            width, height = image.size
            if width * height > max_pixels:
                raise Image.DecompressionBombError(f"{width}x{height}")
            image.verify()
        # verify() checks the structure and leaves the image unusable: decode it again, in full.
        with Image.open(io.BytesIO(data), formats=[pil_format]) as image:
            image.load()
    except Image.DecompressionBombError:
        return ERR_IMAGE_PIXELS.format(name=name, limit=f"{max_pixels:,}".replace(",", "."))
    except Exception:  # Pillow raises a dozen kinds (OSError, SyntaxError, ValueError …)
        return ERR_IMAGE_BROKEN.format(name=name, kind=kind)
    return None


def pdf_refusal(data: bytes, *, name: str) -> str | None:
    from pypdf import PdfReader

    if _PDF_ACTIVE.search(data):
        return ERR_PDF_ACTIVE.format(name=name)
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            return ERR_PDF_LOCKED.format(name=name)
        if len(reader.pages) < 1:
            return ERR_PDF_BROKEN.format(name=name)
        page = reader.pages[0]
        _ = page.mediabox
        root: Any = reader.trailer["/Root"]
        names: Any = root.get("/Names")
        names = names.get_object() if names is not None else {}
        if any(key in root for key in ("/OpenAction", "/AA")) and _PDF_ACTIVE.search(repr(root).encode()):
            return ERR_PDF_ACTIVE.format(name=name)
        if "/JavaScript" in names or "/EmbeddedFiles" in names:
            return ERR_PDF_ACTIVE.format(name=name)
    except Exception:  # pypdf raises its own errors, and KeyError, ValueError, RecursionError on broken files
        return ERR_PDF_BROKEN.format(name=name)
    return None


def text_refusal(data: bytes, *, name: str) -> str | None:
    if b"\x00" in data:
        return ERR_TEXT.format(name=name)
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return ERR_TEXT.format(name=name)
    return None


def content_refusal(file: IO[bytes] | Any, *, name: str, extension: str) -> str | None:
    """Why the file whose extension and leading bytes were already accepted is refused, or None.
    Reads the whole file (uploads are capped by size before this: xaso/inputs/limits.py)."""
    data = _read(file, ends=MEDIA_ENDS if extension in MEDIA else None)
    refusal = polyglot_refusal(data, name=name, extension=extension)
    if refusal:
        return refusal
    if extension in IMAGE_FORMATS:
        return image_refusal(data, name=name, extension=extension)
    if extension in PDF:
        return pdf_refusal(data, name=name)
    if extension in MAIN_PARTS:
        return zip_refusal(data, name=name, kind=extension)
    if extension in TEXT:
        return text_refusal(data, name=name)
    return None
