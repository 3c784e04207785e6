"""A rendering's progress (JSON, for the page that waits) and its files, for those who may read it."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from xaso.documents.models import FileKind, RenderJob
from xaso.documents.selectors import render_jobs_readable

ERR_NOT_FOUND = "Không tìm thấy văn bản này trong phạm vi của bạn."
ERR_NO_FILE = "Văn bản này chưa có tệp {kind}."
CONTENT_TYPES = {
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.PDF: "application/pdf",
    FileKind.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _job(request: HttpRequest, pk: UUID) -> RenderJob:
    job = render_jobs_readable(user=request.user).filter(pk=pk).first()
    if job is None:
        raise Http404(ERR_NOT_FOUND)
    return job


def job_state(job: RenderJob) -> dict[str, Any]:
    return {
        "id": str(job.pk),
        "title": job.title,
        "status": job.status,
        "status_label": job.get_status_display(),
        "progress": job.progress,
        "step": job.step,
        "error": job.error,
        "finished": job.is_finished,
        "files": {
            kind.value: reverse("documents:file", args=[job.pk, kind.value])
            for kind in FileKind
            if job.file_for(kind.value)
        },
    }


@login_required
@require_GET
def render_job_status(request: HttpRequest, pk: UUID) -> JsonResponse:
    return JsonResponse(job_state(_job(request, pk)), json_dumps_params={"ensure_ascii": False})


@login_required
@require_GET
def render_job_file(request: HttpRequest, pk: UUID, kind: str) -> FileResponse:
    if kind not in FileKind.values:
        raise Http404(ERR_NO_FILE.format(kind=kind.upper()))
    job = _job(request, pk)
    field = job.file_for(kind)
    if not field:
        raise Http404(ERR_NO_FILE.format(kind=kind.upper()))
    filename = field.name.rsplit("/", 1)[-1]
    return FileResponse(
        field.open("rb"), as_attachment=True, filename=filename, content_type=CONTENT_TYPES[FileKind(kind)]
    )
