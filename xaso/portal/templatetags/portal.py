"""Template helpers of the public portal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

from xaso.vi.dates import date_numeric

register = template.Library()

WEEKDAYS = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


@register.filter
def ngay_dang(value: dt.datetime | None) -> str:
    """{{ page.first_published_at|ngay_dang }} -> "Thứ Ba, 25/11/2025, 08:30" (local time)."""
    if value is None:
        return "Chưa đăng"
    local = timezone.localtime(value)
    return f"{WEEKDAYS[local.weekday()]}, {date_numeric(local)}, {local:%H:%M}"


@register.filter
def dinh_dang_tep(document: object) -> str:
    """ "PDF, 1,2 MB" for a Wagtail document (type and size, shown before a download)."""
    extension = str(getattr(document, "file_extension", "")).upper()
    size = getattr(document, "file_size", None)
    return f"{extension}, {filesizeformat(size)}" if size else extension


@register.simple_tag
def absolute_url(page: Any, path: str) -> str:
    """{% absolute_url page rendition.url %} -> "https://xa.example.vn/media/images/…" (for sharing)."""
    from xaso.portal.selectors import page_absolute_url

    return page_absolute_url(page=page, path=path)
