from __future__ import annotations

from typing import Any

import pytest

from xaso.documents.sample import BUILDER
from xaso.documents.services import render_job_request


@pytest.fixture
def request_sample(demo, django_capture_on_commit_callbacks):
    """request_sample(user, run=True, want_pdf=True, **params) -> RenderJob, run by the immediate
    task backend (PDF conversion takes LibreOffice a few seconds: skip it where it is not the point)."""

    def request(user: Any, *, run: bool = True, want_pdf: bool = True, **params: Any) -> Any:
        with django_capture_on_commit_callbacks(execute=run):
            job = render_job_request(
                builder=BUILDER,
                params={"plan_id": demo.plan.pk, "year": 2026, "period": "6 tháng đầu năm 2026", **params},
                title="Báo cáo 6 tháng đầu năm 2026",
                unit=demo.plan.commune,
                user=user,
                want_pdf=want_pdf,
            )
        job.refresh_from_db()
        return job

    return request
