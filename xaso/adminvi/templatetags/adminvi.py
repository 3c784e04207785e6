from __future__ import annotations

from typing import Any

from django import template
from django.contrib.auth.models import Permission

from xaso.adminvi.permissions import permission_label

register = template.Library()


@register.filter
def permission_vi(value: Any) -> str:
    """A Permission, or a permission checkbox of a form (its value carries the Permission)."""
    if not isinstance(value, Permission):
        value = getattr(value, "data", {}).get("value", value)
        value = getattr(value, "instance", value)
    return permission_label(value) if isinstance(value, Permission) else str(value)
