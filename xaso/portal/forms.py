"""Upload forms for images and documents, set as Wagtail's base forms in settings.

The upload forms swap Wagtail's file fields for ones that speak Vietnamese and check
what the file really is (xaso.portal.uploads); every Wagtail upload screen — the image
and document libraries, the bulk uploader, the chooser inside the page editor — builds
its form from these bases, so the same rules apply everywhere.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from xaso.inputs.files import content_refusal
from xaso.portal import uploads


class PortalImageField(WagtailImageField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_text = (
            f"Ảnh JPG, PNG, WebP, AVIF hoặc HEIC, tối đa {filesizeformat(uploads.IMAGE_MAX_BYTES)}. "
            "Trang tự tạo các cỡ nhẹ cho điện thoại."
        )
        # Shown by the bulk uploader's own size check in the browser.
        self.error_messages["file_too_large_unknown_size"] = uploads.ERR_IMAGE_SIZE_UNKNOWN.format(
            limit=filesizeformat(uploads.IMAGE_MAX_BYTES)
        )

    def to_python(self, data: Any) -> Any:
        if getattr(data, "oversized", False):
            # Stopped while streaming (xaso.inputs.limits): say its size, not "broken image".
            self.check_image_file_size(data)
        try:
            f = super().to_python(data)
        except ValidationError as error:
            if error.code == "invalid_image":
                name = getattr(data, "name", "") or "?"
                # A wrong extension says more than "broken image" (a .pdf renamed or not).
                if uploads.extension_of(name) not in uploads.IMAGE_EXTENSIONS:
                    raise ValidationError(
                        uploads.ERR_IMAGE_TYPE.format(name=name), code="invalid_image_extension"
                    ) from None
                raise ValidationError(uploads.ERR_IMAGE_BROKEN.format(name=name), code="invalid_image") from None
            raise
        if f is not None:
            refusal = content_refusal(f, name=f.name, extension=uploads.extension_of(f.name))
            if refusal:
                raise ValidationError(refusal, code="invalid_image_content")
        return f

    def check_image_file_format(self, f: Any) -> None:
        extension = uploads.extension_of(f.name)
        if extension not in uploads.IMAGE_EXTENSIONS:
            raise ValidationError(uploads.ERR_IMAGE_TYPE.format(name=f.name), code="invalid_image_extension")
        expected = "jpeg" if extension == "jpg" else extension
        if expected != f.image.format_name:
            raise ValidationError(
                uploads.ERR_IMAGE_CONTENT.format(name=f.name, extension=extension.upper()),
                code="invalid_image_known_format",
            )

    def check_image_file_size(self, f: Any) -> None:
        if f.size > uploads.IMAGE_MAX_BYTES:
            raise ValidationError(
                uploads.ERR_IMAGE_SIZE.format(
                    name=f.name, size=filesizeformat(f.size), limit=filesizeformat(uploads.IMAGE_MAX_BYTES)
                ),
                code="file_too_large",
            )

    def check_image_pixel_size(self, f: Any) -> None:
        try:
            super().check_image_pixel_size(f)
        except ValidationError as error:
            if error.code != "file_too_many_pixels":
                raise
            width, height = f.image.get_size()
            raise ValidationError(
                uploads.ERR_IMAGE_PIXELS.format(
                    name=f.name, pixels=f"{width}×{height}", limit=f"{uploads.IMAGE_MAX_PIXELS:,}".replace(",", ".")
                ),
                code="file_too_many_pixels",
            ) from None


class PortalDocumentField(WagtailDocumentField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help_text = (
            f"Nhận: {uploads.allowed_documents_text()}. Văn bản tối đa 20 MB, âm thanh 30 MB, "
            "bài trình chiếu 50 MB, video 100 MB."
        )
        self.error_messages["file_too_large_unknown_size"] = uploads.ERR_DOCUMENT_SIZE_UNKNOWN.format(
            limit=filesizeformat(uploads.DOCUMENT_MAX_BYTES)
        )

    def to_python(self, data: Any) -> Any:
        f = super(WagtailDocumentField, self).to_python(data)
        if f is None:
            return None
        refusal = uploads.document_refusal(name=f.name, size=f.size, head=uploads.read_head(f))
        refusal = refusal or content_refusal(f, name=f.name, extension=uploads.extension_of(f.name))
        if refusal:
            raise ValidationError(refusal, code="document_refused")
        return f


class PortalImageForm(BaseImageForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _swap_file_field(self, PortalImageField)


class PortalDocumentForm(BaseDocumentForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _swap_file_field(self, PortalDocumentField)


def _swap_file_field(form: Any, field_class: type) -> None:
    old = form.fields.get("file")
    if old is None:  # the bulk uploader's edit form has no file field
        return
    new = field_class(label=old.label, required=old.required, widget=old.widget)
    form.fields["file"] = new
