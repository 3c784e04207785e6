"""The commune's consolidated report to the Department (Decree 30/2020, Appendix I), built from the
approved unit reports of a period and the figures they were approved with.

`consolidated_report` puts the document together in the frame every programme document shares
(xaso.documents.frame) from the approved reports' figures and the apps' sections (hook
`programme_report_sections`), without rendering; `build_consolidated_report` is the builder the
documents app runs in the worker, reading everything through the requester's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from xaso.activities.selectors import activities_readable
from xaso.documents.api import BuildError, Column, Paragraph, Rendering, Run, Section, Sheet, Table, register_builder
from xaso.documents.builders import Progress
from xaso.documents.frame import plan_document
from xaso.documents.models import RenderJob
from xaso.documents.sample import signer_name_for
from xaso.documents.sections import PERIOD, ReportContext, programme_report_body
from xaso.documents.selectors import render_jobs_readable
from xaso.documents.services import render_job_request
from xaso.documents.wording import lower_first
from xaso.indicators.figures import Counts, counts_sum, figures_count_by
from xaso.indicators.status import Status
from xaso.plans.models import Plan
from xaso.plans.selectors import plan_full
from xaso.reporting.figures import Figures
from xaso.reporting.models import ReportingPeriod, ReportState, UnitReport
from xaso.reporting.prefill import reports_figures
from xaso.reporting.report import report_target_results
from xaso.reporting.schedule import period_words
from xaso.reporting.selectors import (
    Rates,
    assignments_readable,
    may_review_commune,
    periods_readable,
    reporting_rates,
)
from xaso.units.models import OrgUnit
from xaso.vi.dates import date_short

BUILDER = "reporting.consolidated"
ERR_PERIOD = "Không tìm thấy kỳ báo cáo này trong phạm vi của bạn."
ERR_PARAMS = "Tham số của báo cáo tổng hợp không hợp lệ: {detail}"
ERR_NOTHING_APPROVED = (
    "Chưa có báo cáo nào của đơn vị được duyệt trong kỳ này nên chưa tổng hợp được. "
    "Hãy duyệt báo cáo của các đơn vị trước."
)
NONE_RAISED = "Các đơn vị không nêu khó khăn, vướng mắc trong kỳ."
NONE_PROPOSED = "Các đơn vị không có đề xuất, kiến nghị trong kỳ."
NOT_APPROVED_NOTE = "Đơn vị chưa có báo cáo được duyệt (không tổng hợp): {units}."
OTHERS_NOTE = "Số liệu gồm cả hoạt động do {units} trực tiếp tổ chức (không thuộc diện gửi báo cáo kỳ này)."
STEP_READ = "Đang đọc báo cáo đã duyệt của các đơn vị"
STEP_FIGURES = "Đang tổng hợp số liệu và chỉ tiêu"
STEP_WRITE = "Đang lập nội dung báo cáo"
DIRECTION_TITLE = "Công tác chỉ đạo, điều hành, triển khai"


@dataclass(frozen=True, kw_only=True)
class UnitPart:
    """One approved unit report with the figures it was approved with."""

    report: UnitReport
    figures: Figures


def _paragraphs(text: str) -> list[str]:
    return [line.strip(" -–•\t") for line in text.splitlines() if line.strip(" -–•\t")]


def _unit_lines(parts: Sequence[UnitPart], field: str) -> tuple[Paragraph, ...]:
    """Each unit's text of one section, as "- Unit: text" paragraphs (one per line it wrote)."""
    paragraphs: list[Paragraph] = []
    for part in parts:
        lines = _paragraphs(getattr(part.report, field))
        if not lines:
            continue
        first, *rest = lines
        paragraphs.append(Paragraph(text=(Run(text=f"- {part.report.unit.name}: ", bold=True), Run(text=first))))
        paragraphs.extend(Paragraph(text=line) for line in rest)
    return tuple(paragraphs)


def _names(unit_counts: dict[int, Counts]) -> list[str]:
    return list(OrgUnit.objects.filter(pk__in=list(unit_counts)).order_by("path").values_list("name", flat=True))


def approved_counts(plan: Plan, parts: Sequence[UnitPart]) -> dict[int, Counts]:
    """unit id -> the figures its report was approved with, as xaso.indicators.figures reads them."""
    task_ids = {task.code: task.pk for group in plan.task_groups.all() for task in group.tasks.all()}
    return {part.report.unit_id: part.figures.counts(task_ids=task_ids, unit_id=part.report.unit_id) for part in parts}


def units_table(reports: Sequence[UnitReport], figures: dict[int, Figures]) -> Table:
    rows = []
    for n, report in enumerate(reports, start=1):
        total = figures[report.pk].total if report.pk in figures else None
        rows.append(
            (
                n,
                report.unit.name,
                report.get_state_display(),
                timezone.localtime(report.first_submitted_at).date() if report.first_submitted_at else None,
                "Chưa gửi" if report.on_time is None else ("Đúng hạn" if report.on_time else "Muộn"),
                total.activities if total else 0,
                total.participants if total else 0,
            )
        )
    return Table(
        title="Tình hình báo cáo của các đơn vị",
        columns=(
            Column(title="STT", width=0.7, kind="integer"),
            Column(title="Đơn vị", width=4),
            Column(title="Trạng thái", width=1.6),
            Column(title="Ngày gửi", width=1.3, kind="date"),
            Column(title="Thời hạn", width=1.1),
            Column(title="Số hoạt động", width=1.1, kind="integer"),
            Column(title="Lượt người tham gia", width=1.3, kind="integer"),
        ),
        rows=tuple(rows),
    )


def unassigned_counts(*, period: ReportingPeriod, user: Any, assigned: Iterable[int]) -> dict[int, Counts]:
    """unit id -> the figures of the commune's units that were not asked to report this period (the
    People's Committee itself, a unit added later), counted now: they belong to the commune's results
    and no unit report carries them."""
    rows = activities_readable(user=user).filter(commune_id=period.commune_id).exclude(unit_id__in=list(assigned))
    return figures_count_by(rows=rows, start=period.data_start, end=period.data_end, by="unit_id")


def consolidated_report(
    *,
    period: ReportingPeriod,
    plan: Plan,
    reports: Sequence[UnitReport],
    figures: dict[int, Figures],
    rates: Rates,
    user: Any,
    signer_name: str,
    others: dict[int, Counts] | None = None,
    number: int | None = None,
    issued_on: dt.date | None = None,
) -> Rendering:
    """The report of the period's commune: `reports` are all the period's assignments (the approved
    ones are consolidated, the others listed), `figures` by report id, `others` the figures of units
    not asked to report (unassigned_counts). Every figure of the document comes from these (one count
    for the whole document); the sections of the apps come through the hook
    `programme_report_sections`."""
    approved = [UnitPart(report=r, figures=figures[r.pk]) for r in reports if r.state == ReportState.APPROVED]
    if not approved:
        raise BuildError(ERR_NOTHING_APPROVED)
    words = period_words(kind=period.kind, year=period.year, title=period.title)
    plan_ref = f"Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)} của {plan.issuer}"
    via = plan.reporting_via.name if plan.reporting_via else "Phòng Văn hóa - Xã hội"
    pending = [r.unit.name for r in reports if r.state != ReportState.APPROVED]
    others = {unit_id: counts for unit_id, counts in (others or {}).items() if counts["activities"]}
    unit_counts = {**others, **approved_counts(plan, approved)}
    context = ReportContext(
        kind=PERIOD,
        plan=plan,
        start=period.data_start,
        end=period.data_end,
        user=user,
        words=words,
        counts=counts_sum(unit_counts.values()),
        unit_counts=unit_counts,
        unit_ids=frozenset(unit_counts),
        judged=period,
    )
    opening = Paragraph(
        text=(
            f"Thực hiện {plan_ref} về {lower_first(plan.title)}, {plan.issuer} báo cáo kết quả thực hiện "
            f"{words} (số liệu từ ngày {period.data_start:%d/%m/%Y} đến ngày {period.data_end:%d/%m/%Y}) như sau:"
        )
    )
    direction = Section(
        title=DIRECTION_TITLE,
        body=(
            Paragraph(
                text=(
                    f"{plan.issuer} giao {via} đôn đốc {rates.expected} phòng chuyên môn, đơn vị, trường học và thôn "
                    f"báo cáo kết quả {words}. Đến ngày lập báo cáo, {rates.actual}/{rates.expected} đơn vị đã gửi "
                    f"báo cáo (tỷ lệ báo cáo {rates.reporting_rate_display}), trong đó {rates.on_time} đơn vị gửi "
                    f"đúng hạn (tỷ lệ đúng hạn {rates.on_time_rate_display}); {len(approved)} báo cáo đã được "
                    "duyệt và được tổng hợp dưới đây."
                )
            ),
            *((Paragraph(text=NOT_APPROVED_NOTE.format(units=", ".join(pending)), italic=True),) if pending else ()),
            *((Paragraph(text=OTHERS_NOTE.format(units=", ".join(_names(others))), italic=True),) if others else ()),
        ),
    )
    unit_results = _unit_lines(approved, "results")
    difficulties = Section(
        title="Khó khăn, vướng mắc",
        body=_unit_lines(approved, "difficulties") or (Paragraph(text=NONE_RAISED),),
    )
    commendations = _unit_lines(approved, "commendations")
    proposals = Section(
        title="Đề xuất, kiến nghị",
        body=(
            *(_unit_lines(approved, "proposals") or (Paragraph(text=NONE_PROPOSED),)),
            *((Section(title="Đề xuất khen thưởng", body=commendations),) if commendations else ()),
        ),
    )
    goals = [
        f"{lower_first(r.text.rstrip('.'))} ({r.milestone})"
        for r in report_target_results(context=context)
        if r.status_key != Status.ACHIEVED
    ]
    next_period = Section(
        title="Phương hướng, nhiệm vụ kỳ tới",
        body=(
            Paragraph(
                text=(
                    "Tiếp tục triển khai đồng bộ các nhiệm vụ, giải pháp của Kế hoạch; tập trung hoàn thành các chỉ "
                    f"tiêu năm {period.year}" + (": " + "; ".join(goals) if goals else "") + "."
                )
            ),
            *_unit_lines(approved, "next_tasks"),
        ),
    )
    made = programme_report_body(
        context=context,
        opening=opening,
        direction=direction,
        more_results=(
            (Section(title="Kết quả của các phòng chuyên môn, đơn vị", body=unit_results),) if unit_results else ()
        ),
        tail=(difficulties, proposals, next_period),
        closing=Paragraph(text=f"Trên đây là báo cáo kết quả {words} thực hiện {plan_ref}./."),
    )
    document = plan_document(
        plan=plan,
        summary=f"Kết quả {words} thực hiện {plan_ref}",
        body=made.body,
        signer_name=signer_name,
        year=max(period.year, period.deadline.year),
        number=number,
        issued_on=issued_on,
    )
    annex = (
        *made.annex,
        Sheet(
            title="Đơn vị",
            heading=f"Tình hình báo cáo của các đơn vị {words}",
            table=units_table(reports, figures),
            landscape=True,
        ),
    )
    return Rendering(document=document, filename=f"bao-cao-tong-hop-{words}-{period.pk}", annex=annex)


# -- the registered builder ---------------------------------------------------------------------


def build_consolidated_report(*, params: dict[str, Any], user: Any, progress: Progress) -> Rendering:
    try:
        period_id = int(params["period_id"])
        number = int(params["number"]) if params.get("number") else None
        issued_on = dt.date.fromisoformat(params["issued_on"]) if params.get("issued_on") else None
    except (KeyError, TypeError, ValueError) as exc:
        raise BuildError(ERR_PARAMS.format(detail=exc)) from None
    period = periods_readable(user=user).filter(pk=period_id).first()
    if period is None:
        raise BuildError(ERR_PERIOD)
    progress(10, STEP_READ)
    reports = list(
        assignments_readable(user=user).filter(period=period).select_related("unit", "period").order_by("unit__path")
    )
    progress(35, STEP_FIGURES)
    approved = [r for r in reports if r.state == ReportState.APPROVED]
    figures = reports_figures(reports=approved)
    plan = plan_full(plan_id=period.plan_id)
    today = timezone.localdate()
    rates = reporting_rates(reports=assignments_readable(user=user).filter(period=period), by="period", today=today)
    progress(60, STEP_WRITE)
    return consolidated_report(
        period=period,
        plan=plan,
        reports=reports,
        figures=figures,
        rates=rates.get(period.pk, Rates()),
        user=user,
        others=unassigned_counts(period=period, user=user, assigned=period.reports.values_list("unit_id", flat=True)),
        signer_name=signer_name_for(plan=plan, user=user),
        number=number,
        issued_on=issued_on,
    )


def register() -> None:
    register_builder(BUILDER, build_consolidated_report)


# -- requesting a rendering ---------------------------------------------------------------------

ERR_NOT_CONSOLIDATOR = "Chỉ Phòng Văn hóa - Xã hội hoặc lãnh đạo xã mới tạo được báo cáo tổng hợp của xã."


def consolidation_request(
    *, period: ReportingPeriod, user: Any, number: int | None = None, issued_on: dt.date | None = None
) -> RenderJob:
    """Queue the rendering of the period's consolidated report (DOCX, XLSX annex, PDF)."""
    if not may_review_commune(user=user, commune_id=period.commune_id):
        raise PermissionDenied(ERR_NOT_CONSOLIDATOR)
    if not period.reports.filter(state=ReportState.APPROVED).exists():
        raise ValidationError(ERR_NOTHING_APPROVED)
    return render_job_request(
        builder=BUILDER,
        params={"period_id": period.pk, "number": number, "issued_on": issued_on.isoformat() if issued_on else None},
        title=f"Báo cáo tổng hợp — {period.title}",
        unit=period.commune,
        user=user,
    )


def consolidations_readable(*, period: ReportingPeriod, user: Any) -> QuerySet[RenderJob]:
    return render_jobs_readable(user=user).filter(builder=BUILDER, params__period_id=period.pk).order_by("-created_at")
