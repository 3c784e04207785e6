"""Requests larger than their address takes are refused with a Vietnamese 413 page, before the body
is read (by its announced length) or as soon as one file passes its kind's limit while streaming."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.test.client import MULTIPART_CONTENT, encode_multipart
from django.urls import reverse

from xaso.activities.evidence import ERR_EVIDENCE_SIZE
from xaso.activities.models import Activity, Evidence
from xaso.inputs import limits
from xaso.testing.badinputs import assert_vietnamese, fingerprint
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

MB = 1024 * 1024
ADD = "wagtailsnippets_activities_activity:add"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def reason(response) -> str:
    assert response.status_code == 413
    assert "Dữ liệu gửi lên quá lớn" in response.text
    assert "Chưa có gì được lưu." in response.text
    text = response.text.split('<p id="ly-do">', 1)[1].split("</p>", 1)[0].replace("\xa0", " ")
    assert_vietnamese(text)
    return text


class Unreadable(io.BytesIO):
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the body was read")

    readline = read


UNREADABLE: dict = {"wsgi.input": Unreadable()}


def test_a_body_announced_over_the_addresss_cap_is_refused_before_it_is_read(demo):
    client = Client()
    client.force_login(demo.son)
    response = client.generic(
        "POST",
        reverse(ADD),
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(51 * MB),
        **UNREADABLE,
    )
    assert reason(response) == "Dữ liệu gửi lên nặng 51,0 MB, vượt giới hạn 50,0 MB của trang này."


def test_the_activity_import_takes_at_most_its_file_and_the_form(demo, client_for):
    response = client_for(demo.lan).generic(
        "POST",
        reverse("activities_import"),
        CONTENT_TYPE=MULTIPART_CONTENT,
        CONTENT_LENGTH=str(7 * MB),
        **UNREADABLE,
    )
    assert reason(response) == "Dữ liệu gửi lên nặng 7,0 MB, vượt giới hạn 6,0 MB của trang này."


def test_a_form_without_files_is_held_to_djangos_data_limit(demo, client_for):
    response = client_for(demo.lan).generic(
        "POST",
        reverse(ADD),
        CONTENT_TYPE="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(6 * MB),
        **UNREADABLE,
    )
    assert reason(response) == "Dữ liệu gửi lên nặng 6,0 MB, vượt giới hạn 5,0 MB của trang này."


def test_the_public_site_takes_no_large_body():
    response = Client().generic(
        "POST",
        "/tim-kiem/",
        CONTENT_TYPE="text/plain",
        CONTENT_LENGTH=str(2 * MB),
        **UNREADABLE,
    )
    assert reason(response) == "Dữ liệu gửi lên nặng 2,0 MB, vượt giới hạn 1,0 MB của trang này."


def activity_form(demo, **fields):
    data = {
        "unit": OrgUnit.objects.get(code="ls-hvt-t-napan").pk,
        "kind": "conference",
        "status": "recorded",
        "title": "Họp thôn phổ biến về chuyển đổi số",
        "date_start": "2026-10-12",
        "audience": "residents",
        "participants": "46",
        "officials": "2",
        "pupils": "0",
        "residents": "44",
        "tasks": [demo.plan.tasks.get(code="NV-1.3").pk],
        "evidence-TOTAL_FORMS": "1",
        "evidence-INITIAL_FORMS": "0",
        "evidence-MIN_NUM_FORMS": "0",
        "evidence-MAX_NUM_FORMS": "1000",
        "evidence-0-kind": "document",
        "evidence-0-caption": "Biên bản",
        "evidence-0-ORDER": "1",
    }
    return {**data, **fields}


def test_the_crawls_45_mb_pdf_stops_being_stored_at_20_mb_and_the_form_says_why(demo, client_for):
    client = client_for(demo.son)
    before = fingerprint(Activity, Evidence)
    pdf = SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4\n" + b"0" * (45 * MB), content_type="application/pdf")
    response = client.post(reverse(ADD), activity_form(demo, **{"evidence-0-file": pdf}))
    assert response.status_code == 200
    message = ERR_EVIDENCE_SIZE.format(name="bien-ban.pdf", size="45,0 MB", limit="20,0 MB", family="tài liệu")
    assert message in response.text
    assert response.context["form"].data["title"] == "Họp thôn phổ biến về chuyển đổi số"
    assert fingerprint(Activity, Evidence) == before


def test_the_upload_handler_keeps_nothing_past_the_kinds_limit(rf):
    request = rf.post("/quan-tri/hoat-dong/danh-sach/add/")
    handler = limits.FileSizeLimitHandler(request)
    handler.new_file("evidence-0-file", "anh.jpg", "image/jpeg", None)
    chunk = b"x" * (4 * MB)
    passed = [handler.receive_data_chunk(chunk, start) for start in range(0, 12 * MB, 4 * MB)]
    assert passed == [chunk, chunk, None]
    upload = handler.file_complete(12 * MB)
    assert isinstance(upload, limits.OversizedUpload)
    assert (upload.name, upload.size, upload.read()) == ("anh.jpg", 12 * MB, b"")


def test_too_many_fields_is_the_same_page(demo, client_for):
    data = {f"o-{n}": "x" for n in range(1200)}
    response = client_for(demo.lan).post(reverse(ADD), data)
    assert reason(response) == limits.ERR_TOO_MANY_FIELDS


@pytest.mark.parametrize(
    ("name", "path", "limit"),
    [
        ("anh.jpg", "/quan-tri/hoat-dong/danh-sach/add/", 10 * MB),
        ("bao-cao.pdf", "/quan-tri/hoat-dong/danh-sach/add/", 20 * MB),
        ("bai-giang.mp4", "/quan-tri/hoc-tap/khoa-hoc/edit/1/", 100 * MB),
        ("mau.xlsx", "/quan-tri/hoat-dong/nhap/", 5 * MB),
        ("ke-hoach.yaml", "/quan-tri/ke-hoach/nhap-xuat/", 1 * MB),
        ("chuong-trinh.exe", "/quan-tri/documents/multiple/add/", 1 * MB),
        ("anh.png", "/hoc/", 0),
    ],
)
def test_each_kind_of_file_streams_up_to_its_own_limit(name, path, limit):
    assert limits.file_limit(name=name, path=path) == limit


def test_a_multipart_body_is_encoded_as_a_browser_does():
    # Guard for the tests above: the client's own encoder, so sizes are what a browser sends.
    assert b'filename="x.pdf"' in encode_multipart("B", {"f": SimpleUploadedFile("x.pdf", b"%PDF")})
