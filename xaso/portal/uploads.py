"""What editors may upload, and the Vietnamese messages when a file is refused.

Wagtail checks images and documents with its own (partly English) messages; the
forms in xaso.portal.forms replace them with these, and add a content check: a file
is accepted only if its bytes are what its extension claims (a renamed .exe is not a
.pdf), within a size limit that depends on the kind of file.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import filetype
from django.template.defaultfilters import filesizeformat

MB = 1024 * 1024

IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "avif", "heic")
IMAGE_MAX_BYTES = 10 * MB
IMAGE_MAX_PIXELS = 40_000_000

VIDEO_EXTENSIONS = frozenset({"mp4", "webm"})
AUDIO_EXTENSIONS = frozenset({"mp3", "ogg", "m4a"})
SLIDE_EXTENSIONS = frozenset({"pdf", "pptx", "odp"})


@dataclass(frozen=True)
class DocumentKind:
    label: str
    max_bytes: int
    # What `filetype` may recognise in the first bytes; None: plain UTF-8 text.
    signatures: frozenset[str] | None


_OFFICE_ZIP = "zip"
DOCUMENT_KINDS: dict[str, DocumentKind] = {
    "pdf": DocumentKind("PDF", 20 * MB, frozenset({"pdf"})),
    "docx": DocumentKind("Word (DOCX)", 20 * MB, frozenset({"docx", _OFFICE_ZIP})),
    "xlsx": DocumentKind("Excel (XLSX)", 20 * MB, frozenset({"xlsx", _OFFICE_ZIP})),
    "pptx": DocumentKind("PowerPoint (PPTX)", 50 * MB, frozenset({"pptx", _OFFICE_ZIP})),
    "odt": DocumentKind("văn bản ODT", 20 * MB, frozenset({"odt", _OFFICE_ZIP})),
    "ods": DocumentKind("bảng tính ODS", 20 * MB, frozenset({"ods", _OFFICE_ZIP})),
    "odp": DocumentKind("trình chiếu ODP", 50 * MB, frozenset({"odp", _OFFICE_ZIP})),
    "csv": DocumentKind("bảng CSV", 5 * MB, None),
    "txt": DocumentKind("văn bản TXT", 5 * MB, None),
    "mp3": DocumentKind("âm thanh MP3", 30 * MB, frozenset({"mp3"})),
    "ogg": DocumentKind("âm thanh OGG", 30 * MB, frozenset({"ogg"})),
    "m4a": DocumentKind("âm thanh M4A", 30 * MB, frozenset({"m4a", "mp4"})),
    "mp4": DocumentKind("video MP4", 100 * MB, frozenset({"mp4", "m4v"})),
    "webm": DocumentKind("video WebM", 100 * MB, frozenset({"webm", "mkv"})),
}
DOCUMENT_EXTENSIONS = tuple(DOCUMENT_KINDS)
DOCUMENT_MAX_BYTES = max(kind.max_bytes for kind in DOCUMENT_KINDS.values())

ERR_IMAGE_TYPE = "Tệp “{name}” không được nhận: chỉ nhận ảnh JPG, PNG, WebP, AVIF hoặc HEIC."
ERR_IMAGE_CONTENT = "Tệp “{name}” không phải là ảnh {extension} thật (nội dung không khớp với đuôi tệp)."
ERR_IMAGE_SIZE = "Ảnh “{name}” nặng {size}, vượt giới hạn {limit}. Hãy thu nhỏ ảnh rồi tải lên lại."
ERR_IMAGE_SIZE_UNKNOWN = "Ảnh quá nặng: giới hạn là {limit}. Hãy thu nhỏ ảnh rồi tải lên lại."
ERR_IMAGE_PIXELS = "Ảnh “{name}” quá lớn ({pixels} điểm ảnh; tối đa {limit}). Hãy thu nhỏ ảnh rồi tải lên lại."
ERR_IMAGE_BROKEN = "Tệp “{name}” không đọc được như một bức ảnh (tệp hỏng hoặc không phải ảnh)."

ERR_DOCUMENT_TYPE = "Tệp “{name}” không được nhận. Chỉ nhận: {allowed}."
ERR_DOCUMENT_CONTENT = "Tệp “{name}” không phải là tệp {kind} thật (nội dung không khớp với đuôi tệp)."
ERR_DOCUMENT_SIZE = "Tệp “{name}” nặng {size}, vượt giới hạn {limit} cho {kind}."
ERR_DOCUMENT_SIZE_UNKNOWN = "Tệp quá nặng: giới hạn lớn nhất là {limit}."
ERR_DOCUMENT_TEXT = "Tệp “{name}” không phải văn bản UTF-8 đọc được."


def extension_of(name: str) -> str:
    return PurePath(name).suffix.lower().lstrip(".")


def allowed_documents_text() -> str:
    return ", ".join(ext.upper() for ext in DOCUMENT_EXTENSIONS)


def document_refusal(*, name: str, size: int, head: bytes) -> str | None:
    """Why a document upload is refused, or None. `head` is the first 8 KB of the file."""
    extension = extension_of(name)
    kind = DOCUMENT_KINDS.get(extension)
    if kind is None:
        return ERR_DOCUMENT_TYPE.format(name=name, allowed=allowed_documents_text())
    if size > kind.max_bytes:
        return ERR_DOCUMENT_SIZE.format(
            name=name, size=filesizeformat(size), limit=filesizeformat(kind.max_bytes), kind=kind.label
        )
    if kind.signatures is None:
        if b"\x00" in head or not _decodes_as_utf8(head):
            return ERR_DOCUMENT_TEXT.format(name=name)
        return None
    guessed = filetype.guess(head)
    if guessed is None or guessed.extension not in kind.signatures:
        return ERR_DOCUMENT_CONTENT.format(name=name, kind=kind.label)
    return None


def read_head(file: IO[bytes], size: int = 8192) -> bytes:
    position = file.tell()
    file.seek(0)
    head = file.read(size)
    file.seek(position)
    return head


def _decodes_as_utf8(head: bytes) -> bool:
    # The 8 KB cut may split a multi-byte character: drop up to 3 trailing bytes.
    for cut in range(4):
        try:
            (head[: len(head) - cut] if cut else head).decode("utf-8")
        except UnicodeDecodeError:
            continue
        return True
    return False
