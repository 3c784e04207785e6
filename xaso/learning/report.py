"""Online courses in every programme report (hook `programme_report_sections`)."""

from __future__ import annotations

from collections.abc import Sequence

from xaso.documents.api import Paragraph, Section
from xaso.documents.sections import Contribution, ReportContext
from xaso.documents.wording import figure, joined
from xaso.learning.selectors import learning_figures

TITLE = "Bồi dưỡng kiến thức, phong trào “Bình dân học vụ số”"
NONE = "Trong kỳ, chưa có học viên nào hoàn thành khóa học trực tuyến trên hệ thống."


def learning_sections(*, context: ReportContext) -> Sequence[Contribution]:
    learned = learning_figures(
        user=context.user, commune=context.commune, start=context.start, end=context.end, unit_ids=context.unit_ids
    )
    if not learned.completions:
        text = NONE
    else:
        parts = [
            f"{figure(n)} {words}"
            for n, words in (
                (learned.officials_informed, "lượt cán bộ, công chức hoàn thành khóa học về Nghị quyết số 57-NQ/TW"),
                (learned.officers_trained, "lượt cán bộ làm công tác truyền thông được bồi dưỡng chuyên sâu"),
                (learned.residents, "lượt người dân, học sinh tự học"),
            )
            if n
        ]
        text = (
            f"{figure(learned.completions)} lượt học viên hoàn thành khóa học trực tuyến và được cấp giấy chứng nhận"
            + (f"; trong đó {joined(parts)}" if parts else "")
            + "."
        )
    return [Contribution(slot="results.more", order=10, blocks=(Section(title=TITLE, body=(Paragraph(text=text),)),))]
