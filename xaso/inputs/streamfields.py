"""A block editor's fields (StreamField: an article's body, a lesson's quiz) missing from a POST.

Wagtail reads `body-count`, `body-0-type`, `body-0-deleted` … straight from the request and raised
KeyError or ValueError when a form was sent without them (a script, a broken proxy, a half-sent
form): a server error. The field registered for every StreamField of every Wagtail form (pages,
snippets, their inline children) treats such a request as a refused form with a Vietnamese message
and shows what was saved before, so nothing is lost.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.blocks.base import BlockField, BlockWidget

ERR_BLOCKS_MISSING = (
    "Nội dung của ô này không được gửi đầy đủ nên chưa lưu. Nội dung đã lưu trước đó vẫn còn; hãy tải lại trang "
    "rồi sửa lại."
)


class _Malformed:
    def __repr__(self) -> str:
        return "MALFORMED"


MALFORMED: Any = _Malformed()


class TolerantBlockWidget(BlockWidget):
    def value_from_datadict(self, data: Any, files: Any, name: str) -> Any:
        try:
            return super().value_from_datadict(data, files, name)
        except (KeyError, ValueError, TypeError, IndexError, AttributeError):
            return MALFORMED


class TolerantBlockField(BlockField):
    def __init__(self, block: Any = None, **kwargs: Any) -> None:
        if block is not None and "widget" not in kwargs:
            kwargs["widget"] = TolerantBlockWidget(block)
        super().__init__(block=block, **kwargs)

    def bound_data(self, data: Any, initial: Any) -> Any:
        return initial if data is MALFORMED else super().bound_data(data, initial)

    def clean(self, value: Any) -> Any:
        if value is MALFORMED:
            raise ValidationError(ERR_BLOCKS_MISSING, code="blocks_missing")
        return super().clean(value)

    def has_changed(self, initial_value: Any, data_value: Any) -> bool:
        return False if data_value is MALFORMED else bool(super().has_changed(initial_value, data_value))


def register_streamfield_override() -> None:
    from wagtail.admin.forms.models import register_form_field_override
    from wagtail.fields import StreamField

    register_form_field_override(StreamField, override={"form_class": TolerantBlockField})
