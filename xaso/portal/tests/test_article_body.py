"""Editors cannot save pictures without alternative text, wrong media files, or a broken heading order."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from wagtail.blocks import StreamBlockValidationError, StructBlockValidationError
from wagtail.documents.models import Document

from xaso.portal.blocks import ERR_HEADING_ORDER, ERR_VIDEO_FILE, ArticleBodyBlock, PhotoBlock, VideoBlock
from xaso.portal.models import ArticlePage
from xaso.portal.models.pages import ERR_COVER_ALT


def _document(name: str) -> Document:
    return Document.objects.create(title=name, file=ContentFile(b"%PDF-1.4\n", name=name))


def test_a_photo_needs_alternative_text(db):
    block = PhotoBlock()
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": None, "alt": "", "caption": ""}))
    assert "alt" in error.value.block_errors


def test_a_video_block_refuses_a_file_that_is_not_video(db):
    block = VideoBlock()
    document = _document("ke-hoach.pdf")
    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"file": document.pk, "caption": "", "transcript": ""}))
    assert error.value.block_errors["file"].messages == [ERR_VIDEO_FILE.format(name="ke-hoach.pdf")]


def test_a_level_three_heading_needs_a_level_two_before_it(db):
    block = ArticleBodyBlock()
    value = block.to_python(
        [
            {"type": "heading", "value": {"text": "Mục nhỏ", "level": "h3"}},
            {"type": "paragraph", "value": "<p>Nội dung.</p>"},
        ]
    )
    with pytest.raises(StreamBlockValidationError) as error:
        block.clean(value)
    assert error.value.block_errors[0].messages == [ERR_HEADING_ORDER]


def test_a_cover_picture_needs_alternative_text(portal):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Ảnh", file=get_test_image_file())
    page = ArticlePage(title="Bài", slug="bai", intro="Tóm tắt", cover=image, cover_alt="", unit=portal.plan.commune)
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert error.value.message_dict["cover_alt"] == [ERR_COVER_ALT]
