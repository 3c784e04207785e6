"""Restoring Vietnamese diacritics: "ke hoach chuyen doi so" -> "kế hoạch chuyển đổi số".

A syllable trigram language model of administrative Vietnamese (xaso/vi/data/accents.json.gz,
built by `manage.py accents_build` from text shipped in the repo plus wordfreq's Vietnamese
frequencies) chooses, for each syllable, among the accented forms that fold to it. Beam search
over the line keeps the choice consistent with its neighbours ("số" after "chuyển đổi").

Two modes:
- "plain": text typed without (or with some) diacritics. A syllable that already carries marks
  is kept unless the model is very sure; unknown words (names, English) are kept.
- "ocr": OCR output where marks and even letters are garbled ("déi méi", "S6", "nudc"). Letters
  OCR confuses are mapped first (6 -> o, w -> u, 4 -> a), then forms within one or two edits
  compete, so the marks OCR printed are only weak evidence.

Every restored syllable reports whether it changed and how sure the model was, so that the
draft can mark doubtful words for the person checking it.
"""

from __future__ import annotations

import gzip
import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from xaso.vi.text import fold

MODEL_PATH = Path(__file__).resolve().parent / "data" / "accents.json.gz"

WORD = re.compile(r"[0-9A-Za-zÀ-ỹĐđ]+")
# Characters that end a clause: the model's context restarts after them.
BREAK = re.compile(r"[.,;:!?()\[\]“”\"'/–—…\n-]")
_LETTER = re.compile(r"[A-Za-zÀ-ỹĐđ]")
# Digits and symbols OCR prints for letters of Vietnamese words.
_OCR_LETTERS = str.maketrans({"6": "o", "0": "o", "9": "o", "8": "o", "1": "l", "4": "a", "3": "a", "w": "u"})
_VIETNAMESE_MARKED = re.compile(r"[À-ỹĐđ]")
_BOS = "<s>"

# Log-scale costs of explaining the observed token by a candidate form.
KEEP_MARKED_PLAIN = 7.0  # plain text: a marked syllable is what the author typed
CHANGE_MARKS_OCR = 1.2  # OCR: printed marks are only weak evidence
EDIT_COST = (0.0, 3.5, 7.0)  # OCR: one or two letters misread
UNKNOWN_KEEP = 0.0  # plain text: keep a word the model does not know
UNKNOWN_KEEP_OCR = 4.0
UNK_LOGPROB = math.log(1e-7)
BEAM = 8
MAX_CANDIDATES = 12
DOUBT_MARGIN = 2.0


@dataclass(frozen=True)
class Word:
    """One restored syllable: where it sits in the line, what it was and what it became."""

    start: int
    end: int
    original: str
    restored: str
    margin: float  # log-odds of the choice against the runner-up; small means doubtful

    @property
    def changed(self) -> bool:
        return self.original != self.restored

    @property
    def doubtful(self) -> bool:
        return self.changed and self.margin < DOUBT_MARGIN


@dataclass(frozen=True)
class Restored:
    text: str
    words: list[Word]

    @property
    def changed(self) -> list[Word]:
        return [w for w in self.words if w.changed]

    @property
    def doubtful(self) -> list[Word]:
        return [w for w in self.words if w.doubtful]


class AccentModel:
    """Counts of accented syllables, pairs and triples, and a prior for syllables never seen."""

    def __init__(self, data: dict) -> None:
        self.unigrams: dict[str, int] = data["unigrams"]
        self.prior: dict[str, float] = data["prior"]
        self.bigrams: dict[str, int] = data["bigrams"]
        self.trigrams: dict[str, int] = data["trigrams"]
        self.total = max(1, sum(self.unigrams.values()))
        self.forms: dict[str, list[str]] = {}
        for form in set(self.unigrams) | set(self.prior):
            self.forms.setdefault(skeleton(form), []).append(form)
        # Witten-Bell: how many different words follow each history.
        self.followers: dict[str, int] = {}
        self.history: dict[str, int] = {}
        for pair, count in self.bigrams.items():
            first = pair.split(" ", 1)[0]
            self.followers[first] = self.followers.get(first, 0) + 1
            self.history[first] = self.history.get(first, 0) + count
        self.followers2: dict[str, int] = {}
        for triple in self.trigrams:
            head = triple.rsplit(" ", 1)[0]
            self.followers2[head] = self.followers2.get(head, 0) + 1
        self._deletes: dict[str, set[str]] | None = None

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> AccentModel:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return cls(json.load(handle))

    # -- probabilities -------------------------------------------------------------------

    def p_unigram(self, word: str) -> float:
        seen = self.unigrams.get(word, 0) / self.total
        return max(0.5 * seen + 0.5 * self.prior.get(word, 0.0), 1e-7)

    def p_bigram(self, prev: str, word: str) -> float:
        base = self.p_unigram(word)
        followers = self.followers.get(prev, 0)
        if not followers:
            return base
        count = self.bigrams.get(f"{prev} {word}", 0)
        return (count + followers * base) / (self.history[prev] + followers)

    def logprob(self, prev2: str, prev: str, word: str) -> float:
        base = self.p_bigram(prev, word)
        head = f"{prev2} {prev}"
        followers = self.followers2.get(head, 0)
        if followers:
            count = self.trigrams.get(f"{head} {word}", 0)
            seen = self.bigrams.get(head, 0)
            base = (count + followers * base) / (seen + followers)
        return math.log(base)

    # -- candidates ----------------------------------------------------------------------

    def near_keys(self, key: str) -> list[tuple[str, int]]:
        """Known skeletons within two deletions of `key` (SymSpell), with their edit distance."""
        if self._deletes is None:
            self._deletes = {}
            for known in self.forms:
                for variant in _deletions(known, 2):
                    self._deletes.setdefault(variant, set()).add(known)
        found: dict[str, int] = {}
        for variant in _deletions(key, 2):
            for known in self._deletes.get(variant, ()):
                distance = _distance(key, known)
                if 0 < distance <= 2 and (distance == 1 or len(key) >= 4):
                    found[known] = min(found.get(known, 9), distance)
        return sorted(found.items())


def skeleton(token: str, *, ocr: bool = True) -> str:
    """The key a token is looked up by: folded, lower-case, and for OCR text with look-alike
    digits mapped to letters ("S6" -> "so", "Chwong" -> "chuong")."""
    return fold(token).translate(_OCR_LETTERS) if ocr else fold(token)


# Where the tone mark sits on "oa", "oe", "uy" at the end of a syllable: the project writes
# "hóa", "thủy", "khỏe" (as Decree 30 documents do); older texts write "hoá", "thuỷ", "khoẻ".
_OLD_TONE = re.compile(r"(?<![qQ])([oOuU])([áàảãạéèẻẽẹýỳỷỹỵÁÀẢÃẠÉÈẺẼẸÝỲỶỸỴ])$")


def modern_tone(word: str) -> str:
    match = _OLD_TONE.search(word)
    if not match:
        return word
    vowel, marked = match.groups()
    parts = unicodedata.normalize("NFD", marked)
    base, tone = parts[0], parts[1:]
    moved = unicodedata.normalize("NFC", vowel + tone) + base
    return word[: match.start()] + moved


def _deletions(word: str, depth: int) -> set[str]:
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i]
        for j, cb in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@lru_cache(maxsize=1)
def model() -> AccentModel:
    return AccentModel.load()


def _has_marks(token: str) -> bool:
    return bool(_VIETNAMESE_MARKED.search(token))


def _is_ocr_word(token: str) -> bool:
    """A token OCR may have garbled: letters with at most a few look-alike digits in it."""
    letters = len(_LETTER.findall(token))
    return letters > 0 and letters >= len(token) - 2


def _candidates(model_: AccentModel, token: str, *, ocr: bool) -> list[tuple[str, float]]:
    """Forms that could stand for `token`, each with the cost of that reading (lower is better)."""
    if not _LETTER.search(token) or (not ocr and not token.isalpha()) or (ocr and not _is_ocr_word(token)):
        return []
    lower = unicodedata.normalize("NFC", token.lower())
    key = skeleton(token, ocr=ocr)
    scored: dict[str, float] = {}
    for form in model_.forms.get(key, []):
        if form == lower:
            cost = 0.0
        elif not _has_marks(lower) and fold(lower) == lower:
            cost = 0.0  # no marks to contradict
        elif ocr:
            cost = CHANGE_MARKS_OCR
        else:
            cost = KEEP_MARKED_PLAIN
        scored[form] = cost
    if ocr:
        for near, distance in model_.near_keys(key):
            for form in model_.forms[near]:
                scored.setdefault(form, EDIT_COST[distance])
    if not scored:
        return []
    ranked = sorted(scored.items(), key=lambda item: item[1] - math.log(model_.p_unigram(item[0])))
    return ranked[:MAX_CANDIDATES]


def _apply_case(original: str, form: str) -> str:
    letters = [c for c in original if c.isalpha()]
    if len(letters) > 1 and sum(c.isupper() for c in letters) > len(letters) / 2:
        return form.upper()
    if original[:1].isupper() or (original[:1].isdigit() and letters and letters[0].isupper()):
        return form[:1].upper() + form[1:]
    return form


def _segments(line: str) -> Iterator[list[re.Match[str]]]:
    """Runs of words between clause breaks, each restored with its own context."""
    run: list[re.Match[str]] = []
    last = 0
    for match in WORD.finditer(line):
        if run and BREAK.search(line, last, match.start()):
            yield run
            run = []
        run.append(match)
        last = match.end()
    if run:
        yield run


def _decode(model_: AccentModel, tokens: list[str], *, ocr: bool) -> list[tuple[str, float]]:
    options = [_candidates(model_, token, ocr=ocr) for token in tokens]
    # Each hypothesis: (score, history tuple, chosen forms)
    beam: list[tuple[float, str, str, list[str]]] = [(0.0, _BOS, _BOS, [])]
    margins: list[float] = []
    for token, cands in zip(tokens, options, strict=True):
        extended: list[tuple[float, str, str, list[str]]] = []
        if not cands:
            keep = token
            for score, _prev2, prev, chosen in beam:
                extended.append((score + UNK_LOGPROB, prev, _BOS, [*chosen, keep]))
        else:
            keep_cost = UNKNOWN_KEEP_OCR if ocr else UNKNOWN_KEEP
            for score, prev2, prev, chosen in beam:
                for form, cost in cands:
                    extended.append((score - cost + model_.logprob(prev2, prev, form), prev, form, [*chosen, form]))
                if not ocr and not model_.forms.get(skeleton(token, ocr=False)):
                    extended.append((score - keep_cost + UNK_LOGPROB, prev, _BOS, [*chosen, token.lower()]))
        extended.sort(key=lambda h: h[0], reverse=True)
        best_form = extended[0][3][-1]
        rival = next((h[0] for h in extended if h[3][-1] != best_form), None)
        margins.append(99.0 if rival is None else extended[0][0] - rival)
        # Keep the best hypothesis per (history) so the beam holds real alternatives.
        seen: set[tuple[str, str]] = set()
        beam = []
        for hyp in extended:
            state = (hyp[1], hyp[2])
            if state in seen:
                continue
            seen.add(state)
            beam.append(hyp)
            if len(beam) == BEAM:
                break
    best = beam[0][3]
    return list(zip(best, margins, strict=True))


def restore_line(line: str, *, ocr: bool = False, model_: AccentModel | None = None) -> Restored:
    model_ = model_ or model()
    pieces: list[str] = []
    words: list[Word] = []
    position = 0
    for run in _segments(line):
        tokens = [m.group(0) for m in run]
        for match, (form, margin) in zip(run, _decode(model_, tokens, ocr=ocr), strict=True):
            original = match.group(0)
            if len(original) == 1 and line[match.end() : match.end() + 1] in (".", ")"):
                form = original.lower()  # a list marker: "a)", "l." (OCR's "1.")
            restored = original if form == original.lower() else _apply_case(original, form)
            if fold(restored) == fold(original) and unicodedata.normalize("NFC", original) == restored:
                restored = original
            pieces.append(line[position : match.start()])
            pieces.append(restored)
            position = match.end()
            words.append(Word(match.start(), match.end(), original, restored, margin))
    pieces.append(line[position:])
    return Restored("".join(pieces), words)


def restore(text: str, *, ocr: bool = False) -> Restored:
    """Restore each line of `text`; word offsets are relative to their own line."""
    lines = [restore_line(line, ocr=ocr) for line in text.split("\n")]
    return Restored("\n".join(r.text for r in lines), [w for r in lines for w in r.words])


def looks_accentless(text: str) -> bool:
    """Vietnamese text with (almost) no diacritics, as typed on a phone or OCR'd badly."""
    words = WORD.findall(text)
    if len(words) < 20:
        return False
    marked = sum(1 for w in words if _has_marks(w))
    return marked / len(words) < 0.35


def looks_garbled(text: str) -> bool:
    """OCR output: letters mixed with look-alike digits, or many syllables Vietnamese has not."""
    words = [w for w in WORD.findall(text) if w.isalpha() or _is_ocr_word(w)]
    if len(words) < 20:
        return False
    forms = model().forms
    mixed = sum(1 for w in words if not w.isalpha() and any(c.isdigit() for c in w) and len(w) <= 5)
    unknown = sum(1 for w in words if w.isalpha() and skeleton(w) not in forms)
    return (mixed + unknown) / len(words) > 0.04


# -- building the model --------------------------------------------------------------------


def syllable_runs(text: str) -> Iterable[list[str]]:
    """Lower-case syllables of accented text, split at clause breaks, for counting."""
    for line in text.split("\n"):
        for run in _segments(unicodedata.normalize("NFC", line)):
            words = [modern_tone(m.group(0).lower()) for m in run if m.group(0).isalpha()]
            if words:
                yield words


def build_model(texts: Iterable[str], prior: dict[str, float]) -> dict:
    unigrams: dict[str, int] = {}
    bigrams: dict[str, int] = {}
    trigrams: dict[str, int] = {}
    runs = 0
    for text in texts:
        for run in syllable_runs(text):
            padded = [_BOS, _BOS, *run]
            for i in range(2, len(padded)):
                word = padded[i]
                unigrams[word] = unigrams.get(word, 0) + 1
                pair = f"{padded[i - 1]} {word}"
                bigrams[pair] = bigrams.get(pair, 0) + 1
                triple = f"{padded[i - 2]} {pair}"
                trigrams[triple] = trigrams.get(triple, 0) + 1
            runs += 1
    bigrams[f"{_BOS} {_BOS}"] = runs  # histories of the first syllable of each run
    return {
        "version": 1,
        "unigrams": dict(sorted(unigrams.items())),
        "prior": {w: round(f, 9) for w, f in sorted(prior.items()) if f >= 1e-7},
        "bigrams": dict(sorted(bigrams.items())),
        "trigrams": dict(sorted(trigrams.items())),
    }
