"""The status (JSON) and file downloads of a rendering: only for those who read its unit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.documents.models import RenderStatus
from xaso.testing.second_factor import login_verified

pytestmark = pytest.mark.django_db

READERS = ["lan", "hung", "quang"]
OTHERS = ["mai", "ha", "son", "tuan", "linh", "thu", "outsider"]


@pytest.fixture
def job(demo, request_sample):
    return request_sample(demo.lan, want_pdf=False)


@pytest.mark.parametrize("persona", READERS)
def test_readers_of_the_commune_follow_its_progress(demo, job, client_for, persona):
    response = client_for(getattr(demo, persona)).get(reverse("documents:status", args=[job.pk]))
    assert response.status_code == 200
    state = response.json()
    assert state["status"] == RenderStatus.DONE
    assert state["status_label"] == "Đã xong"
    assert state["progress"] == 100
    assert state["finished"] is True
    assert set(state["files"]) == {"docx", "xlsx"}


def test_readers_download_each_file(demo, request_sample, client):
    job = request_sample(demo.lan)
    expected = {"docx": b"PK", "xlsx": b"PK", "pdf": b"%PDF"}
    for persona in READERS:
        login_verified(client, getattr(demo, persona))
        for kind, magic in expected.items():
            response = client.get(reverse("documents:file", args=[job.pk, kind]))
            assert response.status_code == 200
            assert b"".join(response.streaming_content).startswith(magic)
            assert response["Content-Disposition"].startswith("attachment;")
            assert response["Content-Disposition"].endswith(f'.{kind}"')


@pytest.mark.parametrize("persona", OTHERS)
def test_everyone_else_gets_not_found(demo, job, client_for, persona):
    client = client_for(getattr(demo, persona))
    assert client.get(reverse("documents:status", args=[job.pk])).status_code == 404
    assert client.get(reverse("documents:file", args=[job.pk, "pdf"])).status_code == 404


def test_anonymous_visitors_are_sent_to_log_in(job, client):
    response = client.get(reverse("documents:file", args=[job.pk, "pdf"]))
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_a_file_not_made_or_an_unknown_kind_is_not_found(demo, job, client_for):
    client = client_for(demo.lan)
    assert client.get(reverse("documents:file", args=[job.pk, "pdf"])).status_code == 404
    assert client.get(reverse("documents:file", args=[job.pk, "exe"])).status_code == 404


def test_a_failure_shows_its_message_and_the_files_kept(demo, request_sample, client_for, settings):
    settings.DOCUMENTS_SOFFICE = "soffice-khong-co"
    job = request_sample(demo.lan)
    state = client_for(demo.lan).get(reverse("documents:status", args=[job.pk])).json()
    assert state["status"] == RenderStatus.FAILED
    assert set(state["files"]) == {"docx", "xlsx"}
    assert state["error"].startswith("Đã tạo tệp DOCX")


def test_a_queued_job_shows_its_step(demo, request_sample, client_for):
    job = request_sample(demo.lan, run=False)
    state = client_for(demo.hung).get(reverse("documents:status", args=[job.pk])).json()
    assert (state["status"], state["progress"], state["step"], state["files"]) == ("queued", 0, "Đang chờ đến lượt", {})
