"""How much a request may send, by address, checked before the body is read.

Three layers, each refusing with the Vietnamese 413 page (templates/413.html):
- `RequestSizeMiddleware` compares the announced Content-Length with the cap of the address
  (`BODY_LIMITS`, first match) before anything reads the body, and a body that is not a file upload
  with Django's DATA_UPLOAD_MAX_MEMORY_SIZE;
- the middleware's `process_view` reads the form before any view and turns Django's own refusals
  (too much data, too many fields or files) into the same page.
And `FileSizeLimitHandler` (first of FILE_UPLOAD_HANDLERS) counts each file's bytes as they stream
in: past the limit of its kind (`file_limit`: the largest any field takes, xaso/activities/evidence.py,
xaso/portal/uploads.py, xaso/learning/media.py) nothing more of it is stored, and the form receives an
empty `OversizedUpload` of the real size — so a 45 MB PDF costs 20 MB of temporary file, not 45, and
the field refuses it with its own message ("nặng 45,0 MB, vượt giới hạn 20,0 MB") while everything
else typed in the form stays on the page.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import filesizeformat

MB = 1024 * 1024
# Room for the form's own fields beside its file(s).
FORM_OVERHEAD = 1 * MB

ERR_BODY_TOO_BIG = "Dữ liệu gửi lên nặng {size}, vượt giới hạn {limit} của trang này."
ERR_TOO_MANY_FIELDS = "Biểu mẫu gửi lên có quá nhiều ô hoặc quá nhiều tệp."
TITLE = "Dữ liệu gửi lên quá lớn"


@dataclass(frozen=True)
class BodyLimit:
    pattern: str  # matched against the path from its start
    max_body: int
    # The largest single file this address takes (None: the kind's limit, `file_limit`).
    max_file: int | None = None


# First match wins. Caps are what the address's fields accept, plus the form around them.
BODY_LIMITS: tuple[BodyLimit, ...] = (
    BodyLimit(r"/quan-tri/ke-hoach/nhap-xuat/", 1 * MB + FORM_OVERHEAD, max_file=1 * MB),
    BodyLimit(r"/quan-tri/hoat-dong/nhap/", 5 * MB + FORM_OVERHEAD, max_file=5 * MB),
    # A plan's document (xaso/intake/sources.py) and a commune's units and people (xaso/onboarding/roster.py).
    BodyLimit(r"/quan-tri/ke-hoach/tu-van-ban/", 20 * MB + FORM_OVERHEAD, max_file=20 * MB),
    BodyLimit(r"/quan-tri/dua-xa-len/", 5 * MB + FORM_OVERHEAD, max_file=5 * MB),
    BodyLimit(r"/quan-tri/images/", 10 * MB + FORM_OVERHEAD, max_file=10 * MB),
    BodyLimit(r"/quan-tri/documents/", 100 * MB + FORM_OVERHEAD),
    # A course's lessons each carry a recording (video up to 100 MB); two per save.
    BodyLimit(r"/quan-tri/hoc-tap/", 200 * MB + FORM_OVERHEAD),
    # Evidence forms (activities, schools and enterprises, villages, honours): a few photos and
    # documents per save.
    BodyLimit(r"/quan-tri/", 50 * MB),
    # The public site takes no files: a quiz, an enrolment, a reader's beacon.
    BodyLimit(r"/", 1 * MB, max_file=0),
)

# The largest file of each kind any field of the project accepts (each field may accept less).
KIND_LIMITS: dict[str, int] = {
    **dict.fromkeys(("jpg", "jpeg", "png", "webp", "avif", "heic"), 10 * MB),
    **dict.fromkeys(("pdf", "docx", "xlsx", "odt", "ods", "csv", "txt"), 20 * MB),
    **dict.fromkeys(("pptx", "odp"), 50 * MB),
    **dict.fromkeys(("mp3", "ogg", "m4a"), 30 * MB),
    **dict.fromkeys(("mp4", "webm"), 100 * MB),
    **dict.fromkeys(("yaml", "yml"), 1 * MB),
}
UNKNOWN_KIND_LIMIT = 1 * MB


def body_limit(path: str) -> BodyLimit:
    return next(limit for limit in BODY_LIMITS if re.match(limit.pattern, path))


def file_limit(*, name: str, path: str) -> int:
    kind = KIND_LIMITS.get(PurePath(name).suffix.lower().lstrip("."), UNKNOWN_KIND_LIMIT)
    address = body_limit(path).max_file
    return kind if address is None else min(kind, address)


def too_big(request: HttpRequest, message: str) -> HttpResponse:
    return render(request, "413.html", {"title": TITLE, "message": message}, status=413)


def _content_length(request: HttpRequest) -> int:
    raw = request.META.get("CONTENT_LENGTH") or "0"
    return int(raw) if raw.isascii() and raw.isdigit() else 0


class RequestSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        size = _content_length(request)
        limit = body_limit(request.path_info).max_body
        if not (request.content_type or "").startswith("multipart/"):
            limit = min(limit, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        if size > limit:
            return too_big(request, ERR_BODY_TOO_BIG.format(size=filesizeformat(size), limit=filesizeformat(limit)))
        return self.get_response(request)

    def process_view(self, request: HttpRequest, *args: Any) -> HttpResponse | None:
        if request.method not in ("POST", "PUT", "PATCH"):
            return None
        try:
            # Read the form now, before the view (and before CSRF's check, which reads it too).
            request.POST  # noqa: B018
            request.FILES  # noqa: B018
        except RequestDataTooBig:
            return too_big(
                request,
                ERR_BODY_TOO_BIG.format(
                    size=filesizeformat(_content_length(request)),
                    limit=filesizeformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE),
                ),
            )
        except (TooManyFieldsSent, TooManyFilesSent):
            return too_big(request, ERR_TOO_MANY_FIELDS)
        return None


class OversizedUpload(UploadedFile):
    """A file that passed its kind's limit while streaming: its name and real size, no content."""

    oversized = True

    def __init__(self, *, name: str, size: int, content_type: str | None):
        super().__init__(io.BytesIO(b""), name=name, content_type=content_type, size=size, charset=None)

    def open(self, *args: Any, **kwargs: Any) -> OversizedUpload:
        return self


class FileSizeLimitHandler(FileUploadHandler):
    """Stops storing a file past its kind's limit and hands the form its real size instead."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = file_limit(name=self.file_name or "", path=self.request.path_info if self.request else "/")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        # None: the handlers after this one (memory, temporary file) receive nothing more of it.
        return None if self.received > self.limit else raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received <= self.limit:
            return None
        return OversizedUpload(name=self.file_name or "", size=self.received, content_type=self.content_type)
