"""A sample semi-annual report of a commune to the Department, built from its plan alone.

It exists to try the document layer end to end (`manage.py nd30_sample`, the back-office page
"Văn bản theo Nghị định 30") before the reporting workflow exists: everything in it comes from
the plan (targets and their milestones, tasks and their lead units, the reporting recipient, the
signer); where a real report would carry results, it says plainly that no unit has reported yet.
The reporting engineer's consolidated report replaces it, with the same API.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import timezone

from xaso.documents.builders import BuildError, Progress, Rendering, register_builder
from xaso.documents.model import (
    Column,
    Document,
    DocumentHeader,
    Issuer,
    Paragraph,
    Recipients,
    Run,
    Section,
    SignatureBlock,
    Table,
)
from xaso.documents.wording import lower_first
from xaso.documents.xlsx import Sheet
from xaso.plans.models import Plan
from xaso.plans.selectors import plan_full, plans_readable
from xaso.units.models import Membership, OrgUnit, Role, UnitKind
from xaso.units.selectors import UserLike, memberships_readable, units_readable
from xaso.vi.dates import date_short

BUILDER = "documents.sample_report"
ERR_PLAN = "Không tìm thấy kế hoạch này trong phạm vi của bạn."
ERR_PARAMS = "Tham số của báo cáo mẫu không hợp lệ: {detail}"
NO_REPORT = "Đơn vị chưa gửi báo cáo kết quả trong kỳ."
NO_DATA = "Chưa có số liệu"
REPORTING_KINDS = (UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION)


def sample_report(
    *,
    plan: Plan,
    units: Sequence[OrgUnit],
    signer_name: str,
    year: int,
    period: str,
    number: int | None = None,
    issued_on: dt.date | None = None,
    unit_reports: Mapping[str, Sequence[str]] | None = None,
) -> Rendering:
    """The report of `plan`'s commune for `period` ("6 tháng đầu năm 2026"); `unit_reports` maps a
    unit's code to its narrative paragraphs (none: the unit has not reported)."""
    reports = unit_reports or {}
    plan_ref = f"Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)} của {plan.issuer}"
    recipient = plan.reporting_recipient
    via = plan.reporting_via
    lead_tasks: dict[int, list[str]] = {}
    for group in plan.task_groups.all():
        for task in group.tasks.all():
            for unit in task.lead_units:
                lead_tasks.setdefault(unit.pk, []).append(task.code)

    opening = Paragraph(
        text=(
            f"Thực hiện {plan_ref} về {lower_first(plan.title)}, {plan.issuer} báo cáo kết quả thực hiện "
            f"{period} như sau:"
        )
    )
    direction = Section(
        title="Công tác chỉ đạo, triển khai",
        body=(
            Paragraph(
                text=(
                    f"{plan.issuer} đã ban hành {plan_ref}; giao "
                    f"{via.name if via else 'các phòng chuyên môn'} chủ trì, phối hợp với các phòng chuyên môn, "
                    "đơn vị, trường học và các thôn trên địa bàn triển khai thực hiện; các đơn vị định kỳ báo cáo "
                    f"kết quả về {plan.issuer} qua {via.name if via else 'đơn vị đầu mối'} để tổng hợp."
                )
            ),
        ),
    )
    groups = Section(
        title="Kết quả thực hiện nhiệm vụ, giải pháp",
        body=tuple(
            Section(
                title=group.get_key_display(),
                body=tuple(
                    Paragraph(
                        text=(
                            Run(text=f"{task.code}. ", bold=True),
                            Run(text=f"{task.text} "),
                            Run(text=f"Chủ trì: {', '.join(u.name for u in task.lead_units)}.", italic=True),
                        )
                    )
                    for task in group.tasks.all()
                ),
            )
            for group in plan.task_groups.all()
        ),
    )
    per_unit = Section(
        title="Kết quả của các phòng chuyên môn, đơn vị",
        body=tuple(
            Section(title=unit.name, body=_unit_body(unit, lead_tasks.get(unit.pk, []), reports.get(unit.code)))
            for unit in units
        ),
    )
    targets = _targets_table(plan, year)
    results = Section(
        title="Kết quả thực hiện các chỉ tiêu",
        body=(Paragraph(text=f"Kết quả thực hiện các chỉ tiêu cụ thể năm {year} của Kế hoạch:"), targets),
    )
    next_period = Section(
        title="Phương hướng, nhiệm vụ kỳ tới",
        body=(
            Paragraph(
                text=(
                    "Tiếp tục triển khai đồng bộ các nhiệm vụ, giải pháp của Kế hoạch; phấn đấu hoàn thành các "
                    f"chỉ tiêu năm {year}: " + "; ".join(_target_goals(plan, year)) + "."
                )
            ),
        ),
    )
    closing = Paragraph(text=f"Trên đây là báo cáo kết quả thực hiện {plan_ref} {period}./.")

    document = Document(
        header=DocumentHeader(
            issuer=Issuer(name_lines=tuple(plan.issuer_header_lines)),
            number=number,
            symbol=f"BC-{plan.code.rsplit('-', 1)[-1]}" if "-" in plan.code else "BC-UBND",
            place=plan.place,
            issued_on=issued_on,
            draft_year=year if issued_on is None else None,
            document_type="BÁO CÁO",
            summary=f"Kết quả thực hiện {plan_ref} {period}",
            addressees=(recipient.name,) if recipient else (),
        ),
        body=(
            opening,
            direction,
            groups,
            per_unit,
            results,
            Section(
                title="Khó khăn, vướng mắc và đề xuất, kiến nghị",
                body=(Paragraph(text="Tổng hợp từ báo cáo của các đơn vị; chưa có đơn vị nào nêu trong kỳ."),),
            ),
            next_period,
            closing,
        ),
        signature=SignatureBlock(
            authority=plan.signer_authority, title=plan.signer_title or "CHỦ TỊCH", name=signer_name
        ),
        recipients=Recipients(
            items=(
                *(("Như trên",) if recipient else ()),  # the addressee ("Kính gửi"), as Decree 30 writes it
                "TT Đảng ủy, TT HĐND xã",
                "CT, các PCT UBND xã",
            ),
            archive=_archive(plan),
        ),
    )
    annex = (
        Sheet(title="Chỉ tiêu", heading=f"Kết quả thực hiện các chỉ tiêu năm {year}", table=targets),
        Sheet(
            title="Đơn vị",
            heading="Nhiệm vụ chủ trì và tình hình báo cáo của các đơn vị",
            table=_units_table(units, lead_tasks, reports),
        ),
    )
    return Rendering(document=document, filename=f"bao-cao-{period}", annex=annex)


def _unit_body(unit: OrgUnit, tasks: list[str], report: Sequence[str] | None) -> tuple[Paragraph, ...]:
    lead = f"Chủ trì các nhiệm vụ: {', '.join(tasks)}." if tasks else "Phối hợp thực hiện các nhiệm vụ của Kế hoạch."
    paragraphs = [Paragraph(text=lead)]
    paragraphs += [Paragraph(text=text) for text in report] if report else [Paragraph(text=NO_REPORT, italic=True)]
    return tuple(paragraphs)


def _targets_table(plan: Plan, year: int) -> Table:
    rows = []
    for number, target in enumerate(_targets_of_year(plan, year), start=1):
        milestone = next(m for m in target.milestones.all() if m.year == year)
        rows.append((number, target.text, milestone.label, NO_DATA, ""))
    return Table(
        title=f"Bảng 1. Kết quả thực hiện các chỉ tiêu năm {year}",
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Chỉ tiêu", width=5),
            Column(title=f"Mục tiêu năm {year}", width=1.5),
            Column(title="Kết quả thực hiện", width=1.5),
            Column(title="Ghi chú", width=1.2),
        ),
        rows=tuple(rows) or ((None, f"Kế hoạch không đặt chỉ tiêu cho năm {year}.", "", "", ""),),
    )


def _units_table(units: Sequence[OrgUnit], lead_tasks: dict[int, list[str]], reports: Mapping[str, Any]) -> Table:
    return Table(
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Đơn vị", width=4),
            Column(title="Loại đơn vị", width=2),
            Column(title="Nhiệm vụ chủ trì", width=3),
            Column(title="Số nhiệm vụ chủ trì", width=1.2, kind="integer"),
            Column(title="Đã báo cáo", width=1.2),
        ),
        rows=tuple(
            (
                n,
                unit.name,
                unit.kind_label,
                ", ".join(lead_tasks.get(unit.pk, [])),
                len(lead_tasks.get(unit.pk, [])),
                "Có" if reports.get(unit.code) else "Chưa",
            )
            for n, unit in enumerate(units, start=1)
        ),
    )


def _targets_of_year(plan: Plan, year: int) -> list[Any]:
    return [t for t in plan.targets.all() if any(m.year == year for m in t.milestones.all())]


def _target_goals(plan: Plan, year: int) -> list[str]:
    goals = []
    for target in _targets_of_year(plan, year):
        milestone = next(m for m in target.milestones.all() if m.year == year)
        goals.append(f"{target.get_indicator_display().lower()} ({milestone.label})")
    return goals or [f"các nhiệm vụ năm {year}"]


def _archive(plan: Plan) -> str:
    for recipient in plan.recipients.all():
        text = recipient.text.strip()
        if text.startswith("Lưu:"):
            return text.removeprefix("Lưu:").strip().rstrip(".")
    return "VT"


# -- the registered builder ---------------------------------------------------------------------


def signer_name_for(*, plan: Plan, user: UserLike) -> str:
    """The plan's signer, or else the commune's leader on record (the Vice-Chairman who signs)."""
    if plan.signer_name.strip():
        return plan.signer_name.strip()
    leader = (
        memberships_readable(user=user)
        .filter(unit=plan.commune, role=Role.LEADER)
        .select_related("user")
        .order_by("pk")
        .first()
    )
    return leader.user.get_full_name() if isinstance(leader, Membership) else ""


def build_sample_report(*, params: dict[str, Any], user: Any, progress: Progress) -> Rendering:
    try:
        plan_id = int(params["plan_id"])
        year = int(params.get("year") or timezone.localdate().year)
        issued_on = dt.date.fromisoformat(params["issued_on"]) if params.get("issued_on") else None
        number = int(params["number"]) if params.get("number") else None
        period = str(params.get("period") or f"6 tháng đầu năm {year}")
    except (KeyError, TypeError, ValueError) as exc:
        raise BuildError(ERR_PARAMS.format(detail=exc)) from None
    if not plans_readable(user=user).filter(pk=plan_id).exists():
        raise BuildError(ERR_PLAN)
    progress(10, "Đang đọc kế hoạch")
    plan = plan_full(plan_id=plan_id)
    units = list(
        units_readable(user=user)
        .filter(commune=plan.commune, kind__in=REPORTING_KINDS, is_active=True)
        .order_by("path")
    )
    progress(60, "Đang tổng hợp theo đơn vị")
    return sample_report(
        plan=plan,
        units=units,
        signer_name=signer_name_for(plan=plan, user=user),
        year=year,
        period=period,
        number=number,
        issued_on=issued_on,
    )


def register() -> None:
    register_builder(BUILDER, build_sample_report)
