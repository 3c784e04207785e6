"""Rebuild xaso/vi/data/accents.json.gz, the diacritics model, from the text the repo ships."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from xaso.vi.accents import MODEL_PATH, WORD, build_model, syllable_runs
from xaso.vi.text import fold

ROOT = Path(__file__).resolve().parents[4]
SOURCES = Path(__file__).resolve().parents[2] / "data" / "accents-sources.txt"


def training_files(root: Path = ROOT, manifest: Path = SOURCES) -> list[Path]:
    include: set[Path] = set()
    exclude: set[Path] = set()
    for line in manifest.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        target = exclude if line.startswith("!") else include
        target.update(p for p in root.glob(line.lstrip("!")) if p.is_file())
    return sorted(include - exclude)


def vietnamese_lines(text: str) -> str:
    """Lines that are mostly Vietnamese: code, msgids and markup around them would teach
    the model English ("do", "to", "a") as if it were Vietnamese without marks."""
    kept = []
    for line in text.splitlines():
        words = [w for w in WORD.findall(line) if w.isalpha()]
        marked = [w for w in words if fold(w) != w.lower()]
        if words and len(marked) >= 0.4 * len(words):
            kept.append(line)
    return "\n".join(kept)


def wordfreq_prior() -> dict[str, float]:
    """Vietnamese syllable frequencies from wordfreq (a build-time dependency only)."""
    import wordfreq

    return {
        word: wordfreq.word_frequency(word, "vi")
        for word in wordfreq.top_n_list("vi", 30_000)
        if word.isalpha() and " " not in word
    }


def dictionary_text() -> str:
    """pyvi's word list (31,000 words, 25,000 of them compounds: "bền vững", "nước sạch") as one
    word a line, so that each compound is counted once as a pair of syllables."""
    import pyvi

    words = Path(pyvi.__file__).resolve().parent / "models" / "words.txt"
    return words.read_text(encoding="utf-8")


class Command(BaseCommand):
    help = "Đếm lại mô hình khôi phục dấu tiếng Việt từ văn bản trong kho mã."

    def handle(self, *args: Any, **options: Any) -> None:
        files = training_files()
        texts = [vietnamese_lines(path.read_text(encoding="utf-8", errors="ignore")) for path in files]
        data = build_model([*texts, dictionary_text()], wordfreq_prior())
        MODEL_PATH.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(MODEL_PATH, "wt", encoding="utf-8", compresslevel=9) as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
        syllables = sum(len(run) for text in texts for run in syllable_runs(text))
        self.stdout.write(
            f"{len(files)} tệp, {syllables} âm tiết, {len(data['unigrams'])} từ, "
            f"{len(data['trigrams'])} bộ ba -> {MODEL_PATH.name} ({MODEL_PATH.stat().st_size // 1024} KB)"
        )
