"""Template helpers of the public portal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

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


@register.filter
def typed_address(url: str) -> SafeString:
    """An address printed for typing: each part between slashes is one unbreakable piece, so a line can
    only end after a "/" and never inside a word (a break inside "hoang-van-thu" reads as a hyphen)."""
    scheme, _, rest = url.partition("://")
    pieces = rest.split("/") if rest else [url]
    head = f"{scheme}://" if rest else ""
    spans = [
        format_html(
            '<span class="piece">{}{}</span>', head if i == 0 else "", piece + ("/" if i < len(pieces) - 1 else "")
        )
        for i, piece in enumerate(pieces)
        if piece or i < len(pieces) - 1
    ]
    return mark_safe("<wbr>".join(spans))  # noqa: S308 - every piece went through format_html


@register.filter
def address_size(url: str) -> str:
    """The type size class that fits the address on one A4 line as far as possible."""
    return "short" if len(url) <= 48 else "medium" if len(url) <= 72 else "long"


@register.simple_tag
def share_image_url(page: Any) -> str:
    """The absolute address of the page's 1200×630 share picture, new with each publication (so that
    Facebook and Zalo fetch the new title or cover rather than their copy)."""
    from django.urls import reverse

    from xaso.portal.selectors import page_absolute_url

    published = getattr(page, "last_published_at", None)
    version = f"?v={int(published.timestamp())}" if published else ""
    return page_absolute_url(page=page, path=reverse("portal:share_image", args=[page.pk]) + version)
