"""A quick report of a commune's programme over a half-year or a year, from its plan and what the units
have recorded, before any unit has sent its own report (`manage.py nd30_sample`, the back-office page
"Văn bản theo Nghị định 30"). It shares the frame and the sections of every programme report
(xaso.documents.frame, xaso.documents.sections): the same figures as the dashboard and the
consolidated report. Difficulties and proposals are the office's to write, so it is always a draft
("DỰ THẢO"), never numbered; the consolidated report of a reporting period is the one that is sent.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from xaso.activities.selectors import activities_readable
from xaso.documents.builders import BuildError, Progress, Rendering, register_builder
from xaso.documents.frame import plan_document
from xaso.documents.model import Paragraph, Section, ToComplete
from xaso.documents.sections import SAMPLE, ReportContext, programme_report_body
from xaso.documents.wording import figure, lower_first
from xaso.indicators.figures import Counts, counts_sum, figures_count_by
from xaso.indicators.periods import Period, half, year
from xaso.plans.models import Plan
from xaso.plans.selectors import plan_full, plans_readable
from xaso.units.models import Membership, OrgUnit, Role, UnitKind
from xaso.units.selectors import UserLike, memberships_readable, units_readable
from xaso.vi.dates import date_short
from xaso.vi.text import fold

BUILDER = "documents.sample_report"
ERR_PLAN = "Không tìm thấy kế hoạch này trong phạm vi của bạn."
ERR_PARAMS = "Tham số của báo cáo mẫu không hợp lệ: {detail}"
REPORTING_KINDS = (UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION)
TO_WRITE = "những khó khăn, vướng mắc trong kỳ và đề xuất, kiến nghị của xã, theo báo cáo của các đơn vị"
UNIT_DONE = "Trong kỳ, đơn vị đã ghi nhận {n} hoạt động với {p} lượt người tham gia."
UNIT_NONE = "Trong kỳ, đơn vị chưa ghi nhận hoạt động nào."


def sample_period(words: str, *, year_value: int) -> Period:
    """ "6 tháng đầu năm 2026" -> the first half, "6 tháng cuối năm 2026" -> the second, else the year."""
    folded = fold(words)
    found = re.search(r"(\d{4})", folded)
    value = int(found.group(1)) if found else year_value
    if "6 thang dau" in folded:
        return half(value, 1)
    if "6 thang cuoi" in folded:
        return half(value, 2)
    return year(value)


def sample_report(
    *,
    plan: Plan,
    units: Sequence[OrgUnit],
    user: Any,
    signer_name: str,
    period: Period,
    words: str,
    today: dt.date,
) -> Rendering:
    """The report of `plan`'s commune over `period` ("6 tháng đầu năm 2026"), from what `units` recorded
    up to `today`, as `user` reads it."""
    plan_ref = f"Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)} của {plan.issuer}"
    via = plan.reporting_via
    end = min(period.end, today)
    rows = activities_readable(user=user).filter(commune=plan.commune)
    unit_counts = figures_count_by(rows=rows, start=period.start, end=end, by="unit_id")
    context = ReportContext(
        kind=SAMPLE,
        plan=plan,
        start=period.start,
        end=end,
        user=user,
        words=words,
        counts=counts_sum(unit_counts.values()),
        unit_counts=unit_counts,
        judged=period,
    )
    lead_tasks: dict[int, list[str]] = {}
    for group in plan.task_groups.all():
        for task in group.tasks.all():
            for unit in task.lead_units:
                lead_tasks.setdefault(unit.pk, []).append(task.code)
    direction = Section(
        title="Công tác chỉ đạo, điều hành, triển khai",
        body=(
            Paragraph(
                text=(
                    f"{plan.issuer} đã ban hành Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)}; giao "
                    f"{via.name if via else 'các phòng chuyên môn'} chủ trì, phối hợp với các phòng chuyên môn, "
                    "đơn vị, trường học và các thôn trên địa bàn triển khai thực hiện; các đơn vị định kỳ báo cáo "
                    f"kết quả về {plan.issuer} qua {via.name if via else 'đơn vị đầu mối'} để tổng hợp."
                )
            ),
        ),
    )
    per_unit = Section(
        title="Kết quả của các phòng chuyên môn, đơn vị",
        body=tuple(
            Section(title=unit.name, body=_unit_body(lead_tasks.get(unit.pk, []), unit_counts.get(unit.pk)))
            for unit in units
        ),
    )
    made = programme_report_body(
        context=context,
        opening=Paragraph(
            text=f"Thực hiện {plan_ref} về {lower_first(plan.title)}, {plan.issuer} báo cáo kết quả {words} như sau:"
        ),
        direction=direction,
        more_results=(per_unit,),
        tail=(
            Section(title="Khó khăn, vướng mắc và đề xuất, kiến nghị", body=(ToComplete(prompt=TO_WRITE),)),
            Section(
                title="Phương hướng, nhiệm vụ kỳ tới",
                body=(
                    Paragraph(
                        text=(
                            "Tiếp tục triển khai đồng bộ các nhiệm vụ, giải pháp của Kế hoạch; phấn đấu hoàn thành "
                            f"các chỉ tiêu năm {period.end.year}: "
                            + "; ".join(_target_goals(plan, period.end.year))
                            + "."
                        )
                    ),
                ),
            ),
        ),
        closing=Paragraph(text=f"Trên đây là báo cáo kết quả {words} thực hiện {plan_ref}./."),
    )
    document = plan_document(
        plan=plan,
        summary=f"Kết quả {words} thực hiện {plan_ref}",
        body=made.body,
        signer_name=signer_name,
        year=period.end.year,
    )
    return Rendering(document=document, filename=f"bao-cao-{words}", annex=made.annex)


def _unit_body(tasks: list[str], counts: Counts | None) -> tuple[Paragraph, ...]:
    lead = f"Chủ trì các nhiệm vụ: {', '.join(tasks)}." if tasks else "Phối hợp thực hiện các nhiệm vụ của Kế hoạch."
    done = (
        UNIT_DONE.format(n=figure(counts["activities"]), p=figure(counts["participants"]))
        if counts is not None and counts["activities"]
        else UNIT_NONE
    )
    return (Paragraph(text=lead), Paragraph(text=done))


def _targets_of_year(plan: Plan, year_value: int) -> list[Any]:
    return [t for t in plan.targets.all() if any(m.year == year_value for m in t.milestones.all())]


def _target_goals(plan: Plan, year_value: int) -> list[str]:
    goals = []
    for target in _targets_of_year(plan, year_value):
        milestone = next(m for m in target.milestones.all() if m.year == year_value)
        goals.append(f"{target.get_indicator_display().lower()} ({milestone.label})")
    return goals or [f"các nhiệm vụ năm {year_value}"]


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
        year_value = int(params.get("year") or timezone.localdate().year)
        words = str(params.get("period") or f"6 tháng đầu năm {year_value}").strip()
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
        user=user,
        signer_name=signer_name_for(plan=plan, user=user),
        period=sample_period(words, year_value=year_value),
        words=words,
        today=timezone.localdate(),
    )


def register() -> None:
    register_builder(BUILDER, build_sample_report)
