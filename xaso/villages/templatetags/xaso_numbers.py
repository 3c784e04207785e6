from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def so(value: int | None) -> str:
    """{{ 6335|so }} -> "6.335"; None -> "—"."""
    if value is None:
        return "—"
    return f"{int(value):,}".replace(",", ".")
