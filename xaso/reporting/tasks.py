"""Background tasks of reporting (Django Tasks API; database backend by default)."""

from __future__ import annotations

from django_tasks import task


@task(queue_name="default")
def send_reminders(token: str) -> int:
    from xaso.reporting.reminders import reminders_run

    return reminders_run(token=token)
