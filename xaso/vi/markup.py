"""Plain text from HTML (rich text of articles) for reading aloud.

Block elements end a sentence, so that the reader pauses between a heading and the next
paragraph even when the writer put no full stop; scripts, styles and figures' images are
not read, nor are links whose text only says where to click ("Xem ảnh cỡ lớn", "Tải về").
Entities are decoded.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCKS = frozenset(
    {"p", "div", "section", "article", "h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "blockquote", "figcaption"}
)
_BREAKS = frozenset({"br", "hr"})
_SKIPPED = frozenset({"script", "style", "template", "noscript", "svg"})
_SPACES = re.compile(r"[ \t\u00a0]+")
_END = re.compile(r"[.!?:;…]$")
# Link texts that are instructions to a reader with a mouse, meaningless when heard or copied.
_LINK_LABELS = re.compile(
    r"^(?i:xem ảnh (?:cỡ lớn|gốc|lớn)|phóng to(?: ảnh)?|tải về|tải xuống|xem thêm|xem chi tiết|xem tiếp|đọc tiếp"
    r"|bấm vào đây|nhấn vào đây|tại đây|xem tại đây)[.…:]?$"
)


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.links: list[int] = []  # where each open <a>'s text starts in `current`

    def flush(self) -> None:
        text = _SPACES.sub(" ", "".join(self.current)).strip()
        text = re.sub(r"\s*\(\s*\)", "", text).replace(" .", ".").replace(" ,", ",")  # a dropped link's brackets
        self.current = []
        if text:
            self.paragraphs.append(text if _END.search(text) else text + ".")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.links.append(len(self.current))
        elif tag in _SKIPPED:
            self.skipping += 1
        elif tag in _BLOCKS or tag in _BREAKS:
            self.flush()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BREAKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self.links:
            start = min(self.links.pop(), len(self.current))
            if _LINK_LABELS.match("".join(self.current[start:]).strip()):
                del self.current[start:]
        elif tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.current.append(data.replace("\n", " "))


def html_to_paragraphs(html: str) -> list[str]:
    """'<h2>Tin</h2><p>Hôm nay &amp; mai</p>' -> ["Tin.", "Hôm nay & mai"] (each ends a sentence)."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser.flush()
    return parser.paragraphs
