"""The interim (sơ kết) and final (tổng kết) reviews of a commune's programme, as Decree 30 reports.

Built in the background by the documents app (builder "reviews.programme_review") in the frame every
programme document shares (xaso.documents.frame); the results, targets and funding come from the
apps through the hook `programme_report_sections`, all reading one count of the commune's activities
over the period (xaso.indicators.figures). What no figure can say — the shortcomings and their
causes — is the office's own text: given with the request it goes in; left out, the review is a
draft ("DỰ THẢO") that cannot be numbered or dated until the office writes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from xaso.activities.selectors import activities_readable
from xaso.documents.api import BuildError, Paragraph, Rendering, Run, Section, register_builder
from xaso.documents.builders import Progress
from xaso.documents.frame import plan_document
from xaso.documents.model import ToComplete, table_ref
from xaso.documents.sample import signer_name_for
from xaso.documents.sections import FINAL, INTERIM, ReportContext, programme_report_body
from xaso.documents.wording import counted, figure, lower_first
from xaso.indicators.figures import Counts, counts_sum, figures_count_by
from xaso.indicators.status import Status
from xaso.plans.models import Plan
from xaso.plans.selectors import plan_full, plans_readable
from xaso.reporting.achieved import span
from xaso.reporting.report import report_target_results
from xaso.reporting.targets_table import TARGETS_KEY
from xaso.vi.dates import date_short

BUILDER = "reviews.programme_review"
KIND_WORDS = {INTERIM: "Sơ kết", FINAL: "Tổng kết"}
ERR_PLAN = "Không tìm thấy kế hoạch này trong phạm vi của bạn."
ERR_PARAMS = "Tham số của báo cáo sơ kết, tổng kết không hợp lệ: {detail}"
ERR_KIND = "Loại báo cáo phải là sơ kết hoặc tổng kết."
ERR_PERIOD = "Ngày kết thúc kỳ phải sau ngày bắt đầu."
ERR_OUTSIDE = "Kỳ sơ kết, tổng kết phải nằm trong thời gian của kế hoạch ({start}–{end})."
ERR_DRAFT_NUMBERED = (
    "Chưa có phần “Hạn chế, nguyên nhân” nên báo cáo còn là dự thảo: chưa cấp số, chưa ghi ngày ban hành được."
)
DIRECTION_TITLE = "Công tác chỉ đạo, điều hành, triển khai"
SHORTCOMINGS_TITLE = "Hạn chế, nguyên nhân"
SHORTCOMINGS_PROMPT = (
    "những hạn chế trong thực hiện Kế hoạch và nguyên nhân (chủ quan, khách quan), theo đánh giá của Phòng "
    "Văn hóa - Xã hội"
)


def period_words(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        return (
            f"năm {start.year}"
            if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
            else (f"từ ngày {date_short(start)} đến ngày {date_short(end)}")
        )
    return f"giai đoạn {start.year}–{end.year}"


def review_counts(*, user: Any, commune: Any, start: dt.date, end: dt.date) -> dict[int, Counts]:
    """unit id -> the figures of its activities over the review's span, as the requester reads them."""
    rows = activities_readable(user=user).filter(commune=commune)
    return figures_count_by(rows=rows, start=start, end=end, by="unit_id")


def _strengths(counts: Counts, plan: Plan) -> Paragraph:
    tasks = [task for group in plan.task_groups.all() for task in group.tasks.all()]
    served = sum(1 for task in tasks if counts.task(task.pk).activities)
    if not counts["activities"]:
        return Paragraph(text="Trong kỳ, các đơn vị chưa ghi nhận hoạt động truyền thông nào trên hệ thống.")
    return Paragraph(
        text=(
            f"Các đơn vị đã tổ chức {figure(counts['activities'])} hoạt động truyền thông"
            f"{counted(counts['participants'], 'lượt người tham gia', before=' với ')}, phục vụ {served}/{len(tasks)} "
            "nhiệm vụ của Kế hoạch; kết quả được các đơn vị cập nhật thường xuyên."
        )
    )


def programme_review(
    *,
    plan: Plan,
    kind: str,
    start: dt.date,
    end: dt.date,
    user: Any,
    unit_counts: dict[int, Counts],
    signer_name: str,
    shortcomings: str = "",
    number: int | None = None,
    issued_on: dt.date | None = None,
) -> Rendering:
    word = KIND_WORDS[kind]
    period = period_words(start, end)
    plan_ref = f"Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)} của {plan.issuer}"
    context = ReportContext(
        kind=kind,
        plan=plan,
        start=start,
        end=end,
        user=user,
        words=period,
        counts=counts_sum(unit_counts.values()),
        unit_counts=unit_counts,
        judged=span(start, end),
    )
    direction = Section(
        title=DIRECTION_TITLE,
        body=(
            Paragraph(
                text=(
                    f"{plan.issuer} đã ban hành Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)} về "
                    f"{lower_first(plan.title)}; giao "
                    f"{plan.reporting_via.name if plan.reporting_via else 'Phòng Văn hóa - Xã hội'} chủ trì, phối hợp "
                    "với các phòng chuyên môn, trường học, doanh nghiệp, các tổ chức chính trị - xã hội và các thôn "
                    "triển khai."
                )
            ),
        ),
    )
    written = [line.strip() for line in shortcomings.splitlines() if line.strip()]
    assessment = Section(
        title="Đánh giá chung",
        body=(
            Section(title="Ưu điểm", body=(_strengths(context.counts, plan),)),
            Section(
                title=SHORTCOMINGS_TITLE,
                body=tuple(Paragraph(text=line) for line in written) or (ToComplete(prompt=SHORTCOMINGS_PROMPT),),
            ),
        ),
    )
    if kind == INTERIM:
        results = report_target_results(context=context)
        due = [
            str(i)
            for i, r in enumerate(results, start=1)
            if r.status_key not in (Status.ACHIEVED, Status.NOT_DUE) and r.milestone_year <= end.year
        ]
        ahead: Paragraph = Paragraph(
            text=(
                Run(
                    text=f"Tiếp tục thực hiện các nhiệm vụ, giải pháp của Kế hoạch đến năm {plan.end_year}; phấn đấu "
                    "hoàn thành " + (f"các chỉ tiêu chưa đạt (số thứ tự {', '.join(due)} tại " if due else "")
                ),
                *((table_ref(TARGETS_KEY), Run(text=") và ")) if due else ()),
                Run(
                    text="các chỉ tiêu của những năm tiếp theo; duy trì tổ công nghệ số cộng đồng, câu lạc bộ trong "
                    "trường học và các buổi phổ biến cho doanh nghiệp; sử dụng kinh phí còn lại đúng mục đích."
                ),
            )
        )
    else:
        ahead = Paragraph(
            text=(
                "Duy trì kết quả đã đạt được; tiếp tục truyền thông về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
                "đổi số trong giai đoạn tiếp theo; nhân rộng các mô hình, sáng kiến điển hình đã được giới thiệu."
            )
        )
    made = programme_report_body(
        context=context,
        opening=Paragraph(text=f"Thực hiện {plan_ref}, {plan.issuer} báo cáo {word.lower()} {period} như sau:"),
        direction=direction,
        tail=(assessment, Section(title="Phương hướng, nhiệm vụ thời gian tới", body=(ahead,))),
        closing=Paragraph(text=f"Trên đây là báo cáo {word.lower()} {period} thực hiện {plan_ref}./."),
    )
    document = plan_document(
        plan=plan,
        summary=f"{word} {period} thực hiện {plan_ref}",
        body=made.body,
        signer_name=signer_name,
        year=end.year,
        number=number,
        issued_on=issued_on,
    )
    slug = "so-ket" if kind == INTERIM else "tong-ket"
    return Rendering(document=document, filename=f"bao-cao-{slug}-{start.year}-{end.year}", annex=made.annex)


def review_period_problems(*, plan: Plan, start: dt.date, end: dt.date) -> str | None:
    if end < start:
        return ERR_PERIOD
    if start.year < plan.start_year or end.year > plan.end_year:
        return ERR_OUTSIDE.format(start=plan.start_year, end=plan.end_year)
    return None


def build_programme_review(*, params: dict[str, Any], user: Any, progress: Progress) -> Rendering:
    try:
        plan_id = int(params["plan_id"])
        kind = str(params["kind"])
        start = dt.date.fromisoformat(params["start"])
        end = dt.date.fromisoformat(params["end"])
        issued_on = dt.date.fromisoformat(params["issued_on"]) if params.get("issued_on") else None
        number = int(params["number"]) if params.get("number") else None
        shortcomings = str(params.get("shortcomings") or "")
    except (KeyError, TypeError, ValueError) as exc:
        raise BuildError(ERR_PARAMS.format(detail=exc)) from None
    if kind not in KIND_WORDS:
        raise BuildError(ERR_KIND)
    if not shortcomings.strip() and (number is not None or issued_on is not None):
        raise BuildError(ERR_DRAFT_NUMBERED)
    if not plans_readable(user=user).filter(pk=plan_id).exists():
        raise BuildError(ERR_PLAN)
    plan = plan_full(plan_id=plan_id)
    problem = review_period_problems(plan=plan, start=start, end=end)
    if problem:
        raise BuildError(problem)
    progress(20, "Đang tổng hợp số liệu của các đơn vị")
    unit_counts = review_counts(user=user, commune=plan.commune, start=start, end=end)
    progress(70, "Đang soạn báo cáo")
    return programme_review(
        plan=plan,
        kind=kind,
        start=start,
        end=end,
        user=user,
        unit_counts=unit_counts,
        signer_name=signer_name_for(plan=plan, user=user),
        shortcomings=shortcomings,
        number=number,
        issued_on=issued_on,
    )


def register() -> None:
    register_builder(BUILDER, build_programme_review)
