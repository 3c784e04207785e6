"""The commune's consolidated report to the Department (Decree 30/2020, Appendix I), built from the
approved unit reports of a period and the figures they were approved with.

`consolidated_report` is pure (data in, `Rendering` out) so its content is tested without
rendering; `build_consolidated_report` is the builder the documents app runs in the worker, reading
everything through the requester's scope.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils import timezone

from xaso.documents.api import (
    BuildError,
    Column,
    Document,
    DocumentHeader,
    Issuer,
    Paragraph,
    Recipients,
    Rendering,
    Run,
    Section,
    Sheet,
    SignatureBlock,
    Table,
    register_builder,
)
from xaso.documents.builders import Progress
from xaso.documents.models import RenderJob
from xaso.documents.sample import signer_name_for
from xaso.documents.selectors import render_jobs_readable
from xaso.documents.services import render_job_request
from xaso.documents.wording import figure, lower_first
from xaso.funding.document import funding_section, funding_table
from xaso.funding.selectors import FundingSummary, funding_communes_readable, funding_summary
from xaso.indicators.status import Status
from xaso.plans.models import Plan
from xaso.plans.selectors import plan_full
from xaso.reporting.achieved import TargetResult, target_results
from xaso.reporting.figures import Figures, KindCount, sum_kinds
from xaso.reporting.models import KIND_IN_FILE_NAMES, PeriodKind, ReportingPeriod, ReportState, UnitReport
from xaso.reporting.prefill import reports_figures
from xaso.reporting.schedule import period_words
from xaso.reporting.selectors import (
    Rates,
    assignments_readable,
    may_review_commune,
    periods_readable,
    reporting_rates,
)
from xaso.reporting.targets_table import targets_table
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
STEP_READ = "Đang đọc báo cáo đã duyệt của các đơn vị"
STEP_FIGURES = "Đang tổng hợp số liệu và chỉ tiêu"
STEP_WRITE = "Đang lập nội dung báo cáo"
FUNDING_TABLE = "Kinh phí thực hiện theo nguồn (đồng)"


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


def _kinds_total(parts: Sequence[UnitPart]) -> tuple[list[KindCount], KindCount]:
    by_kind: dict[str, list[KindCount]] = {}
    labels: dict[str, str] = {}
    for part in parts:
        for row in part.figures.kinds:
            by_kind.setdefault(row.kind, []).append(row)
            labels[row.kind] = row.label
    rows = [sum_kinds(rows, kind=kind, label=labels[kind]) for kind, rows in by_kind.items()]
    return rows, sum_kinds(rows)


def _task_totals(parts: Sequence[UnitPart]) -> dict[str, tuple[int, int, list[str]]]:
    """task code -> (activities, participants, units that served it)."""
    totals: dict[str, tuple[int, int, list[str]]] = {}
    for part in parts:
        for task in part.figures.tasks:
            n, p, units = totals.get(task.code, (0, 0, []))
            totals[task.code] = (n + task.activities, p + task.participants, [*units, part.report.unit.name])
    return totals


def _group_section(plan: Plan, parts: Sequence[UnitPart]) -> Section:
    totals = _task_totals(parts)
    groups = []
    for group in plan.task_groups.all():
        tasks = list(group.tasks.all())
        done = [t for t in tasks if t.code in totals]
        count = sum(totals[t.code][0] for t in done)
        summary = (
            f"Trong kỳ, các đơn vị tổ chức {figure(count)} hoạt động phục vụ {len(done)}/{len(tasks)} nhiệm vụ "
            "của nhóm này."
            if done
            else "Trong kỳ, chưa có đơn vị nào ghi nhận hoạt động phục vụ các nhiệm vụ của nhóm này."
        )
        body: list[Paragraph] = [Paragraph(text=summary)]
        for task in done:
            n, people, units = totals[task.code]
            body.append(
                Paragraph(
                    text=(
                        Run(text=f"{task.code}. ", bold=True),
                        Run(text=f"{task.text.rstrip('.')}: "),
                        Run(text=f"{figure(n)} hoạt động, {figure(people)} lượt người tham gia "),
                        Run(text=f"({', '.join(dict.fromkeys(units))}).", italic=True),
                    )
                )
            )
        missing = [t.code for t in tasks if t.code not in totals]
        if done and missing:
            body.append(Paragraph(text=f"Nhiệm vụ chưa có hoạt động trong kỳ: {', '.join(missing)}.", italic=True))
        groups.append(Section(title=group.get_key_display(), body=tuple(body)))
    return Section(title="Kết quả thực hiện nhiệm vụ, giải pháp", body=tuple(groups))


def kinds_table(parts: Sequence[UnitPart]) -> Table:
    rows, total = _kinds_total(parts)
    body = [
        (n, r.label, r.activities, r.participants, r.officials, r.pupils, r.residents, r.reach)
        for n, r in enumerate(rows, start=1)
    ]
    body.append((None, "Tổng cộng", *(getattr(total, k) for k in COUNT_FIELDS)))
    return Table(
        title="Bảng 2. Hoạt động truyền thông theo loại",
        columns=(
            Column(title="STT", width=0.7, kind="integer"),
            Column(title="Loại hoạt động", width=4),
            Column(title="Số hoạt động", width=1.1, kind="integer"),
            Column(title="Lượt người tham gia", width=1.3, kind="integer"),
            Column(title="Cán bộ", width=1, kind="integer"),
            Column(title="Học sinh", width=1, kind="integer"),
            Column(title="Người dân", width=1, kind="integer"),
            Column(title="Lượt xem, nghe", width=1.2, kind="integer"),
        ),
        rows=tuple(body),
        bold_rows=frozenset({len(body) - 1}),
    )


COUNT_FIELDS = ("activities", "participants", "officials", "pupils", "residents", "reach")


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
        title="Bảng 3. Tình hình báo cáo của các đơn vị",
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


def consolidated_report(
    *,
    period: ReportingPeriod,
    plan: Plan,
    reports: Sequence[UnitReport],
    figures: dict[int, Figures],
    rates: Rates,
    results: Sequence[TargetResult],
    signer_name: str,
    funding: FundingSummary | None = None,
    number: int | None = None,
    issued_on: dt.date | None = None,
) -> Rendering:
    """The report of the period's commune: `reports` are all the period's assignments (the approved
    ones are consolidated, the others listed), `figures` by report id."""
    approved = [UnitPart(report=r, figures=figures[r.pk]) for r in reports if r.state == ReportState.APPROVED]
    if not approved:
        raise BuildError(ERR_NOTHING_APPROVED)
    words = period_words(kind=period.kind, year=period.year, title=period.title)
    plan_ref = f"Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)} của {plan.issuer}"
    via = plan.reporting_via.name if plan.reporting_via else "Phòng Văn hóa - Xã hội"
    recipient = plan.reporting_recipient
    pending = [r.unit.name for r in reports if r.state != ReportState.APPROVED]
    _, total = _kinds_total(approved)

    opening = Paragraph(
        text=(
            f"Thực hiện {plan_ref} về {lower_first(plan.title)}, {plan.issuer} báo cáo kết quả thực hiện "
            f"{words} (số liệu từ ngày {period.data_start:%d/%m/%Y} đến ngày {period.data_end:%d/%m/%Y}) như sau:"
        )
    )
    direction = Section(
        title="Công tác chỉ đạo, triển khai",
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
        ),
    )
    overview = Paragraph(
        text=(
            f"Trong kỳ, các đơn vị tổ chức {figure(total.activities)} hoạt động truyền thông với "
            f"{figure(total.participants)} lượt người tham gia (cán bộ {figure(total.officials)}, học sinh "
            f"{figure(total.pupils)}, người dân {figure(total.residents)}) và {figure(total.reach)} lượt xem, nghe."
        )
    )
    groups = _group_section(plan, approved)
    groups = Section(title=groups.title, body=(overview, kinds_table(approved), *groups.body))
    unit_results = Section(title="Kết quả của các phòng chuyên môn, đơn vị", body=_unit_lines(approved, "results"))
    table = targets_table(results, title=f"Bảng 1. Kết quả thực hiện các chỉ tiêu năm {period.year}", year=period.year)
    achieved = Section(
        title="Kết quả thực hiện các chỉ tiêu",
        body=(Paragraph(text=f"Kết quả thực hiện các chỉ tiêu cụ thể năm {period.year} của Kế hoạch:"), table),
    )
    difficulties = Section(
        title="Khó khăn, vướng mắc",
        body=_unit_lines(approved, "difficulties") or (Paragraph(text=NONE_RAISED),),
    )
    proposals_body = _unit_lines(approved, "proposals") or (Paragraph(text=NONE_PROPOSED),)
    commendations = _unit_lines(approved, "commendations")
    proposals = Section(
        title="Đề xuất, kiến nghị",
        body=(
            *proposals_body,
            *((Section(title="Đề xuất khen thưởng", body=commendations),) if commendations else ()),
        ),
    )
    goals = [f"{lower_first(r.text.rstrip('.'))} ({r.milestone})" for r in results if r.status_key != Status.ACHIEVED]
    next_body: list[Paragraph] = [
        Paragraph(
            text=(
                "Tiếp tục triển khai đồng bộ các nhiệm vụ, giải pháp của Kế hoạch; tập trung hoàn thành các chỉ tiêu "
                f"năm {period.year}" + (": " + "; ".join(goals) if goals else "") + "."
            )
        ),
        *_unit_lines(approved, "next_tasks"),
    ]
    next_period = Section(title="Phương hướng, nhiệm vụ kỳ tới", body=tuple(next_body))
    # The plan's section IV asks for the funding used; a reader without access to funding gets none.
    money = (funding_section(funding, table_title=FUNDING_TABLE),) if funding is not None else ()
    closing = Paragraph(text=f"Trên đây là báo cáo kết quả thực hiện {plan_ref} {words}./.")

    document = Document(
        header=DocumentHeader(
            issuer=Issuer(name_lines=tuple(plan.issuer_header_lines)),
            number=number,
            symbol="BC-UBND",
            place=plan.place,
            issued_on=issued_on,
            draft_year=None if issued_on else max(period.year, period.deadline.year),
            document_type="BÁO CÁO",
            summary=f"Kết quả thực hiện {plan_ref} {words}",
            addressees=(recipient.name,) if recipient else (),
        ),
        body=(
            opening,
            direction,
            groups,
            unit_results,
            achieved,
            *money,
            difficulties,
            proposals,
            next_period,
            closing,
        ),
        signature=SignatureBlock(
            authority=plan.signer_authority or "KT. CHỦ TỊCH",
            title=plan.signer_title or "PHÓ CHỦ TỊCH",
            name=signer_name,
        ),
        recipients=Recipients(
            items=(
                *(("Như trên",) if recipient else ()),  # the addressee ("Kính gửi"), as Decree 30 writes it
                "TT Đảng ủy, TT HĐND xã (b/c)",
                "CT, các PCT UBND xã",
                "Các phòng chuyên môn, đơn vị",
            ),
            archive="VT, VHXH",
        ),
    )
    annex = (
        Sheet(title="Chỉ tiêu", heading=f"Kết quả thực hiện các chỉ tiêu năm {period.year}", table=table),
        Sheet(title="Hoạt động", heading=f"Hoạt động truyền thông {words}", table=kinds_table(approved)),
        Sheet(
            title="Nhiệm vụ",
            heading=f"Hoạt động theo nhiệm vụ của Kế hoạch {words}",
            table=tasks_table(plan, approved),
        ),
        Sheet(
            title="Đơn vị",
            heading=f"Tình hình báo cáo của các đơn vị {words}",
            table=units_table(reports, figures),
            landscape=True,
        ),
        *(
            (
                Sheet(
                    title="Kinh phí",
                    heading=f"Kinh phí thực hiện {words}",
                    table=funding_table(funding, title=FUNDING_TABLE),
                ),
            )
            if funding is not None
            else ()
        ),
    )
    slug = f"bao-cao-tong-hop-{KIND_IN_FILE_NAMES[PeriodKind(period.kind)]}-{period.year}-{period.pk}"
    return Rendering(document=document, filename=slug, annex=annex)


def tasks_table(plan: Plan, parts: Sequence[UnitPart]) -> Table:
    totals = _task_totals(parts)
    rows = []
    for group in plan.task_groups.all():
        for task in group.tasks.all():
            n, people, units = totals.get(task.code, (0, 0, []))
            rows.append((task.code, task.text, n, people, ", ".join(dict.fromkeys(units))))
    return Table(
        columns=(
            Column(title="Mã", width=0.9),
            Column(title="Nhiệm vụ", width=6),
            Column(title="Số hoạt động", width=1.1, kind="integer"),
            Column(title="Lượt người tham gia", width=1.3, kind="integer"),
            Column(title="Đơn vị thực hiện", width=3),
        ),
        rows=tuple(rows),
    )


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
    results = target_results(plan=plan, period=period)
    progress(60, STEP_WRITE)
    return consolidated_report(
        period=period,
        plan=plan,
        reports=reports,
        figures=figures,
        rates=rates.get(period.pk, Rates()),
        results=results,
        signer_name=signer_name_for(plan=plan, user=user),
        funding=funding_summary(user=user, commune=period.commune, start=period.data_start, end=period.data_end)
        if funding_communes_readable(user=user).filter(pk=period.commune_id).exists()
        else None,
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
