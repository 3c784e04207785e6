"""Uploaded files are proven, not trusted: decoded or opened in full, polyglots refused — for every
upload field of the project, with a Vietnamese message naming the file."""

import io
import struct
import zipfile
import zlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from PIL import Image
from reportlab.pdfgen import canvas

from xaso.activities.evidence import validate_evidence_file
from xaso.inputs import files
from xaso.learning.media import validate_lesson_media
from xaso.testing.badinputs import assert_vietnamese


def jpeg(size=(64, 48)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "green").save(buffer, "JPEG")
    return buffer.getvalue()


def png(size=(40, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return buffer.getvalue()


def pdf(text="Biên bản họp thôn") -> bytes:
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer)
    page.drawString(72, 720, text)
    page.save()
    return buffer.getvalue()


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx() -> bytes:
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def refused(name: str, data: bytes, validator=validate_evidence_file) -> str:
    with pytest.raises(ValidationError) as excinfo:
        validator(SimpleUploadedFile(name, data))
    [message] = excinfo.value.messages
    assert_vietnamese(message)
    assert f"“{name}”" in message
    return message


@pytest.mark.parametrize(
    ("name", "data"),
    [("anh.jpg", jpeg()), ("anh.png", png()), ("bien-ban.pdf", pdf()), ("bao-cao.docx", docx())],
)
def test_genuine_files_are_accepted(name, data):
    validate_evidence_file(SimpleUploadedFile(name, data))


def test_a_jpeg_cut_short_is_refused_when_decoded():
    assert refused("anh.jpg", jpeg((800, 600))[:2000]) == files.ERR_IMAGE_BROKEN.format(name="anh.jpg", kind="JPEG")


def test_a_png_whose_pixels_are_corrupt_is_refused():
    data = bytearray(png((200, 200)))
    at = data.find(b"IDAT") + 20
    data[at : at + 40] = b"\xff" * 40
    assert refused("anh.png", bytes(data)) == files.ERR_IMAGE_BROKEN.format(name="anh.png", kind="PNG")


def test_a_png_declaring_a_billion_pixels_is_refused_before_decoding():
    data = bytearray(png())
    ihdr = data.find(b"IHDR")
    data[ihdr + 4 : ihdr + 12] = struct.pack(">II", 40_000, 40_000)
    data[ihdr + 17 : ihdr + 21] = struct.pack(">I", zlib.crc32(bytes(data[ihdr : ihdr + 17])))
    assert refused("anh.png", bytes(data)) == files.ERR_IMAGE_PIXELS.format(name="anh.png", limit="40.000.000")


def test_a_jpeg_that_is_also_a_zip_archive_is_refused():
    polyglot = jpeg() + zip_bytes({"payload.html": b"<p>x</p>"})
    assert refused("anh.jpg", polyglot) == files.ERR_POLYGLOT.format(
        name="anh.jpg", kind="JPG", other="một tệp nén ZIP"
    )


def test_a_jpeg_carrying_html_is_refused():
    data = jpeg()
    polyglot = data[:2] + b"\xff\xfe\x00\x2a<html><script>alert(document.cookie)</script>" + data[2:]
    message = refused("anh.jpg", polyglot)
    assert message == files.ERR_POLYGLOT.format(name="anh.jpg", kind="JPG", other="mã trang web hoặc mã lệnh")


def test_a_jpeg_with_a_pdf_header_in_its_first_kilobyte_is_refused():
    data = jpeg()
    polyglot = data[:2] + b"\xff\xfe\x00\x10%PDF-1.4 obj\x00\x00" + data[2:]
    assert refused("anh.jpg", polyglot).endswith(
        "vừa là JPG vừa chứa một tài liệu PDF bên trong; tệp như vậy không được nhận."
    )


def test_a_pdf_that_does_not_open_is_refused():
    assert refused("bien-ban.pdf", b"%PDF-1.4\n" + b"0" * 5000) == files.ERR_PDF_BROKEN.format(name="bien-ban.pdf")


def test_a_pdf_with_javascript_is_refused():
    active = pdf().replace(b"/Type /Catalog", b"/Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >>")
    assert refused("bien-ban.pdf", active) == files.ERR_PDF_ACTIVE.format(name="bien-ban.pdf")


def test_a_pdf_that_is_also_a_zip_archive_is_refused():
    polyglot = pdf() + zip_bytes({"x.txt": b"x"})
    assert "vừa là PDF vừa chứa một tệp nén ZIP" in refused("bien-ban.pdf", polyglot)


def test_an_office_file_without_its_document_is_refused():
    message = refused("bao-cao.docx", zip_bytes({"[Content_Types].xml": b"<Types/>"}))
    assert message.startswith("Tệp “bao-cao.docx” thiếu phần nội dung chính của một tệp DOCX")


def test_an_office_file_that_is_also_a_pdf_is_refused():
    polyglot = zip_bytes({"%PDF-1.4.txt": b"x", "[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert "vừa là DOCX vừa chứa một tài liệu PDF" in refused("bao-cao.docx", polyglot)


def test_a_lessons_recording_that_is_also_a_zip_archive_is_refused():
    mp3 = b"ID3\x03\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 2000
    validate_lesson_media(SimpleUploadedFile("bai-1.mp3", mp3))
    message = refused("bai-1.mp3", mp3 + zip_bytes({"a.js": b"x"}), validator=validate_lesson_media)
    assert "vừa là MP3 vừa chứa một tệp nén ZIP" in message


def test_a_text_file_broken_after_its_first_kilobytes_is_refused():
    assert files.text_refusal("ghi chú\n".encode() * 3000 + b"\xff\xfe", name="ghi-chu.txt") == files.ERR_TEXT.format(
        name="ghi-chu.txt"
    )


# -- every upload field of the project ---------------------------------------------------------

# Files the server writes itself (rendered documents, synthesised loudspeaker audio): no upload field.
WRITTEN_BY_THE_SERVER = {("documents", "renderjob"), ("channels", "broadcastaudio")}
# Uploads a service stores itself after reading their bytes through xaso/inputs (the plan document
# by its kind, the roster as a workbook): no form may bind the field, so nothing skips the check.
STORED_AFTER_THEIR_CHECK = {("intake", "plandraft"), ("onboarding", "rosterimport")}
CONTENT_CHECKS = {validate_evidence_file, validate_lesson_media}


def test_every_uploaded_file_field_of_the_project_checks_content():
    fields = [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("xaso.")
        for field in model._meta.get_fields()
        if isinstance(field, models.FileField) and not isinstance(field, models.ImageField)
    ]
    assert len(fields) >= 6
    for model, field in fields:
        if (model._meta.app_label, model._meta.model_name) in WRITTEN_BY_THE_SERVER:
            assert not field.editable or field.blank, f"{model.__name__}.{field.name}"
            continue
        if (model._meta.app_label, model._meta.model_name) in STORED_AFTER_THEIR_CHECK:
            assert not field.editable, f"{model.__name__}.{field.name} could be bound by a form unchecked"
            continue
        assert CONTENT_CHECKS & set(field.validators), f"{model.__name__}.{field.name} does not check its content"


def test_the_portals_image_and_document_libraries_use_the_checking_fields():
    from django.conf import settings

    assert settings.WAGTAILIMAGES_IMAGE_FORM_BASE == "xaso.portal.forms.PortalImageForm"
    assert settings.WAGTAILDOCS_DOCUMENT_FORM_BASE == "xaso.portal.forms.PortalDocumentForm"
