"""The snippet chooser widget, tolerant of what a refused form sends back.

A form refused for another field is shown again with the values that were posted; Wagtail's chooser
widget then looks its raw value up as an id (`objects.get(pk=" ")`), and " ", "²" or "abc" raised
ValueError — a server error on a form that was merely invalid. The scoped chooser viewset
(xaso/access/choosers.py) builds its widgets on this class; its views already refuse malformed ids
(`valid_pks`) and never create.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from wagtail.snippets.widgets import AdminSnippetChooser


class TolerantSnippetChooser(AdminSnippetChooser):
    """An id that is not one shows as nothing chosen instead of failing the page."""

    def get_instance(self, value: Any) -> Any:
        try:
            return super().get_instance(value)
        except (ValueError, TypeError, ValidationError, OverflowError):
            return None
