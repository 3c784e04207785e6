"""Benchmark (not a test): plan documents of the intake corpus (xaso/intake/corpus/) through
extraction (DOCX, PDF, 200 dpi scan + Tesseract), restoring and structure finding, scored
against each document's expected structure: targets found with the right year and value,
tasks found in the right group, figures of a retrospective part wrongly taken as targets.

    .venv/bin/python bench/intake_corpus.py            # print the figures
    .venv/bin/python bench/intake_corpus.py --record   # and write bench/results/intake_corpus.md
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_SECRET_KEY", "bench-only")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", action="store_true")
    args = parser.parse_args()
    from xaso.intake import corpus

    rows = [
        "| tài liệu | dạng | từ tệp mẫu | mục tiêu | nhiệm vụ | số, ngày | căn cứ thiếu | số liệu hồi cứu lấy nhầm | giây |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    totals = [0, 0, 0, 0]
    retro_total = 0
    for document in corpus.load():
        start = time.perf_counter()
        _, score = corpus.run(document)
        seconds = time.perf_counter() - start
        totals = [
            totals[0] + score.targets_found,
            totals[1] + score.targets_expected,
            totals[2] + score.tasks_found,
            totals[3] + score.tasks_expected,
        ]
        retro_total += len(score.retro_taken)
        rows.append(
            f"| {score.name} | {score.render} | {'có' if score.seed_derived else 'không'} | {score.targets_found}/{score.targets_expected} "
            f"| {score.tasks_found}/{score.tasks_expected} | {'đúng' if score.identity_ok else 'SAI'} | {', '.join(score.bases_missing) or '—'} "
            f"| {', '.join(score.retro_taken) or '0'} | {seconds:.1f} |"
        )
    found = totals[0] + totals[2]
    expected = totals[1] + totals[3]
    summary = (
        f"Mục tiêu: {totals[0]}/{totals[1]}; nhiệm vụ: {totals[2]}/{totals[3]}; "
        f"tổng {found}/{expected} = {100 * found / expected:.1f} %; số liệu hồi cứu lấy nhầm làm mục tiêu: {retro_total}."
    )
    print("\n".join(rows))
    print(summary)
    if args.record:
        out = ROOT / "bench" / "results" / "intake_corpus.md"
        out.write_text(
            "# Intake corpus: plan documents -> draft structure\n\n"
            "`.venv/bin/python bench/intake_corpus.py --record`. Scans are cached in the temp directory;\n"
            "the `giây` column of a scan is OCR time on the first run only.\n\n"
            + "\n".join(rows)
            + "\n\n"
            + summary
            + "\n",
            encoding="utf-8",
        )


if __name__ == "__main__":
    main()
