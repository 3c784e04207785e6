"""The background task that reads a plan's document (queue "intake": OCR can take minutes)."""

from __future__ import annotations

from django_tasks import task

from xaso.intake.services import draft_run


@task(queue_name="intake")
def read_plan_draft(draft_id: str) -> None:
    draft_run(draft_id=draft_id)
