"""What an evidence file may be: a few office formats, each with a size limit, checked by content.

The extension alone is not trusted: the first bytes must match the format, so a renamed
executable or a broken download is refused with a message the uploader understands; then the
whole file is decoded or opened, and a polyglot refused (xaso.inputs.files).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

from xaso.inputs.files import content_refusal

MB = 1024 * 1024

ERR_EVIDENCE_TYPE = (
    "Tệp “{name}” không được nhận: chỉ nhận ảnh (JPG, PNG, WEBP), PDF, Word (DOCX), Excel (XLSX), "
    "OpenDocument (ODT, ODS) hoặc âm thanh (MP3, OGG)."
)
ERR_EVIDENCE_SIZE = "Tệp “{name}” nặng {size}, vượt giới hạn {limit} cho {family}."
ERR_EVIDENCE_CONTENT = "Tệp “{name}” có đuôi .{ext} nhưng nội dung không phải {family}; hãy chọn đúng tệp gốc."
ERR_EVIDENCE_EMPTY = "Tệp “{name}” rỗng."

EVIDENCE_HELP = "Ảnh JPG, PNG, WEBP đến 10 MB; PDF, DOCX, XLSX, ODT, ODS đến 20 MB; âm thanh MP3, OGG đến 20 MB."


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", "Ảnh hoạt động"
    ATTENDANCE = "attendance", "Danh sách tham dự, ký nhận"
    DOCUMENT = "document", "Tài liệu, văn bản"
    AUDIO = "audio", "Bản ghi âm"


@dataclass(frozen=True)
class Family:
    label: str
    limit: int


IMAGE = Family("ảnh", 10 * MB)
OFFICE = Family("tài liệu", 20 * MB)
AUDIO = Family("âm thanh", 20 * MB)
ZIP = (b"PK\x03\x04",)

# extension -> (family, accepted leading bytes)
ALLOWED: dict[str, tuple[Family, tuple[bytes, ...]]] = {
    "jpg": (IMAGE, (b"\xff\xd8\xff",)),
    "jpeg": (IMAGE, (b"\xff\xd8\xff",)),
    "png": (IMAGE, (b"\x89PNG\r\n\x1a\n",)),
    "webp": (IMAGE, (b"RIFF",)),
    "pdf": (OFFICE, (b"%PDF-",)),
    "docx": (OFFICE, ZIP),
    "xlsx": (OFFICE, ZIP),
    "odt": (OFFICE, ZIP),
    "ods": (OFFICE, ZIP),
    "mp3": (AUDIO, (b"ID3", b"\xff\xfb", b"\xff\xf3", b"\xff\xf2")),
    "ogg": (AUDIO, (b"OggS",)),
}


def human_size(size: int) -> str:
    """12,5 MB — the decimal comma Vietnamese offices write."""
    if size >= MB:
        return f"{size / MB:.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"


def _head(value: Any, count: int = 16) -> bytes:
    file = getattr(value, "file", value)
    position = file.tell() if hasattr(file, "tell") else 0
    file.seek(0)
    head: bytes = file.read(count)
    file.seek(position)
    return head


def validate_evidence_file(value: Any) -> None:
    # Files already stored were checked when they arrived; only new uploads are read.
    if getattr(value, "_committed", False):
        return
    name = str(getattr(value, "name", "") or "").rsplit("/", 1)[-1]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ALLOWED:
        raise ValidationError(ERR_EVIDENCE_TYPE.format(name=name), code="evidence_type")
    family, signatures = ALLOWED[extension]
    size = int(getattr(value, "size", 0) or 0)
    if size == 0:
        raise ValidationError(ERR_EVIDENCE_EMPTY.format(name=name), code="evidence_empty")
    if size > family.limit:
        raise ValidationError(
            ERR_EVIDENCE_SIZE.format(
                name=name, size=human_size(size), limit=human_size(family.limit), family=family.label
            ),
            code="evidence_size",
        )
    head = _head(value)
    matches = any(head.startswith(signature) for signature in signatures)
    if extension == "webp":
        matches = matches and head[8:12] == b"WEBP"
    if not matches:
        raise ValidationError(
            ERR_EVIDENCE_CONTENT.format(name=name, ext=extension, family=family.label), code="evidence_content"
        )
    # The leading bytes say what the file claims to be; decoding it in full proves it.
    refusal = content_refusal(value, name=name, extension=extension)
    if refusal:
        raise ValidationError(refusal, code="evidence_content")
