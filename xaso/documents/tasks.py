"""The background task that renders documents (queue "documents")."""

from __future__ import annotations

from django_tasks import task

from xaso.documents.services import render_job_run


@task(queue_name="documents")
def render_document(job_id: str) -> None:
    render_job_run(job_id=job_id)
