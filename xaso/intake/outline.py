"""The outline of a plan's text: headings and items by their markers ("Phần I", "I.", "1.",
"1.1.", "a)", "-", "+"), nested by the order in which each kind of marker first appears, as
Vietnamese administrative documents nest them. Paragraphs wrapped over several lines are joined."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xaso.vi.text import fold

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}

MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("part", re.compile(r"^\s*(?:PHẦN|Phần|PHAN|Phan)\s+([IVX]+|\d+|thứ \w+)\s*[.:\-–]?\s*(.*)$")),
    ("appendix", re.compile(r"^\s*(?:PHỤ LỤC|Phụ lục|PHU LUC)\b\s*([IVX\d]*)\s*[.:\-–]?\s*(.*)$")),
    ("roman", re.compile(r"^\s*([IVX]{1,4})\s*[.\-–)]\s*(\S.*)$")),
    ("arabic2", re.compile(r"^\s*(\d{1,2}\.\d{1,2}(?:\.\d{1,2})?)\.?\s+(\S.*)$")),
    ("arabic", re.compile(r"^\s*(\d{1,2}|[lI](?=\.\s))\s*[.)]\s*(\S.*)$")),
    ("letter", re.compile(r"^\s*([a-zđ])\s*\)\s*(\S.*)$")),
    ("dash", re.compile(r"^\s*([-–—•∙·])\s*(.*)$")),
    ("plus", re.compile(r"^\s*([+*])\s+(.*)$")),
]
_RANK = {"part": 0, "appendix": 1, "roman": 2, "caps": 3, "arabic": 4, "arabic2": 5, "letter": 6, "dash": 7, "plus": 8}
_CAPS_HEADING = re.compile(r"^[^a-zà-ỹđ]{6,}$")
_SENTENCE_END = re.compile(r"[.:;!?]\s*$|\./\.$")


@dataclass
class Node:
    style: str  # "root", "part", "roman", ..., "para" (a paragraph without marker), "row" (table)
    marker: str
    text: str
    first: int  # 1-based line numbers
    last: int
    children: list[Node] = field(default_factory=list)
    cells: list[str] = field(default_factory=list)  # for table rows

    @property
    def folded(self) -> str:
        return fold(self.text)

    @property
    def number(self) -> int | None:
        if self.marker in _ROMAN:
            return _ROMAN[self.marker]
        if self.marker in ("l", "I") and self.style == "arabic":
            return 1
        return int(self.marker) if self.marker.isdigit() else None

    def walk(self) -> list[Node]:
        found = [self]
        for child in self.children:
            found.extend(child.walk())
        return found

    def full_text(self) -> str:
        return " ".join([self.text, *(c.full_text() for c in self.children)]).strip()

    @property
    def span(self) -> list[int]:
        last = max([self.last, *(c.span[1] for c in self.children)])
        return [self.first, last]


def _marker(line: str) -> tuple[str, str, str] | None:
    for style, pattern in MARKERS:
        match = pattern.match(line)
        if match:
            if style == "roman" and not re.match(r"^\s*[IVX]{1,4}\s*[.\-–)]\s+", line) and len(match.group(1)) == 1:
                continue  # "I.ABC" without a space is rare; "V.v" is not a heading
            return style, match.group(1), match.group(2).strip()
    return None


def build(lines: list[str], markers: list[str] | None = None, start: int = 0, end: int | None = None) -> Node:
    """Nest lines[start:end] (restored text) into an outline. Markers are also looked for in
    `markers` (the cleaned source lines), where restoring has not touched them."""
    markers = markers or lines
    end = len(lines) if end is None else end
    root = Node("root", "", "", start + 1, start + 1)
    styles: list[str] = []  # marker kinds of the open branch, outermost first
    stack: list[Node] = []  # the open node at each level of `styles`
    current: Node | None = None
    blank_before = False
    for index in range(start, end):
        text = lines[index].strip()
        number = index + 1
        if not text:
            blank_before = True
            continue
        if text.count("|") >= 2:
            cells = [c.strip() for c in text.strip().strip("|").split("|")]
            row = Node("row", "", " ".join(c for c in cells if c), number, number, cells=cells)
            (stack[-1] if stack else root).children.append(row)
            current, blank_before = row, False
            continue
        found = _marker(text) or _marker(markers[index].strip())
        caps = bool(_CAPS_HEADING.match(text)) and len(text.split()) >= 2 and not re.match(r"^[\d\s/.,:()-]+$", text)
        if found:
            style, marker, body = found
        elif (
            caps and current is not None and not blank_before and current.style in {"part", "roman", "caps", "appendix"}
        ):
            current.text, current.last = f"{current.text} {text}", number
            continue
        elif caps:
            style, marker, body = "caps", "", text
        else:
            heading_like = current is not None and current.style != "para" and not _SENTENCE_END.search(current.text)
            # after a bulleted item an unmarked line continues it, even past a blank line
            # (OCR and page breaks put blank lines inside paragraphs)
            # a heading in capitals never runs on into a sentence-case line (DOCX has no blank lines)
            after_caps_heading = (
                current is not None
                and current.style in {"part", "roman", "caps", "appendix", "arabic"}
                and bool(_CAPS_HEADING.match(current.text))
                and text[:1].isupper()
                and not text.isupper()
            )
            starts_paragraph = (
                current is None
                or after_caps_heading
                or (
                    current.style not in {"dash", "plus"}
                    and blank_before
                    and text[:1].isupper()
                    and (bool(_SENTENCE_END.search(current.text)) or (heading_like and len(current.text) < 100))
                )
            )
            if not starts_paragraph and current is not None:
                current.text, current.last = f"{current.text} {text}".strip(), number
                blank_before = False
                continue
            style, marker, body = "para", "", text
        blank_before = False
        node = Node(style, marker, body, number, number)
        current = node
        if style == "para":
            open_ = [n for n in stack if n.style not in {"dash", "plus"}]
            (open_[-1] if open_ else root).children.append(node)
            continue
        if style == "caps" and "caps" not in styles and styles:
            # an unnumbered heading in capitals sits at the outermost level
            level = 0
            styles, stack = ["caps"], []
        elif style in styles and not (style == "caps" and styles[0] != "caps"):
            level = styles.index(style)
            del styles[level + 1 :]
            del stack[level:]
        else:
            # a kind of marker never seen on this branch nests below the kinds that rank above it
            rank = _RANK[style]
            cut = next((i for i, s in enumerate(styles) if _RANK[s] > rank), len(styles))
            del styles[cut:]
            del stack[cut:]
            styles.append(style)
            level = len(styles) - 1
        (stack[level - 1] if level > 0 and stack else root).children.append(node)
        stack.append(node)
    return root


def _parent_of(stack: list[Node], node: Node) -> Node:
    for candidate in reversed(stack):
        if node in candidate.children:
            return candidate
    return stack[-1]
