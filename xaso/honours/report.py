"""Commendations in every programme report (hook `programme_report_sections`)."""

from __future__ import annotations

from collections.abc import Sequence

from xaso.documents.api import Paragraph, Section
from xaso.documents.sections import Contribution, ReportContext
from xaso.documents.wording import figure, joined
from xaso.honours.selectors import honour_figures

TITLE = "Công tác thi đua, khen thưởng"
NONE = "Trong kỳ, chưa có quyết định khen thưởng nào về truyền thông khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số."


def honour_sections(*, context: ReportContext) -> Sequence[Contribution]:
    honours = honour_figures(user=context.user, commune=context.commune, start=context.start, end=context.end)
    if not honours.decided:
        text = NONE
    else:
        who = joined(
            [
                f"{figure(n)} {words}"
                for n, words in ((honours.individuals, "cá nhân"), (honours.collectives, "tập thể"))
                if n
            ]
        )
        text = (
            f"Khen thưởng {who} có thành tích trong truyền thông về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
            f"đổi số, theo {figure(honours.decisions)} quyết định."
        )
    return [Contribution(slot="results.more", order=20, blocks=(Section(title=TITLE, body=(Paragraph(text=text),)),))]
