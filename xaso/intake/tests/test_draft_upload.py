"""The upload screen: the programme owner gives a DOCX, PDF, picture or pasted text; each file is
checked by what it is, not by its name, and a refused file leaves nothing behind."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from xaso.intake import sources
from xaso.intake.models import DraftStatus, PlanDraft, SourceKind
from xaso.intake.tests.conftest import docx_bytes

pytestmark = pytest.mark.django_db
URL = reverse("intake_drafts")


def post(client, tan_thanh, **data):
    return client.post(URL, {"commune": tan_thanh.pk, **data})


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


def problems(response) -> str:
    return response.content.decode()


def test_the_owner_uploads_a_docx_and_it_is_read_into_a_draft(
    demo, tan_thanh, plan_text, client_for, django_capture_on_commit_callbacks
):
    client = client_for(demo.thu)
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, tan_thanh, file=upload("Kế hoạch 33.docx", docx_bytes(plan_text)))
    draft = PlanDraft.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("intake_draft", args=[draft.pk])
    assert draft.source_kind == SourceKind.DOCX
    assert draft.status == DraftStatus.READY
    assert draft.extraction == "docx"
    assert len(draft.draft["targets"]) == 9
    assert draft.created_by == demo.thu


def test_the_document_is_kept_privately_never_under_media(demo, tan_thanh, plan_text, client_for):
    post(client_for(demo.thu), tan_thanh, file=upload("ke-hoach.docx", docx_bytes(plan_text)))
    draft = PlanDraft.objects.get()
    path = draft.source.path
    assert path.startswith(str(settings.PRIVATE_ROOT))
    assert not path.startswith(str(settings.MEDIA_ROOT))
    assert draft.source.read()[:2] == b"PK"


def test_pasted_text_without_diacritics_is_accepted(demo, tan_thanh, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post(client_for(demo.thu), tan_thanh, text="KE HOACH\nThuc hien chuong trinh chuyen doi so\n" * 3)
    draft = PlanDraft.objects.get()
    assert draft.source_kind == SourceKind.TEXT
    assert draft.title.startswith("Văn bản dán vào ngày")


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"<w:document>" + b"\0" * (300 * 1024 * 1024) + b"</w:document>")
    return buffer.getvalue()


def pdf_bytes() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Ke hoach")
    page.save()
    return buffer.getvalue()


REFUSALS = [
    ("chuong-trinh.exe", b"MZ\x90\x00", "không được nhận: chỉ nhận văn bản Word"),
    ("ke-hoach.doc", b"\xd0\xcf\x11\xe0", "lưu lại dạng .docx"),
    ("ke-hoach.docx", b"%PDF-1.4 fake", "có đuôi .docx nhưng nội dung không phải văn bản Word"),
    ("ke-hoach.pdf", b"PK\x03\x04garbage", "có đuôi .pdf nhưng nội dung không phải tệp PDF"),
    ("ke-hoach.pdf", b"%PDF-1.4\nnot really a pdf", "không mở được như một tài liệu PDF"),
    ("anh.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "không đọc được như một bức ảnh"),
    ("ke-hoach.txt", "Kê hoach chuyên môn".encode("latin-1"), "không phải văn bản UTF-8"),
    ("ke-hoach.txt", b"abc\x00def", "không phải văn bản UTF-8 đọc được"),
    ("ke-hoach.pdf", b"%PDF-1.4\n<script>alert(1)</script>", "vừa là PDF vừa chứa mã trang web hoặc mã lệnh"),
]


@pytest.mark.parametrize(("name", "data", "message"), REFUSALS, ids=[r[0] + "-" + r[2][:20] for r in REFUSALS])
def test_files_that_are_not_what_they_claim_are_refused_in_vietnamese(demo, tan_thanh, client_for, name, data, message):
    response = post(client_for(demo.thu), tan_thanh, file=upload(name, data))
    assert response.status_code == 400
    assert message in problems(response)
    assert not PlanDraft.objects.exists()


def test_a_docx_that_unpacks_to_300_mb_is_refused_before_it_is_opened(demo, tan_thanh, client_for):
    bomb = zip_bomb()
    assert len(bomb) < 400 * 1024
    response = post(client_for(demo.thu), tan_thanh, file=upload("ke-hoach.docx", bomb))
    assert response.status_code == 400
    assert "khi giải nén nặng 300 MB, vượt giới hạn 40 MB" in problems(response)
    assert not PlanDraft.objects.exists()


def test_a_real_pdf_passes_the_check(demo, tan_thanh, client_for):
    response = post(client_for(demo.thu), tan_thanh, file=upload("ke-hoach.pdf", pdf_bytes()))
    assert response.status_code == 302
    assert PlanDraft.objects.get().source_kind == SourceKind.PDF


def test_a_file_over_the_size_cap_is_refused(demo, tan_thanh, client_for, monkeypatch):
    monkeypatch.setattr(sources, "MAX_FILE", 1000)
    response = post(client_for(demo.thu), tan_thanh, file=upload("ke-hoach.pdf", pdf_bytes() + b"\n" * 2000))
    assert response.status_code == 400
    assert "vượt giới hạn" in problems(response)
    assert not PlanDraft.objects.exists()


def test_a_picture_with_too_many_pixels_is_refused(demo, tan_thanh, client_for, monkeypatch):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (400, 300), 255).save(buffer, "PNG")
    monkeypatch.setattr(sources, "MAX_PIXELS", 100_000)
    response = post(client_for(demo.thu), tan_thanh, file=upload("trang-1.png", buffer.getvalue()))
    assert response.status_code == 400
    assert "Ảnh “trang-1.png” quá lớn" in problems(response)


def test_a_file_and_pasted_text_together_or_neither_is_refused(demo, tan_thanh, plan_text, client_for):
    client = client_for(demo.thu)
    both = post(client, tan_thanh, text=plan_text, file=upload("a.docx", docx_bytes(plan_text)))
    neither = post(client, tan_thanh, text="   ")
    for response in (both, neither):
        assert response.status_code == 400
        assert "Hãy chọn một tệp hoặc dán văn bản (một trong hai)." in problems(response)
    assert not PlanDraft.objects.exists()


def test_an_owner_cannot_upload_for_another_commune(demo, tan_thanh, plan_text, client_for):
    response = post(client_for(demo.lan), tan_thanh, text=plan_text)
    assert response.status_code == 400
    assert not PlanDraft.objects.exists()


@pytest.mark.parametrize("persona", ["hung", "quang"])
def test_readers_see_the_screen_without_the_upload_form_and_cannot_post(
    demo, tan_thanh, plan_text, client_for, persona
):
    client = client_for(getattr(demo, persona))
    page = client.get(URL)
    assert page.status_code == 200
    assert "upload-form" not in page.content.decode()
    response = post(client, tan_thanh, text=plan_text)
    assert response.status_code in (302, 403)
    assert not PlanDraft.objects.exists()


@pytest.mark.parametrize("persona", ["mai", "linh", "outsider"])
def test_unit_reporters_editors_and_outsiders_do_not_reach_the_screen(demo, client_for, persona):
    response = client_for(getattr(demo, persona)).get(URL)
    assert response.status_code in (302, 403, 404)
