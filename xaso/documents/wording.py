"""How figures and phrases are written inside Decree 30 reports, shared by every report builder."""

from __future__ import annotations


def figure(value: int | None) -> str:
    """12345 -> "12.345" (a dot between thousands, as offices write); None -> "—"."""
    return "—" if value is None else f"{value:,}".replace(",", ".")


def lower_first(text: str) -> str:
    """A title quoted mid-sentence: "Kế hoạch truyền thông…" -> "kế hoạch truyền thông…"."""
    return text[:1].lower() + text[1:] if text else text


def joined(parts: list[str]) -> str:
    """ "a", "a và b", "a, b và c": how a sentence lists things (clauses that would say 0 left out
    by the caller)."""
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + " và " + parts[-1]


def counted(value: int | None, words: str, *, before: str = " ") -> str:
    """ " với 120 lượt người tham gia", or "" when there is nothing to count: a report leaves out a
    clause that would say 0 rather than print "0 lượt…"."""
    return f"{before}{figure(value)} {words}" if value else ""
