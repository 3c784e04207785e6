"""Files uploaded in the back office — evidence, proposals, sign-in sheets, photos of people —
are never public.

They live in the protected storage (settings.PROTECTED_ROOT, outside MEDIA_ROOT) under a random
name that says nothing of what the uploader called the file. Their address is
/tep/<stored name>; the view finds the row that holds the file through the declaration
(xaso/access/policy.py FILES) and answers only someone who may read that row: streamed by
Django in the embedded default, handed to nginx's internal location (X-Accel-Redirect) in
production (XASO_PROTECTED_SERVE=accel). Portal pictures and published downloads stay public.
"""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import quote, urlsplit

from django.apps import apps
from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.static import serve

from xaso.access.policy import FILES, MODELS
from xaso.access.storage import RandomName, protected_storage

ERR_NO_FILE = "Không có tệp này, hoặc bạn không có quyền xem tệp này."
# Shown in the browser rather than downloaded: pictures and PDFs the browser displays safely.
INLINE_TYPES = {"image/jpeg", "image/png", "image/webp", "application/pdf"}


def file_owner(*, name: str) -> tuple[str, Any] | None:
    """The declared row holding the stored file `name`, as (model label of the row to read, its pk)."""
    for label, rule in FILES.items():
        model = apps.get_model(label)
        row = (
            model._default_manager.filter(**{rule.field: name}).values("pk", *([rule.row] if rule.row else [])).first()
        )
        if row is not None:
            return rule.model, row[rule.row] if rule.row else row["pk"]
    return None


def protected_file(request: HttpRequest, name: str) -> HttpResponse | FileResponse:
    if ".." in name.split("/") or name.startswith("/"):
        raise Http404(ERR_NO_FILE)
    owner = file_owner(name=name)
    if owner is None:
        raise Http404(ERR_NO_FILE)
    label, pk = owner
    if not MODELS[label].readable_rows(user=request.user).filter(pk=pk).exists():
        raise Http404(ERR_NO_FILE)
    storage = protected_storage()
    if not storage.exists(name):
        raise Http404(ERR_NO_FILE)
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    download = f"{FILES_DOWNLOAD_PREFIX.get(name.split('/', 1)[0], 'tep')}-{pk}{PurePosixPath(name).suffix}"
    disposition = "inline" if content_type in INLINE_TYPES else "attachment"
    response: HttpResponse | FileResponse
    if settings.PROTECTED_SERVE == "accel":
        # nginx serves the bytes from its internal location (deploy/nginx); Django only decided.
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = _accel_address(storage, name)
    else:
        response = FileResponse(storage.open(name, "rb"), content_type=content_type)
    response["Content-Disposition"] = f'{disposition}; filename="{download}"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # A protected file is never a page: nothing in it may run or be framed.
    response["Content-Security-Policy"] = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"
    return response


def _accel_address(storage: Any, name: str) -> str:
    """Where nginx finds the bytes: its local alias, or — on object storage — the store's signed
    address for the next minute, fetched by nginx itself. Streaming from the store through Django
    would hold an app worker for as long as a slow phone downloads; a redirect would hand the
    reader an address that works for anyone for a while and needs the store to be reachable from
    outside. Through nginx the check stays in Django and the store stays private."""
    signed_url = getattr(storage, "signed_url", None)
    if signed_url is None:
        return str(settings.PROTECTED_ACCEL_PREFIX + quote(name))
    parts = urlsplit(signed_url(name))
    return f"{settings.PROTECTED_ACCEL_S3_PREFIX}{parts.path.lstrip('/')}?{parts.query}"


# Folder -> the word a downloaded file's name starts with ("minh-chung-123.pdf").
FILES_DOWNLOAD_PREFIX = {
    "minh-chung": "minh-chung",
    "khen-thuong": "minh-chung-khen-thuong",
    "truong-hoc-doanh-nghiep": "minh-chung",
    "to-cong-nghe-so": "minh-chung",
}


def move_to_protected(apps_registry: Any, label: str, field: str, folder: str) -> None:
    """Data migration: a field's files move from the public media folder to the protected storage,
    renamed at random; rows whose file is missing keep their name (and answer 404)."""
    from django.core.files.storage import default_storage

    model = apps_registry.get_model(label)
    target = protected_storage()
    namer = RandomName(folder)
    for row in model._default_manager.exclude(**{field: ""}).iterator():
        old = getattr(row, field).name
        if not old or not default_storage.exists(old):
            continue
        with default_storage.open(old, "rb") as source:
            new = target.save(namer(row, old), source)
        model._default_manager.filter(pk=row.pk).update(**{field: new})
        default_storage.delete(old)


# Wagtail's documents live under MEDIA_ROOT too, but are downloaded through /tai-lieu/ (which
# checks that a live page links them): their folder is never served as plain media.
NOT_PLAIN_MEDIA = ("documents/",)


def media_public(request: HttpRequest, path: str) -> HttpResponse | FileResponse:
    """Portal pictures, renditions, lesson media and loudspeaker audio, as files: from the disk, or
    streamed from object storage (nginx keeps a copy: a stored name never changes content)."""
    if path.lstrip("/").startswith(NOT_PLAIN_MEDIA):
        raise Http404(ERR_NO_FILE)
    if isinstance(default_storage, FileSystemStorage):
        response: HttpResponse | FileResponse = serve(request, path, document_root=str(settings.MEDIA_ROOT))
        return response
    if not path or ".." in path.split("/") or path.startswith("/") or not default_storage.exists(path):
        raise Http404(ERR_NO_FILE)
    content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
    response = FileResponse(default_storage.open(path, "rb"), content_type=content_type)
    response["Cache-Control"] = "public, max-age=86400"
    response["X-Content-Type-Options"] = "nosniff"
    return response
