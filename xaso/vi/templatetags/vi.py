from __future__ import annotations

import datetime as dt

from django import template

from xaso.vi import dates

register = template.Library()


@register.filter
def ngay_dai(value: dt.date | None) -> str:
    """{{ plan.issued_on|ngay_dai }} -> "ngày 23 tháng 8 năm 2025"."""
    return dates.date_long(value) if value else ""


@register.filter
def ngay_ngan(value: dt.date | None) -> str:
    """{{ basis.issued_on|ngay_ngan }} -> "23/8/2025"."""
    return dates.date_short(value) if value else ""


@register.filter
def ngay_so(value: dt.date | dt.datetime | None) -> str:
    """{{ value|ngay_so }} -> "23/08/2025"."""
    return dates.date_numeric(value) if value else ""
