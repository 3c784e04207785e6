"""Snippet choosers that answer a malformed request with a 404 instead of a server error.

Wagtail's snippet chooser has no creation form, yet its `create/` URL answers POST by calling
`is_valid()` on no form; `chosen/abc/` and `chosen-multiple/?id=abc` hand "abc" to an integer
primary key, and a refused form shown again looked up its chooser's raw value (" ") as an id. ScopedSnippetViewSet uses this viewset for every snippet; a chooser that later filters
by scope subclasses these mixins' views.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from wagtail.snippets.views.chooser import (
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
    SnippetCreateView,
)
from wagtail.snippets.widgets import AdminSnippetChooser

ERR_NO_CREATE = "Hộp chọn này không tạo mục mới; hãy tạo mục trong danh sách của nó."


class CreateWithFormOnlyMixin:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.get_creation_form_class() is None:  # type: ignore[attr-defined]
            raise Http404(ERR_NO_CREATE)
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


class ValidIdMixin:
    model_class: Any

    def get_object(self, pk: Any) -> Any:
        try:
            value = self.model_class._meta.pk.to_python(pk)
        except ValidationError as exc:
            raise ObjectDoesNotExist from exc
        return super().get_object(value)  # type: ignore[misc]


class ValidIdsMixin:
    model_class: Any

    def get_objects(self, pks: list[str]) -> Any:
        field = self.model_class._meta.pk
        valid = []
        for pk in pks:
            try:
                valid.append(field.to_python(pk))
            except ValidationError:
                continue
        return super().get_objects(valid)  # type: ignore[misc]


class ChosenView(ValidIdMixin, SnippetChosenView):
    pass


class ChosenMultipleView(ValidIdsMixin, SnippetChosenMultipleView):
    pass


class CreateView(CreateWithFormOnlyMixin, SnippetCreateView):
    pass


class TolerantSnippetChooser(AdminSnippetChooser):
    """The chooser widget shows a refused form again with what was sent: an id that is not one
    (" ", "²", "abc") shows as nothing chosen instead of failing the page."""

    def get_instance(self, value: Any) -> Any:
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, ValidationError):
            return None


class ChooserViewSet(SnippetChooserViewSet):
    base_widget_class = TolerantSnippetChooser
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView
    create_view_class = CreateView
