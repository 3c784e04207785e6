"""Evidence files: only readers of their activity download them; nobody reaches them as plain media."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import Client

from xaso.access.files import move_to_protected
from xaso.access.storage import protected_storage
from xaso.activities.models import Evidence
from xaso.testing.factories import activity
from xaso.testing.second_factor import login_verified
from xaso.units.models import OrgUnit

PDF = b"%PDF-1.4\n% Danh sach ky ten: Nguyen Van A\n%%EOF\n"


@pytest.fixture
def sheet(demo):
    """A sign-in sheet uploaded as evidence of a THCS activity."""
    done = activity(OrgUnit.objects.get(code="ls-hvt-thcs"), title="Tọa đàm chuyển đổi số")
    evidence = Evidence(activity=done, caption="Danh sách ký tên")
    evidence.file.save("Danh sách ký tên Nguyễn Văn A.pdf", ContentFile(PDF), save=False)
    evidence.save()
    return evidence


def _get(user, url):
    client = Client()
    if user is not None:
        login_verified(client, user)
    return client.get(url)


def test_it_stores_the_file_outside_the_media_folder_under_a_random_name(sheet, settings):
    name = sheet.file.name
    assert name.startswith("minh-chung/")
    assert "Nguy" not in name
    assert "danh" not in name.lower()
    assert len(Path(name).stem) >= 32
    assert (Path(settings.PROTECTED_ROOT) / name).exists()
    assert not (Path(settings.MEDIA_ROOT) / name).exists()
    assert sheet.file.url == f"/tep/{name}"


@pytest.mark.parametrize("persona", ["mai", "lan", "hung", "quang"])
def test_it_streams_the_file_to_readers_of_the_activity(sheet, demo, persona):
    response = _get(getattr(demo, persona), sheet.file.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == f'inline; filename="minh-chung-{sheet.activity_id}.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("persona", ["ha", "son", "tuan", "thu", "outsider"])
def test_it_answers_404_to_people_of_another_unit_or_commune(sheet, demo, persona):
    assert _get(getattr(demo, persona), sheet.file.url).status_code == 404


def test_it_sends_anonymous_readers_to_the_login_page(sheet):
    response = _get(None, sheet.file.url)
    assert response.status_code == 302
    assert "/quan-tri/login/" in response["Location"]


def test_the_media_address_of_the_stored_name_serves_nothing(sheet, demo):
    for user in (None, demo.lan):
        assert _get(user, f"/media/{sheet.file.name}").status_code == 404


def test_an_unknown_or_crafted_name_is_404(sheet, demo):
    for name in ("minh-chung/2026/01/khong-co.pdf", "../xaso.sqlite3", "minh-chung/../../secret_key"):
        assert _get(demo.lan, f"/tep/{name}").status_code == 404


def test_behind_nginx_it_hands_the_file_to_the_internal_location(sheet, demo, settings):
    settings.PROTECTED_SERVE = "accel"
    response = _get(demo.mai, sheet.file.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == f"/_protected/{sheet.file.name}"
    assert response.content == b""


def test_the_nginx_configuration_keeps_the_location_internal():
    config = (Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "protected-files.conf").read_text()
    assert "location /_protected/ {" in config
    assert "internal;" in config


def test_files_uploaded_before_protection_move_to_the_protected_storage(sheet):
    from django.apps import apps

    old = default_storage.save("minh-chung/2025/11/Danh sách ký tên.pdf", ContentFile(PDF))
    Evidence.objects.filter(pk=sheet.pk).update(file=old)
    move_to_protected(apps, "activities.Evidence", "file", "minh-chung")
    moved = Evidence.objects.get(pk=sheet.pk).file.name
    assert moved != old
    assert "Danh" not in moved
    assert protected_storage().open(moved).read() == PDF
    assert not default_storage.exists(old)
