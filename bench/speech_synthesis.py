"""Speech synthesis time as a fraction of the audio's duration (espeak-ng, offline).

The script is a realistic bulletin: the seed plan's general objective and specific targets,
verbalised by xaso.vi.reading (numbers, dates, codes in words), a few minutes long. Each
format is encoded from the same synthesis; the verbalisation time is reported apart.
Usage: .venv/bin/python bench/speech_synthesis.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_SECRET_KEY", "bench-only")
os.environ.setdefault("XASO_DATA_DIR", str(ROOT / "bench" / "out" / "data"))

import django  # noqa: E402

django.setup()

from xaso.channels.broadcast.audio import render  # noqa: E402
from xaso.channels.broadcast.speech import EspeakBackend  # noqa: E402
from xaso.vi.reading import Reader  # noqa: E402
from xaso.vi.seed_abbreviations import ABBREVIATIONS  # noqa: E402


def bulletin() -> str:
    seed = yaml.safe_load((ROOT / "xaso" / "plans" / "seed" / "ke-hoach-33-KH-UBND.yaml").read_text(encoding="utf-8"))
    plan = seed.get("plan", seed)
    parts = [str(plan.get("title", "")), str(plan.get("general_objective", ""))]
    for target in plan.get("targets", [])[:9]:
        parts.append(str(target.get("text", "")))
    return "\n".join(p.strip() for p in parts if p and p.strip())


def main() -> None:
    text = bulletin()
    started = time.perf_counter()
    script = Reader(ABBREVIATIONS).verbalise(text)
    verbalise = time.perf_counter() - started
    print(f"script: {len(text)} characters written, {len(script)} characters read aloud")
    print(f"verbalisation: {verbalise * 1000:.1f} ms")
    for audio_format in ("mp3", "ogg"):
        rendered = render(script, backend=EspeakBackend(), audio_format=audio_format)
        ratio = rendered.synthesis_seconds / rendered.duration_seconds
        print(
            f"{audio_format}: audio {rendered.duration_seconds:.1f} s, synthesis + encoding "
            f"{rendered.synthesis_seconds:.2f} s, ratio {ratio:.3f} ({len(rendered.data) // 1024} KiB)"
        )


if __name__ == "__main__":
    main()
