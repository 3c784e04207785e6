"""Admin views that show values the way Vietnamese offices write them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.models import Revision
from wagtail.snippets.views.snippets import IndexView as SnippetIndexView
from wagtail.snippets.views.snippets import InspectView as SnippetInspectView

from xaso.documents.cells import csv_value, set_cell

# What an empty field shows on an inspect screen (Wagtail prints Python's "None").
EMPTY_VALUE = "—"


def revision_label(revision: Revision) -> str:
    """ "Phiên bản lúc 08:50 ngày 27/11/2026" (Wagtail's own label is English: '"…" at 2026-11-27 01:50:18+00:00')."""
    created = timezone.localtime(revision.created_at)
    return f"Phiên bản lúc {created:%H:%M} ngày {created:%d/%m/%Y}"


def _shadowed(field_name: str) -> bool:
    """Wagtail first calls the view's `get_<name>_display_value()`: for a model field called "field"
    that is Wagtail's own `get_field_display_value`, called without its arguments — a server error
    on every club's page. Such names read the value from the object instead."""
    return callable(getattr(SnippetInspectView, f"get_{field_name}_display_value", None))


class InspectView(SnippetInspectView):
    def get_field_display_value(self, field_name: str, field: Any) -> Any:
        if _shadowed(field_name):
            value = getattr(self.object, field_name)
            if isinstance(value, models.Manager):
                value = ", ".join(str(item) for item in value.all())
        else:
            value = super().get_field_display_value(field_name, field)
        if value is None or value == "":
            return EMPTY_VALUE
        if value is True:
            return _("Yes")
        if value is False:
            return _("No")
        if isinstance(value, Revision):
            return revision_label(value)
        return value


class IndexView(SnippetIndexView):
    # The list's "Tải CSV/XLSX" downloads: typed text stays text (xaso.documents.cells). Wagtail
    # only unmarks "=" in XLSX; a CSV cell "+cmd|…" or "@SUM(…)" would run in a spreadsheet.
    def preprocess_field_value(self, field: str, value: Any, export_format: str) -> Any:
        value = super().preprocess_field_value(field, value, export_format)
        return csv_value(value) if export_format == self.FORMAT_CSV else value

    def generate_xlsx_row(self, worksheet: Any, row_dict: Any, date_format: str | None = None) -> Iterator[Any]:
        for cell in super().generate_xlsx_row(worksheet, row_dict, date_format=date_format):
            yield set_cell(cell, cell.value) if isinstance(cell.value, str) else cell

    def _get_custom_column(self, field_name: str, column_class: type[Column] = Column, **kwargs: Any) -> Column:
        # Wagtail prints a yes/no field of list_display as Python's "True"/"False"; a tick
        # or cross icon titled "Có"/"Không" reads as the office expects.
        if column_class is Column:
            try:
                field = self.model._meta.get_field(field_name)
            except FieldDoesNotExist:
                field = None
            if isinstance(field, models.BooleanField):
                column_class = BooleanColumn
        return super()._get_custom_column(field_name, column_class, **kwargs)
