"""Benchmark (not a test): how fast hostile spreadsheets are refused, against reading a good one.

Baseline, measured in the same run: reading and checking the structure of a commune's real-sized
roster (30 units, 60 people) with `xaso.onboarding.roster.read_roster`. Then, through the same
function: a 300 KB "XLSX" whose worksheet unpacks to 300 MB (zip bomb), and a roster of 5,000 people
(over the 1,000 limit). A refusal should cost a small fraction of a normal read, never minutes.

    .venv/bin/python bench/onboarding_files.py [--record]
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_SECRET_KEY", "bench-only")
RESULTS = ROOT / "bench" / "results" / "onboarding.md"


def zip_bomb() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            for _ in range(300):
                part.write(b" " * (1024 * 1024))
    return buffer.getvalue()


def timed(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", action="store_true", help=f"write {RESULTS.relative_to(ROOT)}")
    args = parser.parse_args()
    import django

    django.setup()
    from xaso.onboarding.roster import RosterError, read_roster
    from xaso.onboarding.tests.rosters import commune_roster, workbook

    good = workbook(*commune_roster("ls-x", units=30, people=60))
    big = workbook(*commune_roster("ls-x", units=10, people=5000, emails=False))
    bomb = zip_bomb()

    def read_good() -> None:
        roster = read_roster(good, name="good.xlsx")
        assert len(roster.people) == 60

    def refused(data: bytes, reason: str) -> None:
        try:
            read_roster(data, name="x.xlsx")
        except RosterError as exc:
            if reason not in exc.problems[0]:
                raise AssertionError(exc.problems) from exc
            return
        raise AssertionError("not refused")

    baseline = timed(read_good, 7)
    bomb_time = timed(lambda: refused(bomb, "khi giải nén nặng"), 7)
    big_time = timed(lambda: refused(big, "5001 dòng"), 7)
    lines = [
        "# Onboarding spreadsheets: refusing hostile files (bench/onboarding_files.py)",
        "",
        "Median of 7 runs on this machine (2 shared cores), SQLite, no database access involved.",
        "",
        "| file | size | time | ratio to baseline |",
        "| --- | --- | --- | --- |",
        f"| baseline: read a roster of 30 units, 60 people | {len(good) // 1024} KB | {baseline * 1000:.1f} ms | 1.00 |",
        f"| zip bomb (unpacks to 300 MB), refused | {len(bomb) // 1024} KB | {bomb_time * 1000:.2f} ms | {bomb_time / baseline:.3f} |",
        f"| 5,000 people (limit 1,000), refused | {len(big) // 1024} KB | {big_time * 1000:.2f} ms | {big_time / baseline:.3f} |",
    ]
    print("\n".join(lines))
    if args.record:
        RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
