"""Benchmark (not a test): consolidating a commune of 30 units, and a province roll-up of 65 communes.

Builds a synthetic province in a fresh database (SQLite file by default; DATABASE_URL=postgres://...
for PostgreSQL): 65 communes of 30 units each, ACTIVITIES recorded activities per unit in the
half-year, one half-year period per commune with every unit's report approved (figures frozen as on
submission). Then measures, alternating, against a baseline run in the same process on the same rows:

  - consolidation: the consolidated report of one commune (content from the approved reports and
    the indicators, DOCX and XLSX annex; PDF is LibreOffice's and is measured in nd30_documents.py)
    vs a plain grouped count of that commune's activity rows by unit and kind;
  - roll-up: every commune's states, rates and indicators and the roll-up XLSX (65 communes × the
    year's targets) vs a plain grouped count of the province's activity rows by commune and kind.

    .venv/bin/python bench/reporting.py            # print the figures
    .venv/bin/python bench/reporting.py --record   # and write bench/results/reporting.md
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "xaso.settings")
os.environ.setdefault("XASO_SECRET_KEY", "bench-only-not-secret")
os.environ.setdefault("XASO_TASK_BACKEND", "immediate")
_tmp = tempfile.mkdtemp(prefix="xaso-bench-reporting-")
os.environ.setdefault("DATABASE_URL", f"sqlite:///{_tmp}/bench.sqlite3")
os.environ.setdefault("XASO_DATA_DIR", _tmp)

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from xaso.activities.models import Activity, ActivityKind, ActivityStatus, Audience  # noqa: E402
from xaso.demo.loaders import load_organisation, load_seed_plan, load_users  # noqa: E402
from xaso.documents.api import nd30_docx, xlsx_annex  # noqa: E402
from xaso.plans.models import Plan  # noqa: E402
from xaso.reporting.consolidated import build_consolidated_report  # noqa: E402
from xaso.reporting.models import PeriodKind, ReportingPeriod, ReportState, UnitReport  # noqa: E402
from xaso.reporting.prefill import live_figures  # noqa: E402
from xaso.reporting.province import province_rows, rollup_sheets  # noqa: E402
from xaso.units.models import OrgUnit, UnitKind  # noqa: E402
from xaso.units.services import unit_create  # noqa: E402

COMMUNES = int(os.environ.get("BENCH_COMMUNES", "65"))
UNITS = 30
ACTIVITIES = int(os.environ.get("BENCH_ACTIVITIES", "40"))  # per unit in the half-year: 78,000 rows in 65 communes
KINDS = [UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION]
ACTIVITY_KINDS = [k for k in ActivityKind if k != ActivityKind.OTHER]
START, END, DEADLINE = dt.date(2026, 1, 1), dt.date(2026, 5, 31), dt.date(2026, 6, 5)
TEXT = (
    "Trong kỳ, đơn vị đã tổ chức quán triệt Nghị quyết số 57-NQ/TW đến toàn thể cán bộ, công chức, viên chức "
    "và người lao động, lồng ghép vào sinh hoạt chuyên môn; phối hợp Đài Truyền thanh xã phát tin, bài."
)


def quiet(_: str) -> None:
    return None


def build_province() -> tuple[OrgUnit, list[OrgUnit], Any]:
    call_command("migrate", verbosity=0)
    load_organisation(quiet)
    load_users(quiet)
    load_seed_plan(quiet)
    province = OrgUnit.objects.get(code="ls")
    plan = Plan.objects.get(code="33/KH-UBND")
    user = get_user_model().objects.get(username="quantri")  # the superuser reads every commune
    communes = []
    now = timezone.now()
    tasks = list(plan.tasks.all())
    for c in range(COMMUNES):
        commune = unit_create(code=f"b-{c}", name=f"Xã Thử {c:02d}", kind=UnitKind.COMMUNE, parent=province)
        units = [
            unit_create(
                code=f"b-{c}-{u}", name=f"Đơn vị {u:02d} xã {c:02d}", kind=KINDS[u % len(KINDS)], parent=commune
            )
            for u in range(UNITS)
        ]
        with transaction.atomic():
            rows = [
                Activity(
                    commune=commune,
                    unit=unit,
                    kind=ACTIVITY_KINDS[(u + a) % len(ACTIVITY_KINDS)],
                    status=ActivityStatus.RECORDED,
                    title=f"Hoạt động {a}",
                    date_start=START + dt.timedelta(days=(a * 7 + u) % 150),
                    audience=Audience.OFFICIALS,
                    participants=30 + a,
                    officials=10,
                    serves_mass_media=a % 3 == 0,
                    serves_schools=a % 3 == 1,
                    serves_enterprises=a % 3 == 2,
                )
                for u, unit in enumerate(units)
                for a in range(ACTIVITIES)
            ]
            Activity.objects.bulk_create(rows, batch_size=2000)
            through = Activity.tasks.through
            ids = Activity.objects.filter(commune=commune).values_list("pk", flat=True)
            through.objects.bulk_create(
                [through(activity_id=pk, task_id=tasks[pk % len(tasks)].pk) for pk in ids], batch_size=2000
            )
            period = ReportingPeriod.objects.create(
                commune=commune,
                plan=plan,
                kind=PeriodKind.HALF_YEAR,
                year=2026,
                title="Báo cáo 6 tháng đầu năm 2026",
                data_start=START,
                data_end=END,
                deadline=DEADLINE,
            )
            figures = live_figures(period=period, unit_ids=[u.pk for u in units])
            UnitReport.objects.bulk_create(
                UnitReport(
                    period=period,
                    unit=unit,
                    state=ReportState.APPROVED,
                    results=TEXT,
                    difficulties="Đường truyền internet ở thôn vùng cao chưa ổn định.",
                    proposals="Đề nghị bố trí kinh phí tập huấn kỹ năng truyền thông số.",
                    next_tasks="Tiếp tục tuyên truyền trên hệ thống truyền thanh.",
                    figures=figures[unit.pk].to_json(),
                    first_submitted_at=now,
                    submitted_at=now,
                    on_time=u % 5 != 0,
                    reviewed_at=now,
                )
                for u, unit in enumerate(units)
            )
        communes.append(commune)
    return province, communes, user


def timed(fn: Callable[[], Any]) -> tuple[float, int]:
    with CaptureQueriesContext(connection) as queries:
        start = time.perf_counter()
        fn()
        elapsed = time.perf_counter() - start
    return elapsed, len(queries)


def compare(runs: int, baseline: Callable[[], Any], ours: Callable[[], Any]) -> dict[str, float]:
    base, mine, base_q, mine_q = [], [], 0, 0
    baseline()
    ours()  # warm caches (scope, templates, fonts) once
    for _ in range(runs):
        seconds, base_q = timed(baseline)
        base.append(seconds)
        seconds, mine_q = timed(ours)
        mine.append(seconds)
    b, m = statistics.median(base), statistics.median(mine)
    return {"baseline": b, "ours": m, "ratio": m / b, "baseline_queries": base_q, "ours_queries": mine_q}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--record", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    started = time.perf_counter()
    province, communes, user = build_province()
    setup = time.perf_counter() - started
    superuser = user
    commune = communes[0]
    period = ReportingPeriod.objects.get(commune=commune)
    activity_rows = Activity.objects.filter(commune__in=communes).count()

    def commune_count() -> None:
        list(
            Activity.objects.filter(commune=commune, date_start__gte=START, date_start__lte=END)
            .order_by()
            .values("unit_id", "kind")
            .annotate(n=Count("pk"))
        )

    def consolidate() -> None:
        rendering = build_consolidated_report(
            params={"period_id": period.pk, "number": 12}, user=superuser, progress=lambda *a: None
        )
        nd30_docx(rendering.document)
        xlsx_annex(sheets=list(rendering.annex))

    def province_count() -> None:
        list(
            Activity.objects.filter(commune__in=communes, date_start__gte=START, date_start__lte=END)
            .order_by()
            .values("commune_id", "kind")
            .annotate(n=Count("pk"))
        )

    def rollup() -> None:
        rows = province_rows(user=superuser, province=province, kind="half_year", year=2026, today=DEADLINE)
        xlsx_annex(sheets=rollup_sheets(rows=rows, province=province, kind="half_year", year=2026))

    consolidation = compare(args.runs, commune_count, consolidate)
    province_figures = compare(args.runs, province_count, rollup)
    rows = province_rows(user=superuser, province=province, kind="half_year", year=2026, today=DEADLINE)
    rollup_lines = sum(
        len(sheet.table.rows) for sheet in rollup_sheets(rows=rows, province=province, kind="half_year", year=2026)[:1]
    )

    engine = connection.vendor
    lines = [
        "| measure | baseline | baseline (s) | ours | ours (s) | ours / baseline | queries (ours) |",
        "| --- | --- | ---: | --- | ---: | ---: | ---: |",
        f"| consolidation, 1 commune × {UNITS} units | grouped count of its {UNITS * ACTIVITIES:,} activity rows | "
        f"{consolidation['baseline']:.3f} | content + DOCX + XLSX annex | {consolidation['ours']:.3f} | "
        f"{consolidation['ratio']:.1f} | {consolidation['ours_queries']} |",
        f"| province roll-up, {len(rows)} communes | grouped count of {activity_rows:,} activity rows | "
        f"{province_figures['baseline']:.3f} | states, rates, indicators + roll-up XLSX ({rollup_lines} rows) | "
        f"{province_figures['ours']:.3f} | {province_figures['ratio']:.1f} | {province_figures['ours_queries']} |",
    ]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    header = [
        "# Reporting: consolidation of a commune and the province roll-up",
        "",
        f"Date: {timezone.localtime():%Y-%m-%d %H:%M %z}  ",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} logical CPUs (shared; load average "
        f"{load}); {platform.system()} {platform.release()}; Python {platform.python_version()}; database: {engine}  ",
        f"Data: {len(rows)} communes ({COMMUNES} synthetic + the demo's), {UNITS} units each, {ACTIVITIES} activities per unit "
        f"in the half-year ({activity_rows:,} rows), every unit's report approved. Median of {args.runs} runs, "
        f"baseline and ours alternating (setup {setup:.0f} s).",
        "",
    ]
    text = "\n".join([*header, *lines]) + "\n"
    print(text)
    if args.record:
        out = ROOT / "bench" / "results" / "reporting.md"
        notes = out.read_text(encoding="utf-8").split("\n## Reading", 1) if out.exists() else [""]
        reading = "\n## Reading" + notes[1] if len(notes) > 1 else ""
        out.write_text(text + reading, encoding="utf-8")


if __name__ == "__main__":
    main()
