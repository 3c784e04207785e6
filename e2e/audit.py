"""What the crawl checks on every page it opens (e2e/test_audit_crawl.py).

- overflow: the document is wider than the screen (a person would scroll sideways), or a text or control
  is cut at the screen's edge or by a box hiding its overflow, without an ellipsis; a named region the
  keyboard can focus (role="region" tabindex="0" aria-label) that scrolls sideways is not a cut, only
  if the region itself is cut; animations are brought to their end first, so that two runs measure the
  same page;
- axe-core (the npm package pinned in package-lock.json, installed by bin/setup into node_modules/):
  WCAG 2.0/2.1 A and AA rules, serious and critical violations only;
- English left visible: phrases of Wagtail's own message catalogue (its English msgids) and an
  English stop-word list, looked for among the words written without diacritics;
- titles: generic ("Trang chủ" away from a home page, the product's name alone).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import wagtail
from django.conf import settings

AXE_PATH = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}

# English words that are no Vietnamese syllable written without marks ("to", "in", "an", "no", "me",
# "ban", "the"… are left out: they are Vietnamese words too).
STOP_WORDS = frozenset(
    [
        "and",
        "are",
        "about",
        "after",
        "all",
        "also",
        "any",
        "back",
        "been",
        "before",
        "being",
        "but",
        "can",
        "cancel",
        "choose",
        "clear",
        "close",
        "could",
        "create",
        "delete",
        "does",
        "edit",
        "error",
        "every",
        "filter",
        "filters",
        "for",
        "from",
        "has",
        "have",
        "help",
        "here",
        "hide",
        "history",
        "how",
        "into",
        "item",
        "items",
        "just",
        "label",
        "last",
        "loading",
        "login",
        "logout",
        "more",
        "most",
        "must",
        "new",
        "next",
        "none",
        "not",
        "of",
        "only",
        "other",
        "our",
        "page",
        "pages",
        "password",
        "please",
        "previous",
        "publish",
        "published",
        "really",
        "remove",
        "report",
        "reports",
        "root",
        "save",
        "search",
        "select",
        "settings",
        "should",
        "show",
        "site",
        "sites",
        "some",
        "sort",
        "state",
        "status",
        "such",
        "summary",
        "than",
        "that",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "title",
        "unknown",
        "update",
        "upload",
        "user",
        "username",
        "users",
        "villages",
        "was",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "will",
        "with",
        "would",
        "yes",
        "you",
        "your",
    ]
)

# Words of Wagtail's catalogue that are also names or words the project writes on purpose.
CATALOGUE_ALLOWED = frozenset({"Wagtail", "Facebook", "Zalo", "email", "slug", "tags", "tag"})

_WORD_RUN = re.compile(r"(?<![\w/@.-])[A-Za-z]+(?:[ ][A-Za-z]+)*(?![\w/@-])")
_NOT_TEXT = re.compile(r"https?://\S+|\S+@\S+|\b[\w-]+\.(?:docx|pdf|xlsx|csv|ods|odt|mp3|ogg|png|jpe?g|webp)\b")


@functools.cache
def axe_source() -> str:
    if not AXE_PATH.exists():
        raise FileNotFoundError(f"Không có {AXE_PATH}: chạy bin/setup (npm ci cài axe-core từ package-lock.json).")
    return AXE_PATH.read_text(encoding="utf-8")


@functools.cache
def wagtail_phrases() -> frozenset[str]:
    """The English msgids of Wagtail's catalogues that are plain words (no placeholders, no markup)."""
    root = Path(wagtail.__file__).parent
    phrases: set[str] = set()
    for po in root.glob("**/locale/en/LC_MESSAGES/*.po"):
        for msgid in re.findall(r'^msgid "(.+)"$', po.read_text(encoding="utf-8"), flags=re.MULTILINE):
            text = msgid.strip()
            if not re.fullmatch(r"[A-Za-z]+(?: [A-Za-z]+){0,4}", text) or text.lower() in CATALOGUE_ALLOWED:
                continue
            if " " not in text and len(text) < 4:
                continue
            phrases.add(text.lower())
    return frozenset(phrases)


def english_in(text: str) -> list[str]:
    """English phrases and words found in a page's visible text."""
    text = _NOT_TEXT.sub(" ", text)
    found: set[str] = set()
    phrases = wagtail_phrases()
    for run in _WORD_RUN.findall(text):
        words = run.split(" ")
        for size in range(min(5, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                phrase = " ".join(words[start : start + size])
                if phrase.lower() in phrases and not phrase.isupper():
                    found.add(phrase)
        found.update(word for word in words if word.lower() in STOP_WORDS and not word.isupper())
    return sorted(found)


GENERIC_TITLES = {"trang chủ", "xã số", "wagtail", "bảng điều khiển", ""}


def title_problem(title: str, *, is_home: bool) -> str | None:
    """A title that does not say where the person is."""
    core = re.sub(r"\s*[-–|]\s*Xã số\s*$", "", title).strip().lower()
    if core in GENERIC_TITLES and not is_home:
        return f"tiêu đề chung chung «{title}»"
    return None


# Read in the page: overflow, visible text, title (placeholders and labels of controls are visible too).
PAGE_FACTS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el, box) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (typeof el.className === 'string' && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '') +
    ' [' + Math.round(box.left) + '..' + Math.round(box.right) + ' px]';
  // Cut off: a visible element with its own text, or a control, reaching past either edge of the
  // screen, or past the edge of an ancestor that clips it (a container hiding its overflow leaves no
  // scrollbar, yet the person cannot read the end) — unless the cut is shown by an ellipsis.
  const clipper = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible') return up;
    }
    return null;
  };
  const ellipsis = (el, stop) => {
    for (let up = el; up && up !== stop; up = up.parentElement) {
      if (getComputedStyle(up).textOverflow === 'ellipsis') return true;
    }
    return false;
  };
  // A box made to scroll sideways on its own (a named region the keyboard can focus, the documented
  // pattern for a wide table): what lies past its edge is one swipe or arrow key away, not cut — as
  // long as the box itself is within the screen.
  const scrollRegion = (box) => box && /auto|scroll/.test(getComputedStyle(box).overflowX) &&
    box.matches('[role=region][tabindex="0"]:is([aria-label], [aria-labelledby])');
  const cut = [];
  for (const el of document.body.querySelectorAll('*')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) ||
      el.matches('input:not([type=hidden]), select, textarea, button, img');
    if (!own || !el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;
    if (el.closest('[inert], [aria-hidden="true"], .sr-only, .w-sr-only, .visuallyhidden, .w-minimap')) continue;
    const clip = clipper(el);
    const box = scrollRegion(clip) ? clip.getBoundingClientRect() : el.getBoundingClientRect();
    if (box.width < 2 || box.height < 2) continue;
    // Wholly off-screen (skip links until focused, closed drawers) is hidden on purpose; partly is cut.
    let edge = (box.left < -1 && box.right > 0) || (box.right > width + 1 && box.left < width);
    if (!edge && clip && !scrollRegion(clip)) {
      const outer = clip.getBoundingClientRect();
      const inside = box.right > outer.left && box.left < outer.right;
      edge = inside && (box.right > outer.right + 1 || box.left < outer.left - 1) &&
        outer.right <= width + 1 && outer.width > 20;
    }
    if (edge && !ellipsis(el, clip ? clip.parentElement : null)) {
      cut.push(describe(el, box) + (el.innerText ? ' «' + el.innerText.trim().slice(0, 40) + '»' : ''));
      if (cut.length > 5) break;
    }
  }
  const extra = [...document.querySelectorAll('[placeholder], [aria-label], img[alt], [title]')]
    .map(el => [el.getAttribute('placeholder'), el.getAttribute('aria-label'), el.getAttribute('alt'),
                el.getAttribute('title')].filter(Boolean).join(' '));
  return {scrollWidth: root.scrollWidth, clientWidth: width, cut,
          text: document.body.innerText + '\\n' + extra.join('\\n'), title: document.title};
}"""

# Brought to rest before anything is measured: Wagtail's messages fade in over half a second after the
# page is ready, and axe measuring a half-transparent warning found its contrast too low in one run and
# not in another. Running animations and transitions jump to their end; endless ones (spinners) are
# cancelled, leaving the element's own style.
SETTLE = """async () => {
  for (let round = 0; round < 2; round++) {
    for (const animation of document.getAnimations()) {
      try { animation.finish(); } catch (endless) { animation.cancel(); }
    }
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
  }
}"""

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
}"""


@dataclass
class PageAudit:
    url: str
    title: str = ""
    problems: list[str] = field(default_factory=list)


def audit_page(page: Any, url: str, *, is_home: bool, axe: bool, titles: bool = True) -> PageAudit:
    """Checks the page already open in `page`."""
    page.evaluate(SETTLE)
    facts = page.evaluate(PAGE_FACTS)
    audit = PageAudit(url=url, title=facts["title"])
    if facts["scrollWidth"] > facts["clientWidth"]:
        audit.problems.append(f"cuộn ngang: {facts['scrollWidth']} > {facts['clientWidth']} px {facts['cut']}")
    elif facts["cut"]:
        audit.problems.append(f"bị cắt ở mép màn hình: {facts['cut']}")
    english = english_in(facts["text"] + "\n" + facts["title"])
    if english:
        audit.problems.append(f"tiếng Anh: {english}")
    problem = title_problem(facts["title"], is_home=is_home) if titles else None
    if problem:
        audit.problems.append(problem)
    if axe:
        if not page.evaluate("() => typeof axe !== 'undefined'"):
            # Evaluated through the browser's debugging protocol: not blocked by the page's CSP.
            page.evaluate(axe_source())
        for violation in page.evaluate(AXE_RUN, AXE_TAGS):
            if violation["impact"] in FAILING_IMPACTS:
                audit.problems.append(
                    f"axe {violation['impact']} {violation['id']}: {violation['help']} {violation['nodes']}"
                )
    return audit
