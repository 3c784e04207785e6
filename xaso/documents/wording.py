"""How figures and phrases are written inside Decree 30 reports, shared by every report builder."""

from __future__ import annotations


def figure(value: int | None) -> str:
    """12345 -> "12.345" (a dot between thousands, as offices write); None -> "—"."""
    return "—" if value is None else f"{value:,}".replace(",", ".")


def lower_first(text: str) -> str:
    """A title quoted mid-sentence: "Kế hoạch truyền thông…" -> "kế hoạch truyền thông…"."""
    return text[:1].lower() + text[1:] if text else text
