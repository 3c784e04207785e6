from __future__ import annotations

from django import template

from xaso.units.models import OrgUnit, UnitKind

register = template.Library()


@register.filter
def so(value: int | None) -> str:
    """{{ 6335|so }} -> "6.335": thousands grouped with dots, as Vietnamese write numbers."""
    if value is None:
        return "—"
    return f"{int(value):,}".replace(",", ".")


@register.filter
def trong_cau(unit: OrgUnit) -> str:
    """A commune's name inside a sentence: "xã Hoàng Văn Thụ"."""
    name = unit.name
    return "x" + name[1:] if unit.kind == UnitKind.COMMUNE and name.startswith("Xã ") else name


@register.filter
def pham_vi(unit: OrgUnit) -> str:
    """ "Toàn xã Hoàng Văn Thụ" for a commune, the unit's own name otherwise."""
    return "Toàn " + trong_cau(unit) if unit.kind == UnitKind.COMMUNE else unit.name
