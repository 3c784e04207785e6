"""A scanned page (text set at 200 dpi with noise, blur and skew, read back by Tesseract with
Debian's Vietnamese model) still gives the plan's targets by year."""

from __future__ import annotations

from xaso.intake.corpus import scan_text, seed_variant
from xaso.intake.structure import parse
from xaso.intake.text import prepare


def test_scanned_targets_page_gives_nine_targets():
    text, expect = seed_variant("standard")
    lines = text.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("II. "))
    end = next(i for i, line in enumerate(lines) if line.startswith("III. "))
    page = "\n".join(lines[:8] + lines[start:end])
    draft = parse(prepare(scan_text(page)))
    assert [(t.period, t.milestones[0].value) for t in draft.targets] == [
        (str(t["period"]), t["value"]) for t in expect["targets"]
    ]
