"""Public search of the portal: accent- and case-insensitive, ranked for Vietnamese.

Vietnamese words are made of syllables ("chuyển đổi số" is three), so text is indexed
as folded syllables (xaso.vi.text.fold: no accents, lower case) and a query matches
whole syllables only — "so" finds "số" but never "song". Ranking follows what readers
expect: the whole phrase in the title first, then all syllables in the title, then the
phrase in the text, then syllables that keep the query's word order (pairs in a row),
with a bonus when the reader typed accents and the title has them exactly; newer
articles first among equals. Everything is plain SQL LIKE plus Python, so it behaves
the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from wagtail.models import Page

from xaso.portal.models import SearchEntry
from xaso.vi.text import fold, nfc

MAX_CANDIDATES = 500
SNIPPET_RADIUS = 90
_NOT_WORD = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """ "Chuyển đổi số, 2025!" -> " chuyen doi so 2025 " (folded syllables, padded)."""
    return f" {_NOT_WORD.sub(' ', fold(text)).strip()} "


def query_syllables(query: str) -> list[str]:
    seen: list[str] = []
    for word in normalise(query).split():
        if word not in seen:
            seen.append(word)
    return seen


def search_entry_update(*, page: Page) -> SearchEntry:
    """(Re)index a published page; called from the publish action (xaso.portal.services)."""
    specific = page.specific
    title, body = specific.search_text()
    entry, _ = SearchEntry.objects.update_or_create(
        page=page,
        defaults={"title_folded": normalise(title), "body_folded": normalise(body), "body_text": nfc(body)},
    )
    return entry


def search_index_rebuild() -> int:
    """Index every published portal page again (after an upgrade or a bulk import)."""
    from xaso.portal.models import PortalPage

    count = 0
    for page in Page.objects.live().specific():
        if isinstance(page, PortalPage):
            search_entry_update(page=page)
            count += 1
    return count


@dataclass
class SearchHit:
    page: Page
    score: int
    title_html: SafeString
    snippet_html: SafeString


@dataclass
class SearchResults:
    query: str
    syllables: list[str]
    hits: list[SearchHit] = field(default_factory=list)
    # False when no page has every syllable and the hits are pages with some of them.
    complete: bool = True


def _score(entry: SearchEntry, syllables: list[str], exact_phrase: str, title_exact: str) -> int:
    title, body = entry.title_folded, entry.body_folded
    phrase = f" {' '.join(syllables)} "
    in_title = sum(f" {s} " in title for s in syllables)
    in_body = sum(f" {s} " in body for s in syllables)
    pairs = [f" {a} {b} " for a, b in pairwise(syllables)]
    score = 20 * in_title + 4 * in_body
    if in_title == len(syllables):
        score += 40
    if phrase in title:
        score += 100 if len(syllables) > 1 else 20
    if len(syllables) > 1 and phrase in body:
        score += 25
    score += 8 * sum(pair in title for pair in pairs) + 3 * sum(pair in body for pair in pairs)
    score += sum(min(body.count(f" {s} "), 5) for s in syllables)
    if exact_phrase and exact_phrase in title_exact:
        score += 50
    return score


def _folded_with_positions(text: str) -> tuple[str, list[int]]:
    """The text folded character by character, with each folded character's original index."""
    folded: list[str] = []
    positions: list[int] = []
    for index, char in enumerate(text):
        for piece in fold(char) if not char.isspace() else " ":
            folded.append(piece if piece.isalnum() else " ")
            positions.append(index)
    return "".join(folded), positions


def highlight(text: str, syllables: list[str], *, radius: int | None = None) -> SafeString:
    """Marks the query's syllables in `text` (accents or not), optionally cut to a window around the first."""
    text = nfc(text)
    folded, positions = _folded_with_positions(text)
    spans: list[tuple[int, int]] = []
    for syllable in syllables:
        for match in re.finditer(rf"(?<![a-z0-9]){re.escape(syllable)}(?![a-z0-9])", folded):
            spans.append((positions[match.start()], positions[match.end() - 1] + 1))
    spans.sort()
    start, end = 0, len(text)
    if radius is not None:
        anchor = spans[0][0] if spans else 0
        start = max(0, anchor - radius)
        end = min(len(text), anchor + radius * 2)
        if start > 0:
            start = text.find(" ", start) + 1 or start
    pieces: list[str] = ["… " if start > 0 else ""]
    cursor = start
    for span_start, span_end in spans:
        if span_start < cursor or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start]))
        pieces.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end]))
    if end < len(text):
        pieces.append(" …")
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of text above is escaped


def portal_search(*, root: Page, query: str, limit: int = 100) -> SearchResults:
    """Published, public pages under `root` matching `query`, best first."""
    syllables = query_syllables(query)
    results = SearchResults(query=query, syllables=syllables)
    if not syllables:
        return results
    visible = SearchEntry.objects.filter(
        page__in=Page.objects.live().public().descendant_of(root, inclusive=True).values("pk")
    )

    def having(joiner: str) -> list[SearchEntry]:
        condition = Q()
        for syllable in syllables:
            one = Q(title_folded__contains=f" {syllable} ") | Q(body_folded__contains=f" {syllable} ")
            condition = (condition & one) if joiner == "and" else (condition | one)
        return list(
            visible.filter(condition).select_related("page").order_by("-page__first_published_at")[:MAX_CANDIDATES]
        )

    entries = having("and")
    if not entries and len(syllables) > 1:
        entries, results.complete = having("or"), False
    exact_phrase = nfc(query).strip().lower() if fold(query) != query.strip().lower() else ""
    scored = sorted(
        ((_score(entry, syllables, exact_phrase, nfc(entry.page.title).lower()), entry) for entry in entries),
        key=lambda pair: pair[0],
        reverse=True,
    )[:limit]
    pages = {page.pk: page for page in Page.objects.filter(pk__in=[e.page_id for _, e in scored]).specific()}
    for score, entry in scored:
        page = pages[entry.page_id]
        results.hits.append(
            SearchHit(
                page=page,
                score=score,
                title_html=highlight(page.title, syllables),
                snippet_html=highlight(entry.body_text, syllables, radius=SNIPPET_RADIUS),
            )
        )
    return results
