"""A lesson's audio or video: the formats phones play natively, checked by content and size."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

from xaso.inputs.files import content_refusal
from xaso.portal.uploads import document_refusal, extension_of, read_head

MEDIA_EXTENSIONS = ("mp3", "ogg", "m4a", "mp4", "webm")
MEDIA_HELP = "Âm thanh MP3, OGG, M4A đến 30 MB hoặc video MP4, WebM đến 100 MB; trình duyệt điện thoại phát trực tiếp."
ERR_MEDIA_TYPE = "Tệp “{name}” không được nhận: bài học chỉ nhận âm thanh MP3, OGG, M4A hoặc video MP4, WebM."


def validate_lesson_media(value: Any) -> None:
    if getattr(value, "_committed", False):
        return
    name = str(getattr(value, "name", "") or "").rsplit("/", 1)[-1]
    if extension_of(name) not in MEDIA_EXTENSIONS:
        raise ValidationError(ERR_MEDIA_TYPE.format(name=name), code="media_type")
    file = getattr(value, "file", value)
    refusal = document_refusal(name=name, size=int(getattr(value, "size", 0) or 0), head=read_head(file))
    if refusal:
        raise ValidationError(refusal, code="media_content")
    refusal = content_refusal(file, name=name, extension=extension_of(name))
    if refusal:
        raise ValidationError(refusal, code="media_content")
