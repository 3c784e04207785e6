"""The interim (sơ kết) and final (tổng kết) reviews of a commune's programme, as Decree 30 reports.

Built in the background by the documents app (builder "reviews.programme_review"): the figures come
from reviews.figures through the requester's scope; the layout, DOCX, PDF and XLSX annex from
xaso.documents. What the figures cannot say (the assessment of strengths and shortcomings beyond the
numbers) is left as a short paragraph for the office to complete in the DOCX.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

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
from xaso.documents.sample import signer_name_for
from xaso.documents.wording import figure as n
from xaso.documents.wording import lower_first
from xaso.funding.document import funding_section, funding_table
from xaso.indicators.status import Status
from xaso.plans.models import Plan
from xaso.plans.selectors import plan_full, plans_readable
from xaso.reporting.achieved import TargetResult, span, target_results
from xaso.reporting.targets_table import targets_summary, targets_table
from xaso.reviews.figures import ReviewFigures, review_figures
from xaso.vi.dates import date_numeric, date_short

BUILDER = "reviews.programme_review"
INTERIM, FINAL = "interim", "final"
KIND_WORDS = {INTERIM: "Sơ kết", FINAL: "Tổng kết"}
ERR_PLAN = "Không tìm thấy kế hoạch này trong phạm vi của bạn."
ERR_PARAMS = "Tham số của báo cáo sơ kết, tổng kết không hợp lệ: {detail}"
ERR_KIND = "Loại báo cáo phải là sơ kết hoặc tổng kết."
ERR_PERIOD = "Ngày kết thúc kỳ phải sau ngày bắt đầu."
ERR_OUTSIDE = "Kỳ sơ kết, tổng kết phải nằm trong thời gian của kế hoạch ({start}–{end})."
TARGETS_TABLE = "Bảng 2. Kết quả thực hiện các chỉ tiêu của Kế hoạch"
TARGETS_NOTE = (
    "Kết quả tính theo các chỉ số của Xã số (tử số, mẫu số theo danh sách cán bộ, văn bản, nhiệm vụ, dân số thôn "
    "và hoạt động đã ghi nhận) trên toàn kỳ {period}, đánh giá so với mốc năm {year} tại ngày {end}."
)
FUNDING_TABLE = "Bảng 3. Kinh phí thực hiện theo nguồn (đồng)"
TO_COMPLETE = "(Phòng Văn hóa - Xã hội bổ sung đánh giá cụ thể trước khi trình ký.)"


def period_words(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        return (
            f"năm {start.year}"
            if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31)
            else (f"từ ngày {date_short(start)} đến ngày {date_short(end)}")
        )
    return f"giai đoạn {start.year}–{end.year}"


def _activities_table(f: ReviewFigures) -> Table:
    return Table(
        title="Bảng 1. Hoạt động truyền thông đã thực hiện theo loại hình",
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Loại hình hoạt động", width=5),
            Column(title="Số hoạt động", width=1.4, kind="integer"),
            Column(title="Lượt người tham gia", width=1.6, kind="integer"),
            Column(title="Lượt xem, nghe", width=1.6, kind="integer"),
        ),
        rows=tuple(
            (i, row.label, row.count, row.participants, row.reach) for i, row in enumerate(f.activities, start=1)
        )
        or ((None, "Chưa có hoạt động nào được ghi nhận trong kỳ.", None, None, None),),
    )


def _villages_table(f: ReviewFigures) -> Table:
    return Table(
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Thôn", width=3),
            Column(title="Thành viên tổ", width=1.3, kind="integer"),
            Column(title="Buổi hỗ trợ", width=1.3, kind="integer"),
            Column(title="Lượt hộ được hỗ trợ", width=1.5, kind="integer"),
            Column(title="Hộ bán hàng trên sàn", width=1.5, kind="integer"),
            Column(title="Hộ thanh toán không dùng tiền mặt", width=1.8, kind="integer"),
        ),
        rows=tuple(
            (i, row.village.name, row.members, row.visits, row.households_helped, row.ecommerce, row.cashless)
            for i, row in enumerate(f.villages.rows, start=1)
        )
        or ((None, "Chưa có thôn nào.", None, None, None, None, None),),
    )


def _targets_table(results: Sequence[TargetResult], f: ReviewFigures, *, end_year: int | None) -> Table:
    return targets_table(
        results,
        title=TARGETS_TABLE,
        year=f.end.year,
        achieved_title="Kết quả trong kỳ",
        end_year=end_year,
        note=TARGETS_NOTE.format(period=period_words(f.start, f.end), year=f.end.year, end=date_numeric(f.end)),
    )


def _targets(results: Sequence[TargetResult], f: ReviewFigures, *, end_year: int | None) -> Section:
    return Section(
        title="Kết quả thực hiện các chỉ tiêu",
        body=(
            targets_summary(results, year=f.end.year, as_of=date_numeric(f.end)),
            _targets_table(results, f, end_year=end_year),
        ),
    )


def _results(f: ReviewFigures) -> Section:
    o, v, learn, h = f.outreach, f.villages, f.learning, f.honours
    media = [f.kind(k) for k in ("news_article", "social_post", "loudspeaker", "conference")]
    return Section(
        title="Kết quả thực hiện nhiệm vụ, giải pháp",
        body=(
            Section(
                title="Truyền thông trên phương tiện thông tin đại chúng, thông tin cơ sở và mạng xã hội",
                body=(
                    Paragraph(
                        text=(
                            f"Trong kỳ, các đơn vị đã thực hiện {n(f.activity_count)} hoạt động truyền thông với "
                            f"{n(f.participants)} lượt người tham gia; trong đó {n(media[0].count)} tin, bài trên "
                            f"Trang thông tin điện tử xã, {n(media[1].count)} bài đăng trên mạng xã hội, "
                            f"{n(media[2].count)} lượt phát thanh trên hệ thống truyền thanh và {n(media[3].count)} "
                            "hội nghị, tọa đàm (chi tiết tại Bảng 1)."
                        )
                    ),
                    _activities_table(f),
                ),
            ),
            Section(
                title="Bồi dưỡng kiến thức, phong trào “Bình dân học vụ số”",
                body=(
                    Paragraph(
                        text=(
                            f"{n(learn.completions)} lượt học viên hoàn thành khóa học và được cấp giấy chứng nhận; "
                            f"trong đó {n(learn.officials_informed)} lượt cán bộ, công chức hoàn thành khóa học về "
                            f"Nghị quyết số 57-NQ/TW, {n(learn.officers_trained)} lượt cán bộ làm công tác truyền thông "
                            f"được bồi dưỡng chuyên sâu, {n(learn.residents)} lượt người dân, học sinh tự học."
                        )
                    ),
                ),
            ),
            Section(
                title="Trong trường học",
                body=(
                    Paragraph(
                        text=(
                            f"Các trường duy trì {n(o.clubs)} câu lạc bộ với {n(o.club_members)} học sinh tham gia, "
                            f"tổ chức {n(o.club_sessions)} buổi sinh hoạt ({n(o.club_pupils)} lượt học sinh); "
                            f"{n(o.contests)} cuộc thi, {n(o.forums)} diễn đàn, tọa đàm và {n(o.idea_events)} hội nghị "
                            f"chia sẻ ý tưởng với {n(o.event_pupils)} lượt học sinh, {n(o.entries)} bài dự thi, ý tưởng, "
                            f"{n(o.awards)} giải, sáng kiến được khen."
                        )
                    ),
                ),
            ),
            Section(
                title="Đối với doanh nghiệp",
                body=(
                    Paragraph(
                        text=(
                            f"Tổ chức {n(o.enterprise_sessions)} buổi phổ biến Nghị quyết, cơ chế, chính sách cho "
                            f"{n(o.enterprises_reached)} lượt doanh nghiệp, hợp tác xã ({n(o.enterprise_participants)} "
                            f"lượt người tham dự); giới thiệu {n(o.showcases)} mô hình, sáng kiến điển hình, trong đó "
                            f"{n(o.showcases_on_portal)} đã đăng trên Trang thông tin điện tử xã."
                        )
                    ),
                ),
            ),
            Section(
                title="Tổ công nghệ số cộng đồng các thôn",
                body=(
                    Paragraph(
                        text=(
                            f"{n(len(v.rows))} thôn có tổ công nghệ số cộng đồng với {n(v.members)} thành viên; các tổ "
                            f"đã tổ chức {n(v.visits)} buổi hỗ trợ với {n(v.households_helped)} lượt hộ được hỗ trợ. "
                            f"Đến cuối kỳ có {n(v.ecommerce)} hộ bán hàng trên sàn thương mại điện tử và {n(v.cashless)} "
                            "hộ thanh toán không dùng tiền mặt (số liệu từng thôn tại Phụ lục)."
                        )
                    ),
                ),
            ),
            Section(
                title="Công tác thi đua, khen thưởng",
                body=(
                    Paragraph(
                        text=(
                            f"Khen thưởng {n(h.decided)} cá nhân, tập thể ({n(h.individuals)} cá nhân, "
                            f"{n(h.collectives)} tập thể) có thành tích trong truyền thông về khoa học, công nghệ, "
                            f"đổi mới sáng tạo và chuyển đổi số, theo {n(h.decisions)} quyết định."
                        )
                    ),
                ),
            ),
        ),
    )


def programme_review(
    *,
    plan: Plan,
    figures: ReviewFigures,
    results: Sequence[TargetResult],
    kind: str,
    signer_name: str,
    number: int | None = None,
    issued_on: dt.date | None = None,
) -> Rendering:
    word = KIND_WORDS[kind]
    period = period_words(figures.start, figures.end)
    plan_ref = f"Kế hoạch số {plan.code} ngày {date_short(plan.issued_on)} của {plan.issuer}"
    recipient = plan.reporting_recipient
    direction = Section(
        title="Công tác lãnh đạo, chỉ đạo, triển khai",
        body=(
            Paragraph(
                text=(
                    f"{plan.issuer} đã ban hành {plan_ref} về {lower_first(plan.title)}; giao "
                    f"{plan.reporting_via.name if plan.reporting_via else 'Phòng Văn hóa - Xã hội'} chủ trì, phối hợp "
                    "với các phòng chuyên môn, trường học, doanh nghiệp, các tổ chức chính trị - xã hội và các thôn "
                    "triển khai; kết quả được các đơn vị cập nhật thường xuyên trên hệ thống Xã số."
                )
            ),
        ),
    )
    assessment = Section(
        title="Đánh giá chung",
        body=(
            Section(
                title="Ưu điểm",
                body=(
                    Paragraph(
                        text=(
                            f"Các nhiệm vụ của Kế hoạch được triển khai đồng bộ: {n(figures.activity_count)} hoạt động "
                            f"truyền thông, {n(figures.learning.completions)} lượt hoàn thành khóa học, "
                            f"{n(figures.villages.visits)} buổi hỗ trợ của tổ công nghệ số cộng đồng, "
                            f"{n(figures.outreach.showcases)} mô hình, sáng kiến được giới thiệu."
                        )
                    ),
                ),
            ),
            Section(title="Hạn chế, nguyên nhân", body=(Paragraph(text=TO_COMPLETE, italic=True),)),
        ),
    )
    end_year = plan.end_year if kind == FINAL else None
    if kind == INTERIM:
        due = [
            str(i)
            for i, r in enumerate(results, start=1)
            if r.status_key not in (Status.ACHIEVED, Status.NOT_DUE) and r.milestone_year <= figures.end.year
        ]
        ahead = (
            f"Tiếp tục thực hiện các nhiệm vụ, giải pháp của Kế hoạch đến năm {plan.end_year}; phấn đấu hoàn thành "
            + (f"các chỉ tiêu chưa đạt (số thứ tự {', '.join(due)} tại Bảng 2) và " if due else "")
            + "các chỉ tiêu của những năm tiếp theo"
            + "; duy trì tổ công nghệ số cộng đồng, câu lạc bộ trong trường học và các buổi phổ biến "
            "cho doanh nghiệp; sử dụng kinh phí còn lại đúng mục đích."
        )
    else:
        ahead = (
            "Duy trì kết quả đã đạt được; tiếp tục truyền thông về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi "
            "số trong giai đoạn tiếp theo; nhân rộng các mô hình, sáng kiến điển hình đã được giới thiệu."
        )
    document = Document(
        header=DocumentHeader(
            issuer=Issuer(name_lines=tuple(plan.issuer_header_lines)),
            number=number,
            symbol=f"BC-{plan.code.rsplit('-', 1)[-1]}" if "-" in plan.code else "BC-UBND",
            place=plan.place,
            issued_on=issued_on,
            draft_year=figures.end.year if issued_on is None else None,
            document_type="BÁO CÁO",
            summary=f"{word} {period} thực hiện {plan_ref}",
            addressees=(recipient.name,) if recipient else (),
        ),
        body=(
            Paragraph(text=f"Thực hiện {plan_ref}, {plan.issuer} báo cáo {word.lower()} {period} như sau:"),
            direction,
            _results(figures),
            _targets(results, figures, end_year=end_year),
            funding_section(figures.funding, table_title=FUNDING_TABLE),
            assessment,
            Section(title="Phương hướng, nhiệm vụ thời gian tới", body=(Paragraph(text=ahead),)),
            Paragraph(text=(Run(text=f"Trên đây là báo cáo {word.lower()} {period} thực hiện {plan_ref}./."),)),
        ),
        signature=SignatureBlock(
            authority=plan.signer_authority, title=plan.signer_title or "CHỦ TỊCH", name=signer_name
        ),
        recipients=Recipients(
            items=(
                *(("Như trên",) if recipient else ()),  # the addressee ("Kính gửi"), as Decree 30 writes it
                "TT Đảng ủy, TT HĐND xã",
                "CT, các PCT UBND xã",
                "Các phòng chuyên môn, đơn vị",
            ),
            archive="VT, VHXH",
        ),
    )
    annex = (
        Sheet(
            title="Chỉ tiêu",
            heading=f"Kết quả thực hiện các chỉ tiêu {period}",
            table=_targets_table(results, figures, end_year=end_year),
        ),
        Sheet(title="Hoạt động", heading=f"Hoạt động truyền thông {period}", table=_activities_table(figures)),
        Sheet(
            title="Tổ công nghệ số",
            heading=f"Tổ công nghệ số cộng đồng các thôn {period}",
            table=_villages_table(figures),
        ),
        Sheet(
            title="Kinh phí",
            heading=f"Kinh phí thực hiện {period}",
            table=funding_table(figures.funding, title=FUNDING_TABLE),
        ),
    )
    slug = "so-ket" if kind == INTERIM else "tong-ket"
    return Rendering(document=document, filename=f"bao-cao-{slug}-{figures.start.year}-{figures.end.year}", annex=annex)


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
    except (KeyError, TypeError, ValueError) as exc:
        raise BuildError(ERR_PARAMS.format(detail=exc)) from None
    if kind not in KIND_WORDS:
        raise BuildError(ERR_KIND)
    if not plans_readable(user=user).filter(pk=plan_id).exists():
        raise BuildError(ERR_PLAN)
    plan = plan_full(plan_id=plan_id)
    problem = review_period_problems(plan=plan, start=start, end=end)
    if problem:
        raise BuildError(problem)
    progress(20, "Đang tổng hợp số liệu của các đơn vị")
    figures = review_figures(user=user, commune=plan.commune, start=start, end=end)
    results = target_results(plan=plan, period=span(start, end), whole_plan=True, with_end_target=kind == FINAL)
    progress(70, "Đang soạn báo cáo")
    return programme_review(
        plan=plan,
        figures=figures,
        results=results,
        kind=kind,
        signer_name=signer_name_for(plan=plan, user=user),
        number=number,
        issued_on=issued_on,
    )


def register() -> None:
    register_builder(BUILDER, build_programme_review)
