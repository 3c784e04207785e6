"""What a person reads on an admin screen, for tests that check its language.

`screen_text` keeps the visible text and the words read out by screen readers or shown
on hover (aria-label, title, placeholder, alt), plus the labels of the sidebar menu, which
Wagtail ships as JSON for its JavaScript to draw. Scripts, styles and icons are dropped.
"""

from __future__ import annotations

import contextlib
import json
import re
from html.parser import HTMLParser
from typing import Any

SPOKEN_ATTRIBUTES = frozenset({"aria-label", "title", "placeholder", "alt"})
HIDDEN_ELEMENTS = frozenset({"script", "style", "svg", "template"})
JSON_TEXT_KEYS = frozenset({"label", "title", "text", "placeholder"})

# Words an English-speaking Wagtail shows on the screens the project uses.
ENGLISH_WORDS = (
    "Snippets",
    "Dashboard",
    "Save",
    "Edit",
    "History",
    "Search",
    "Filter",
    "Add",
    "Delete",
    "Page not found",
    "The requested page could not be found",
)


class _ScreenParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0
        self._json = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in HIDDEN_ELEMENTS:
            self._hidden += 1
            self._json = tag == "script" and values.get("type") == "application/json"
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_ELEMENTS:
            self._hidden = max(0, self._hidden - 1)
            self._json = False

    def handle_data(self, data: str) -> None:
        if self._json:
            with contextlib.suppress(ValueError):
                _collect_json_text(json.loads(data), self.parts)
        elif not self._hidden and data.strip():
            self.parts.append(data.strip())


def _collect_json_text(node: Any, parts: list[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in JSON_TEXT_KEYS and isinstance(value, str):
                parts.append(value)
            else:
                _collect_json_text(value, parts)
    elif isinstance(node, list):
        for value in node:
            _collect_json_text(value, parts)


def screen_text(html: str) -> str:
    parser = _ScreenParser()
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def english_words_on(text: str, words: tuple[str, ...] = ENGLISH_WORDS) -> list[str]:
    """The given English words (whole words, case as written) that occur in text."""
    return [word for word in words if re.search(rf"(?<![\w]){re.escape(word)}(?![\w])", text)]
