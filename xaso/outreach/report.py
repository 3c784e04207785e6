"""Schools and enterprises in every programme report (hook `programme_report_sections`): sessions,
events and showcases are the report's own count (`context.counts`); what kind of event, entries,
awards, enterprises reached and articles published come from the rows whose activity it counts."""

from __future__ import annotations

from collections.abc import Sequence

from xaso.documents.api import Paragraph
from xaso.documents.sections import Contribution, ReportContext
from xaso.documents.wording import counted, figure, joined
from xaso.outreach.selectors import outreach_figures

SCHOOLS_NONE = "Trong kỳ, các trường chưa ghi nhận buổi sinh hoạt câu lạc bộ, cuộc thi hay diễn đàn nào."
ENTERPRISES_NONE = "Trong kỳ, chưa có buổi phổ biến cho doanh nghiệp hay mô hình, sáng kiến nào được giới thiệu."


def schools_paragraph(*, context: ReportContext) -> Paragraph:
    counts = context.counts
    rows = outreach_figures(
        user=context.user, commune=context.commune, start=context.start, end=context.end, unit_ids=context.unit_ids
    )
    sessions, events = counts["club_sessions"], counts["school_events"]
    said: list[str] = []
    if rows.clubs:
        said.append(
            f"các trường duy trì {figure(rows.clubs)} câu lạc bộ"
            + counted(rows.club_members, "học sinh tham gia", before=" với ")
        )
    if sessions:
        said.append(
            f"tổ chức {figure(sessions)} buổi sinh hoạt câu lạc bộ"
            + (f" ({figure(counts['club_pupils'])} lượt học sinh)" if counts["club_pupils"] else "")
        )
    if events:
        split = [
            f"{figure(n)} {words}"
            for n, words in (
                (rows.contests, "cuộc thi"),
                (rows.forums, "diễn đàn, tọa đàm"),
                (rows.idea_events, "hội nghị chia sẻ ý tưởng"),
            )
            if n
        ]
        pupils = counts["school_event_pupils"]
        inner = "; ".join(
            part
            for part in (counted(pupils, "lượt học sinh", before=""), f"trong đó {joined(split)}" if split else "")
            if part
        )
        said.append(f"{figure(events)} cuộc thi, diễn đàn, hội nghị chia sẻ ý tưởng" + (f" ({inner})" if inner else ""))
        awarded = [
            f"{figure(n)} {words}"
            for n, words in ((rows.entries, "bài dự thi, ý tưởng"), (rows.awards, "giải, sáng kiến được khen"))
            if n
        ]
        if awarded:
            said.append(joined(awarded))
    if not said:
        return Paragraph(text=SCHOOLS_NONE)
    text = "; ".join(said)
    return Paragraph(text=f"Trong trường học: {text}.")


def enterprises_paragraph(*, context: ReportContext) -> Paragraph:
    counts = context.counts
    sessions, showcases = counts["enterprise_sessions"], counts["showcases"]
    if not sessions and not showcases:
        return Paragraph(text=ENTERPRISES_NONE)
    rows = outreach_figures(
        user=context.user, commune=context.commune, start=context.start, end=context.end, unit_ids=context.unit_ids
    )
    said: list[str] = []
    if sessions:
        reached = (
            f" cho {figure(rows.enterprises_reached)} lượt doanh nghiệp, hợp tác xã" if rows.enterprises_reached else ""
        )
        said.append(
            f"tổ chức {figure(sessions)} buổi phổ biến Nghị quyết, cơ chế, chính sách{reached}"
            + (f" ({figure(n)} lượt người tham dự)" if (n := counts["enterprise_participants"]) else "")
        )
    if showcases:
        published = (
            f", trong đó {figure(rows.showcases_on_portal)} mô hình, sáng kiến đã đăng trên trang thông tin điện tử xã"
            if rows.showcases_on_portal
            else ""
        )
        said.append(f"giới thiệu {figure(showcases)} mô hình, sáng kiến điển hình{published}")
    return Paragraph(text=f"Đối với doanh nghiệp: {'; '.join(said)}.")


def outreach_sections(*, context: ReportContext) -> Sequence[Contribution]:
    return [
        Contribution(slot="results.schools", order=20, blocks=(schools_paragraph(context=context),)),
        Contribution(slot="results.enterprises", order=20, blocks=(enterprises_paragraph(context=context),)),
    ]
