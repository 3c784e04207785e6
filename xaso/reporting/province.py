"""The province's view of reporting: every commune's submission state for a period, and the
roll-up (one row per commune and indicator) as XLSX. Read in a fixed number of queries whatever
the number of communes (65 in a province)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from xaso.documents.api import Column, Sheet, Table
from xaso.documents.models import RenderJob, RenderStatus
from xaso.indicators.figures import Counts
from xaso.plans.models import Milestone, Target
from xaso.reporting.achieved import TargetResult, commune_counts, indicator_elements, results_of
from xaso.reporting.models import PeriodKind, ReportingPeriod, ReportState
from xaso.reporting.selectors import Rates, reporting_rates
from xaso.units.models import OrgUnit
from xaso.units.selectors import UserLike, communes_readable, scope_for
from xaso.vi.dates import date_numeric

NOT_OPENED = "Chưa mở kỳ báo cáo"
ERR_NOT_PROVINCE = "Chỉ cán bộ theo dõi cấp tỉnh mới xem được tình hình báo cáo của các xã."


def may_follow_province(*, user: UserLike) -> bool:
    scope = scope_for(user=user)
    return scope.is_superuser or bool(scope.viewed_province_paths)


def provinces_followed(*, user: UserLike) -> QuerySet[OrgUnit]:
    scope = scope_for(user=user)
    provinces = OrgUnit.objects.filter(kind="province")
    if scope.is_superuser:
        return provinces
    return provinces.filter(path__in=list(scope.viewed_province_paths))


@dataclass(frozen=True, kw_only=True)
class CommuneRow:
    commune: OrgUnit
    period: ReportingPeriod | None
    rates: Rates = field(default_factory=Rates)
    states: dict[str, int] = field(default_factory=dict)
    activities: int = 0
    results: tuple[TargetResult, ...] = ()
    consolidated_at: dt.datetime | None = None

    def state_counts(self) -> list[int]:
        """Reports in each state, in ReportState's order (the columns of the page)."""
        return [self.states.get(state.value, 0) for state in ReportState]


def province_rows(*, user: UserLike, province: OrgUnit, kind: str, year: int, today: dt.date) -> list[CommuneRow]:
    """Every commune of the province the person reads, with its period of `kind` and `year` (if opened)."""
    communes = list(communes_readable(user=user).filter(path__startswith=province.path).order_by("name", "pk"))
    periods = {
        p.commune_id: p
        for p in ReportingPeriod.objects.filter(commune__in=communes, kind=kind, year=year).select_related(
            "plan", "sent_job"
        )
    }
    reports = _reports_of(periods.values())
    rates = reporting_rates(reports=reports, by="commune", today=today)
    states: dict[int, dict[str, int]] = defaultdict(dict)
    for row in reports.order_by().values("period__commune_id", "state").annotate(n=Count("pk")):
        states[row["period__commune_id"]][row["state"]] = row["n"]
    counts = commune_counts(periods=periods.values())
    targets: dict[int, list[Target]] = defaultdict(list)
    plan_targets = Target.objects.filter(plan_id__in={p.plan_id for p in periods.values()}).prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("year"))
    )
    for target in plan_targets.order_by("sort_order", "pk"):
        targets[target.plan_id].append(target)
    elements = indicator_elements(periods=list(periods.values()), plans={c: p.plan for c, p in periods.items()})
    sent = _consolidated_at(periods.values())
    rows = []
    for commune in communes:
        period = periods.get(commune.pk)
        if period is None:
            rows.append(CommuneRow(commune=commune, period=None))
            continue
        rows.append(
            CommuneRow(
                commune=commune,
                period=period,
                rates=rates.get(commune.pk, Rates()),
                states=states.get(commune.pk, {}),
                activities=counts.get(commune.pk, Counts())["activities"],
                results=tuple(
                    results_of(targets=targets[period.plan_id], period=period, elements=elements[commune.pk])
                ),
                consolidated_at=sent.get(period.pk),
            )
        )
    return rows


def _reports_of(periods: Any) -> QuerySet[Any]:
    from xaso.reporting.models import UnitReport

    return UnitReport.objects.filter(period__in=list(periods))


def _consolidated_at(periods: Any) -> dict[int, dt.datetime]:
    """period id -> when its latest consolidated report was rendered."""
    from xaso.reporting.consolidated import BUILDER

    ids = [p.pk for p in periods]
    done: dict[int, dt.datetime] = {}
    jobs = RenderJob.objects.filter(builder=BUILDER, status=RenderStatus.DONE).filter(Q(params__period_id__in=ids))
    for period_id, finished in jobs.values_list("params__period_id", "finished_at"):
        if finished and (int(period_id) not in done or finished > done[int(period_id)]):
            done[int(period_id)] = finished
    return done


def _sent_label(row: CommuneRow) -> str:
    if row.period and row.period.sent_at:
        return f"Đã gửi {date_numeric(timezone.localdate(row.period.sent_at))}"
    if row.consolidated_at:
        return "Đã tạo, chưa gửi"
    return "Chưa"


def _percent(value: Decimal | None) -> Decimal | None:
    return None if value is None else value / 100


def rollup_sheets(*, rows: list[CommuneRow], province: OrgUnit, kind: str, year: int) -> list[Sheet]:
    """The roll-up workbook: one row per commune and indicator, and one per commune for the reporting."""
    period_label = PeriodKind(kind).label.lower() if kind != PeriodKind.HALF_YEAR else "báo cáo 6 tháng đầu năm"
    indicator_rows: list[tuple[Any, ...]] = []
    for row in rows:
        name = row.commune.name
        if row.period is None:
            indicator_rows.append((name, "", NOT_OPENED, "", "", None, ""))
            continue
        rates = row.rates
        indicator_rows += [
            (
                name,
                "BC-1",
                "Tỷ lệ báo cáo (đơn vị đã gửi / phải gửi)",
                "",
                rates.reporting_rate_display,
                _percent(rates.reporting_rate),
                "",
            ),
            (name, "BC-2", "Tỷ lệ báo cáo đúng hạn", "", rates.on_time_rate_display, _percent(rates.on_time_rate), ""),
            (name, "HD-1", "Số hoạt động truyền thông trong kỳ", "", str(row.activities), row.activities, ""),
        ]
        indicator_rows += [
            (name, r.code, r.indicator_label, r.milestone, r.achieved, r.value, r.status) for r in row.results
        ]
    indicators = Table(
        columns=(
            Column(title="Xã", width=2.2),
            Column(title="Mã", width=1.1),
            Column(title="Chỉ số", width=4.5),
            Column(title=f"Mục tiêu năm {year}", width=1.6),
            Column(title="Kết quả", width=1.6),
            Column(title="Giá trị", width=1.1, kind="decimal"),
            Column(title="Đánh giá", width=1.3),
        ),
        rows=tuple(indicator_rows),
    )
    state_order = list(ReportState)
    reporting = Table(
        columns=(
            Column(title="Xã", width=2.2),
            Column(title="Kỳ báo cáo", width=2.2),
            Column(title="Hạn gửi", width=1.2, kind="date"),
            Column(title="Phải gửi", width=0.9, kind="integer"),
            *(Column(title=s.label, width=1.1, kind="integer") for s in state_order),
            Column(title="Tỷ lệ báo cáo", width=1.1, kind="percent"),
            Column(title="Tỷ lệ đúng hạn", width=1.1, kind="percent"),
            Column(title="Báo cáo tổng hợp gửi Sở", width=1.6),
        ),
        rows=tuple(
            (
                row.commune.name,
                row.period.title if row.period else NOT_OPENED,
                row.period.deadline if row.period else None,
                row.rates.expected,
                *(row.states.get(s.value, 0) for s in state_order),
                _percent(row.rates.reporting_rate),
                _percent(row.rates.on_time_rate),
                _sent_label(row),
            )
            for row in rows
        ),
    )
    return [
        Sheet(
            title="Chỉ số theo xã",
            heading=f"{province.name}: chỉ số các xã, {period_label} {year}",
            table=indicators,
            landscape=True,
        ),
        Sheet(
            title="Tình hình báo cáo",
            heading=f"{province.name}: tình hình báo cáo các xã, {period_label} {year}",
            table=reporting,
            landscape=True,
        ),
    ]
