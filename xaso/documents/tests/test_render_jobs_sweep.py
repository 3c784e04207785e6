"""A rendering whose worker died (killed, out of memory, machine restarted) is noticed within a
minute by its silent heartbeat: put back in the queue, then failed with what happened."""

from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from django.utils import timezone

from xaso.documents import services
from xaso.documents.models import RenderJob, RenderStatus
from xaso.documents.services import render_job_retry, render_job_retryable, render_jobs_sweep

pytestmark = pytest.mark.django_db


def worker_died(job, *, seconds_ago, attempt=1):
    """The worker claimed the job (attempt n), beat for a while, then stopped."""
    RenderJob.objects.filter(pk=job.pk).update(
        status=RenderStatus.RUNNING,
        attempt=attempt,
        progress=55,
        step=services.STEP_PDF,
        started_at=timezone.now() - dt.timedelta(seconds=seconds_ago + 30),
        heartbeat_at=timezone.now() - dt.timedelta(seconds=seconds_ago),
    )
    job.refresh_from_db()
    return job


def test_a_job_with_a_fresh_heartbeat_is_left_alone(demo, request_sample, settings):
    settings.TASK_STALE_SECONDS = 60
    job = worker_died(request_sample(demo.lan, run=False), seconds_ago=10)
    assert render_jobs_sweep() == (0, 0)
    assert not render_job_retryable(job=job)
    with pytest.raises(services.ValidationError):
        render_job_retry(job=job, user=demo.lan)


def test_a_silent_job_goes_back_to_the_queue_and_finishes(
    demo, request_sample, settings, django_capture_on_commit_callbacks
):
    settings.TASK_STALE_SECONDS = 60
    job = worker_died(request_sample(demo.lan, run=False, want_pdf=False), seconds_ago=90)
    with django_capture_on_commit_callbacks(execute=True):
        assert render_jobs_sweep() == (1, 1)
    job.refresh_from_db()
    assert (job.status, job.attempt, job.error) == (RenderStatus.DONE, 2, "")
    assert job.docx


def test_after_dying_twice_it_fails_with_a_message_and_the_person_may_retry(
    demo, request_sample, settings, django_capture_on_commit_callbacks
):
    settings.TASK_STALE_SECONDS = 60
    job = worker_died(request_sample(demo.lan, run=False, want_pdf=False), seconds_ago=90, attempt=2)
    assert render_jobs_sweep() == (1, 0)
    job.refresh_from_db()
    assert (job.status, job.step, job.error) == (RenderStatus.FAILED, services.STEP_FAILED, services.ERR_WORKER_LOST)
    with django_capture_on_commit_callbacks(execute=True):
        render_job_retry(job=job, user=demo.lan)
    job.refresh_from_db()
    assert (job.status, job.attempt) == (RenderStatus.DONE, 3)


def test_a_running_job_writes_its_heartbeat_while_it_works(demo, request_sample, monkeypatch):
    beats = []

    @contextmanager
    def beating_now(beat, *, every):
        # The real side thread has its own connection, which cannot see this test's transaction:
        # here the beat runs in line (xaso/operations/tests/test_heartbeat.py tests the thread).
        beat()
        beats.append(RenderJob.objects.values_list("heartbeat_at", flat=True).get())
        yield

    monkeypatch.setattr(services, "beating", beating_now)
    job = request_sample(demo.lan, want_pdf=False)
    assert job.status == RenderStatus.DONE
    assert beats[0] is not None
    assert job.heartbeat_at == beats[0]
