"""Plain text of an article body: for search, feeds, and other channels (Zalo, loudspeaker)."""

from __future__ import annotations

import html
from typing import Any

from django.utils.html import strip_tags

# Which parts of each block carry readable text, in reading order.
_TEXT_PARTS: dict[str, tuple[str, ...]] = {
    "heading": ("text",),
    "photo": ("caption",),
    "infographic": ("alt", "description", "caption"),
    "video": ("caption", "transcript"),
    "audio": ("title", "transcript"),
    "slides": ("title",),
    "quote": ("text", "attribution"),
}


def rich_text_plain(source: str) -> str:
    # Block-level closing tags end a line, so words of two paragraphs never run together.
    for tag in ("</p>", "</li>", "<br>", "<br/>", "</h2>", "</h3>"):
        source = source.replace(tag, tag + "\n")
    return html.unescape(strip_tags(source)).strip()


def body_plain_text(body: Any) -> str:
    parts: list[str] = []
    for child in body:
        kind, value = child.block_type, child.value
        if kind == "paragraph":
            parts.append(rich_text_plain(value.source))
        elif kind == "downloads":
            parts.append(value["heading"])
            parts.extend(
                item["label"] or (item["document"].title if item["document"] else "") for item in value["items"]
            )
        else:
            parts.extend(str(value.get(name) or "") for name in _TEXT_PARTS.get(kind, ()))
    return "\n\n".join(part for part in parts if part.strip())
