"""Form widgets shared by the back-office forms."""

from __future__ import annotations

from typing import Any

from django import forms


class NativeDateInput(forms.DateInput):
    """The device's own date picker (`<input type="date">`) instead of Wagtail's JavaScript one.

    On a phone — what most commune and village officials use — the JavaScript picker stays open
    over the lower half of the form (the evidence upload, the save bar) until something else is
    tapped; the phone's own picker is a dialog that closes when the date is chosen, shows the date
    as the phone is set (dd/mm/yyyy in Vietnamese) and sends it in ISO form, which the server
    reads and checks whatever the language. The rules of dates (inside the programme, not in the
    future) stay on the server with their Vietnamese messages."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None):
        # The value must be ISO for the browser to show it, whatever the language's own format.
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class NativeDateTimeInput(forms.DateTimeInput):
    """The device's own date and time picker (`<input type="datetime-local">`), for the same reasons."""

    input_type = "datetime-local"

    def __init__(self, attrs: dict[str, Any] | None = None):
        super().__init__(attrs=attrs, format="%Y-%m-%dT%H:%M")


class NativeDateRangeWidget(forms.MultiWidget):
    """A from–to pair of the device's own date pickers, for listing filters (django-filter's
    DateFromToRangeFilter reads the `_after` and `_before` values)."""

    suffixes = ["after", "before"]

    def __init__(self, attrs: dict[str, Any] | None = None):
        after = NativeDateInput(attrs={"aria-label": "Từ ngày"})
        before = NativeDateInput(attrs={"aria-label": "Đến ngày"})
        super().__init__((after, before), attrs)

    def decompress(self, value: Any) -> list[Any]:
        if value:
            return [value.start, value.stop]
        return [None, None]
