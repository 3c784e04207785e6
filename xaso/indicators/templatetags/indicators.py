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
    """A commune's or village's name inside a sentence: "xã Hoàng Văn Thụ", "thôn Nà Pàn"."""
    name = unit.name
    for kind, word in ((UnitKind.COMMUNE, "Xã "), (UnitKind.VILLAGE, "Thôn ")):
        if unit.kind == kind and name.startswith(word):
            return word.lower() + name[len(word) :]
    return name


@register.filter
def pham_vi(unit: OrgUnit) -> str:
    """ "Toàn xã Hoàng Văn Thụ" for a commune, the unit's own name otherwise."""
    return "Toàn " + trong_cau(unit) if unit.kind == UnitKind.COMMUNE else unit.name
