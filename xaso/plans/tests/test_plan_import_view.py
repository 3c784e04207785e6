"""The import/export screen of the back office."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso.plans.demo import SEED_PLAN
from xaso.plans.document import dump_plan_yaml
from xaso.plans.services import plan_to_document

pytestmark = pytest.mark.django_db

SCREEN = "plans_import_export"


def upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("ke-hoach.yaml", text.encode("utf-8"), content_type="application/yaml")


def test_the_programme_owner_downloads_the_plan_as_yaml(demo, client_for):
    response = client_for(demo.lan).get(reverse("plans_export", args=[demo.plan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="ke-hoach-33-KH-UBND.yaml"'
    assert response.content.decode() == dump_plan_yaml(plan_to_document(plan=demo.plan))


def test_a_broken_file_shows_every_problem_and_changes_nothing(demo, client_for):
    before = dump_plan_yaml(plan_to_document(plan=demo.plan))
    broken = SEED_PLAN.read_text(encoding="utf-8").replace("start_year: 2025", "start_year: 2031", 1)
    response = client_for(demo.lan).post(reverse(SCREEN), {"file": upload(broken)})
    assert response.status_code == 400
    assert "Tệp bị từ chối, kế hoạch không thay đổi." in response.text
    assert "trường plan.end_year: năm kết thúc không được trước năm bắt đầu." in response.text
    assert dump_plan_yaml(plan_to_document(plan=demo.plan)) == before


def test_an_edited_file_is_imported_and_the_owner_lands_on_the_plan(demo, client_for):
    edited = SEED_PLAN.read_text(encoding="utf-8").replace("Ít nhất 80% người dân", "Ít nhất 82% người dân")
    response = client_for(demo.lan).post(reverse(SCREEN), {"file": upload(edited)}, follow=True)
    assert "Đã nhập kế hoạch 33/KH-UBND: 1 mục thay đổi." in response.text
    assert demo.plan.targets.get(code="MT-2028-2030-2").text.startswith("Ít nhất 82%")


def test_a_school_reporter_may_download_but_not_import(demo, client_for):
    client = client_for(demo.mai)
    assert client.get(reverse("plans_export", args=[demo.plan.pk])).status_code == 200
    page = client.get(reverse(SCREEN))
    assert "Nhập tệp" not in page.text
    response = client.post(reverse(SCREEN), {"file": upload(SEED_PLAN.read_text(encoding="utf-8"))})
    assert response.status_code in (302, 403)
    assert demo.plan.revisions.count() == 1


def test_another_commune_cannot_download_this_plan(demo, client_for):
    assert client_for(demo.thu).get(reverse("plans_export", args=[demo.plan.pk])).status_code == 404


def test_the_outsider_is_sent_to_the_login(demo, client_for):
    response = client_for(demo.outsider).get(reverse(SCREEN))
    assert response.status_code == 302
