"""Uploads of the wrong type, content or size are refused with a clear Vietnamese message."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image

from xaso.portal import uploads


def _png(size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, (200, 20, 20)).save(buffer, "PNG")
    return buffer.getvalue()


def _upload_image(client, name: str, content: bytes, collection) -> str:
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh thử", "file": SimpleUploadedFile(name, content), "collection": collection.pk},
    )
    return response.content.decode()


@pytest.fixture
def editor_client(portal, client):
    client.force_login(portal.linh)  # the portal editor, uploading into her commune's folder
    return client


def test_it_accepts_a_real_picture(portal, editor_client):
    _upload_image(editor_client, "anh.png", _png(), portal.home.collection)
    assert Image.objects.filter(title="Ảnh thử").exists()


def test_it_refuses_a_file_type_that_is_not_a_picture(portal, editor_client):
    html = _upload_image(editor_client, "danh-sach.pdf", b"%PDF-1.4\n", portal.home.collection)
    assert uploads.ERR_IMAGE_TYPE.format(name="danh-sach.pdf") in html
    assert not Image.objects.filter(title="Ảnh thử").exists()


def test_it_refuses_a_picture_whose_content_does_not_match_its_extension(portal, editor_client):
    html = _upload_image(editor_client, "anh.jpg", _png(), portal.home.collection)
    assert uploads.ERR_IMAGE_CONTENT.format(name="anh.jpg", extension="JPG") in html


def test_it_refuses_a_broken_picture(portal, editor_client):
    html = _upload_image(editor_client, "anh.png", b"not a picture at all", portal.home.collection)
    assert uploads.ERR_IMAGE_BROKEN.format(name="anh.png") in html


def test_it_refuses_a_picture_that_is_too_heavy(portal, editor_client, monkeypatch):
    monkeypatch.setattr(uploads, "IMAGE_MAX_BYTES", 100)
    html = _upload_image(editor_client, "anh.png", _png(), portal.home.collection)
    assert "vượt giới hạn 100" in html
    assert not Image.objects.filter(title="Ảnh thử").exists()


def _upload_document(client, name: str, content: bytes, collection) -> str:
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "Tài liệu thử", "file": SimpleUploadedFile(name, content), "collection": collection.pk},
    )
    return response.content.decode()


def _pdf() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, "Kế hoạch")
    page.save()
    return buffer.getvalue()


def test_it_accepts_a_real_pdf(portal, editor_client):
    _upload_document(editor_client, "ke-hoach.pdf", _pdf(), portal.home.collection)
    assert Document.objects.filter(title="Tài liệu thử").exists()


def test_it_refuses_a_pdf_that_does_not_open(portal, editor_client):
    html = _upload_document(editor_client, "ke-hoach.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n", portal.home.collection)
    assert "Tệp “ke-hoach.pdf” không mở được như một tài liệu PDF" in html
    assert not Document.objects.filter(title="Tài liệu thử").exists()


def test_it_refuses_a_picture_that_is_also_a_zip_archive(portal, editor_client):
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("trang.html", "<script>alert(1)</script>")
    html = _upload_image(editor_client, "anh.png", _png() + archive.getvalue(), portal.home.collection)
    assert "Tệp “anh.png” vừa là PNG vừa chứa một tệp nén ZIP bên trong" in html
    assert not Image.objects.filter(title="Ảnh thử").exists()


def test_it_refuses_a_program_disguised_as_a_pdf(portal, editor_client):
    html = _upload_document(editor_client, "ke-hoach.pdf", b"MZ\x90\x00\x03" + b"\x00" * 200, portal.home.collection)
    assert uploads.ERR_DOCUMENT_CONTENT.format(name="ke-hoach.pdf", kind="PDF") in html
    assert not Document.objects.filter(title="Tài liệu thử").exists()


def test_it_refuses_a_document_type_it_does_not_take(portal, editor_client):
    html = _upload_document(editor_client, "cai-dat.exe", b"MZ\x90\x00", portal.home.collection)
    assert uploads.ERR_DOCUMENT_TYPE.format(name="cai-dat.exe", allowed=uploads.allowed_documents_text()) in html


def test_it_refuses_a_video_over_its_size_limit(portal, editor_client, monkeypatch):
    small = uploads.DocumentKind("video MP4", 10, frozenset({"mp4"}))
    monkeypatch.setitem(uploads.DOCUMENT_KINDS, "mp4", small)
    mp4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
    html = _upload_document(editor_client, "phong-su.mp4", mp4, portal.home.collection)
    assert "vượt giới hạn 10" in html
    assert "cho video MP4" in html


def test_it_refuses_a_text_file_that_is_not_utf8(portal, editor_client):
    html = _upload_document(editor_client, "danh-sach.csv", "Thôn Nà Pàn".encode("latin-1"), portal.home.collection)
    assert uploads.ERR_DOCUMENT_TEXT.format(name="danh-sach.csv") in html


def test_the_settings_list_the_same_extensions_as_the_checks():
    from django.conf import settings

    assert tuple(settings.WAGTAILDOCS_EXTENSIONS) == uploads.DOCUMENT_EXTENSIONS
    assert tuple(settings.WAGTAILIMAGES_EXTENSIONS) == uploads.IMAGE_EXTENSIONS
