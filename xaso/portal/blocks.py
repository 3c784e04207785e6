"""The one StreamField body every article uses: text, photos, infographics, video,
audio (podcasts), slide decks and documents to download.

Every picture carries its own alternative text (required: a screen reader or a failed
3G download must still tell the reader what the picture says); video and audio carry
an optional transcript for the same reason. Media files are Wagtail documents, so
they live in the commune's collection with the rest of its files.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from xaso.portal.uploads import AUDIO_EXTENSIONS, SLIDE_EXTENSIONS, VIDEO_EXTENSIONS, extension_of

# Headings come from the heading block (levels 2 and 3 only) so that the page keeps
# a correct heading order: h1 is the article title.
RICH_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]

ERR_VIDEO_FILE = "Tệp video phải là MP4 hoặc WebM (tệp đã chọn: {name})."
ERR_AUDIO_FILE = "Tệp âm thanh phải là MP3, OGG hoặc M4A (tệp đã chọn: {name})."
ERR_SLIDES_FILE = "Bài trình chiếu phải là PDF, PPTX hoặc ODP (tệp đã chọn: {name})."
ERR_HEADING_ORDER = "Tiêu đề cấp 3 phải đứng sau một tiêu đề cấp 2 (mục lớn trước, mục nhỏ sau)."

ALT_HELP = (
    "Bắt buộc. Mô tả ngắn nội dung ảnh, cho người khiếm thị và khi ảnh không tải được "
    "(ví dụ: “Tổ công nghệ số thôn Nà Pàn hướng dẫn bà con cài VNeID”). Không viết “ảnh”, “hình”."
)


def _require_extension(value: Any, allowed: frozenset[str], message: str, field: str) -> None:
    document = value.get(field) if value else None
    if document is not None and extension_of(document.file.name) not in allowed:
        raise blocks.StructBlockValidationError(
            block_errors={field: ValidationError(message.format(name=document.title))}
        )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label="tiêu đề", max_length=200, help_text="Tiêu đề một phần của bài.")
    level = blocks.ChoiceBlock(
        label="cấp",
        choices=[("h2", "Mục lớn (cấp 2)"), ("h3", "Mục nhỏ (cấp 3)")],
        default="h2",
        help_text="Mục lớn trước, mục nhỏ nằm trong mục lớn.",
    )

    class Meta:
        icon = "title"
        label = "Tiêu đề mục"
        template = "portal/blocks/heading.html"


class PhotoBlock(blocks.StructBlock):
    image = ImageChooserBlock(
        label="ảnh", help_text="Ảnh JPG, PNG, WebP hoặc AVIF; trang tự tạo các cỡ nhẹ cho điện thoại."
    )
    alt = blocks.CharBlock(label="mô tả ảnh (văn bản thay thế)", max_length=250, help_text=ALT_HELP)
    caption = blocks.CharBlock(
        label="chú thích", required=False, max_length=300, help_text="Dòng chữ hiện dưới ảnh, nếu cần."
    )
    credit = blocks.CharBlock(
        label="nguồn ảnh",
        required=False,
        max_length=120,
        help_text="Người chụp hoặc nguồn, ví dụ: Ảnh: Đài Truyền thanh xã.",
    )

    class Meta:
        icon = "image"
        label = "Ảnh"
        template = "portal/blocks/photo.html"


class InfographicBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="đồ họa", help_text="Ảnh đồ họa thông tin (infographic).")
    alt = blocks.CharBlock(label="mô tả ngắn", max_length=250, help_text=ALT_HELP)
    description = blocks.TextBlock(
        label="nội dung bằng chữ",
        help_text="Bắt buộc. Chép lại bằng chữ các số liệu, ý chính của đồ họa, để ai không xem được ảnh vẫn đọc được.",
    )
    caption = blocks.CharBlock(
        label="chú thích", required=False, max_length=300, help_text="Dòng chữ hiện dưới đồ họa."
    )

    class Meta:
        icon = "image"
        label = "Đồ họa thông tin (infographic)"
        template = "portal/blocks/infographic.html"


class VideoBlock(blocks.StructBlock):
    file = DocumentChooserBlock(
        label="tệp video", help_text="Video MP4 hoặc WebM đã tải lên mục Tài liệu (tối đa 100 MB)."
    )
    poster = ImageChooserBlock(
        label="ảnh bìa", required=False, help_text="Ảnh hiện trước khi bấm xem; giúp trang nhẹ, không tải video trước."
    )
    caption = blocks.CharBlock(label="chú thích", required=False, max_length=300, help_text="Dòng chữ dưới video.")
    transcript = blocks.TextBlock(
        label="lời thoại",
        required=False,
        help_text="Lời thoại hoặc nội dung chính của video, cho người không nghe được.",
    )

    class Meta:
        icon = "media"
        label = "Video"
        template = "portal/blocks/video.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        _require_extension(value, VIDEO_EXTENSIONS, ERR_VIDEO_FILE, "file")
        return value


class AudioBlock(blocks.StructBlock):
    file = DocumentChooserBlock(
        label="tệp âm thanh", help_text="Bản tin âm thanh, podcast: MP3, OGG hoặc M4A (tối đa 30 MB)."
    )
    title = blocks.CharBlock(label="tên bản tin", max_length=200, help_text="Ví dụ: Bản tin Chuyển đổi số số 3.")
    transcript = blocks.TextBlock(
        label="lời đọc", required=False, help_text="Lời đọc của bản tin, cho người không nghe được."
    )

    class Meta:
        icon = "media"
        label = "Âm thanh, podcast"
        template = "portal/blocks/audio.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        _require_extension(value, AUDIO_EXTENSIONS, ERR_AUDIO_FILE, "file")
        return value


class SlidesBlock(blocks.StructBlock):
    file = DocumentChooserBlock(label="tệp trình chiếu", help_text="Bài trình chiếu PDF, PPTX hoặc ODP.")
    title = blocks.CharBlock(label="tên bài trình chiếu", max_length=200, help_text="Tên hiện trên nút tải về.")
    cover = ImageChooserBlock(
        label="ảnh trang đầu", required=False, help_text="Ảnh trang bìa của bài trình chiếu, nếu có."
    )
    cover_alt = blocks.CharBlock(
        label="mô tả ảnh trang đầu", required=False, max_length=250, help_text="Bắt buộc khi có ảnh trang đầu."
    )

    class Meta:
        icon = "doc-full"
        label = "Bài trình chiếu"
        template = "portal/blocks/slides.html"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        _require_extension(value, SLIDE_EXTENSIONS, ERR_SLIDES_FILE, "file")
        if value.get("cover") is not None and not value.get("cover_alt", "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"cover_alt": ValidationError("Hãy mô tả ảnh trang đầu (văn bản thay thế).")}
            )
        return value


class DownloadItemBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label="tài liệu", help_text="Tệp PDF, DOCX, XLSX, ODT… đã tải lên mục Tài liệu.")
    label = blocks.CharBlock(
        label="tên hiển thị", required=False, max_length=200, help_text="Để trống thì dùng tên tài liệu."
    )


class DownloadsBlock(blocks.StructBlock):
    heading = blocks.CharBlock(
        label="tiêu đề", default="Tài liệu tải về", max_length=120, help_text="Tiêu đề của danh sách tài liệu."
    )
    items = blocks.ListBlock(DownloadItemBlock(), label="tài liệu", min_num=1)

    class Meta:
        icon = "download"
        label = "Tài liệu tải về"
        template = "portal/blocks/downloads.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label="trích dẫn", help_text="Nguyên văn câu trích.")
    attribution = blocks.CharBlock(
        label="người nói, nguồn", required=False, max_length=200, help_text="Ví dụ: Nghị quyết số 57-NQ/TW."
    )

    class Meta:
        icon = "openquote"
        label = "Trích dẫn"
        template = "portal/blocks/quote.html"


class ArticleBodyBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        label="Đoạn văn",
        features=RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="portal/blocks/paragraph.html",
        help_text="Nội dung bài. Câu ngắn, đoạn ngắn dễ đọc trên điện thoại.",
    )
    heading = HeadingBlock()
    photo = PhotoBlock()
    infographic = InfographicBlock()
    video = VideoBlock()
    audio = AudioBlock()
    slides = SlidesBlock()
    downloads = DownloadsBlock()
    quote = QuoteBlock()

    class Meta:
        block_counts = {"paragraph": {"min_num": 1}}

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        seen_h2 = False
        for index, child in enumerate(value):
            if child.block_type != "heading":
                continue
            if child.value["level"] == "h2":
                seen_h2 = True
            elif not seen_h2:
                raise blocks.StreamBlockValidationError(block_errors={index: ValidationError(ERR_HEADING_ORDER)})
        return value
