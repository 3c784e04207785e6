"""The villages' digital technology teams in every programme report (hook
`programme_report_sections`): visits and households helped from the report's own count, village by
village (`context.unit_counts`); the teams' members and the households' latest counts from the
villages' registers, as the dashboard shows them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xaso.documents.api import Column, Paragraph, Sheet, Table
from xaso.documents.sections import Contribution, ReportContext
from xaso.documents.wording import counted, figure
from xaso.indicators.figures import Counts
from xaso.villages.selectors import CommuneVillages, commune_villages

TABLE = "Tổ công nghệ số cộng đồng các thôn"
NO_TEAMS = "Các thôn chưa khai báo tổ công nghệ số cộng đồng trên hệ thống."


def _villages(context: ReportContext) -> CommuneVillages:
    villages = commune_villages(user=context.user, commune=context.commune, start=context.start, end=context.end)
    if context.unit_ids is not None:
        villages.rows = [row for row in villages.rows if row.village.pk in context.unit_ids]
    return villages


def villages_paragraph(context: ReportContext, villages: CommuneVillages) -> Paragraph:
    counts: Counts = context.counts
    teams = [row for row in villages.rows if row.members]
    visits, helped = counts["support_visits"], counts["households_helped"]
    said = []
    if teams:
        said.append(
            f"{figure(len(teams))} thôn có tổ công nghệ số cộng đồng với {figure(sum(r.members for r in teams))} "
            "thành viên"
        )
    if visits:
        said.append(
            f"các tổ đã tổ chức {figure(visits)} buổi hỗ trợ{counted(helped, 'lượt hộ được hỗ trợ', before=' với ')}"
        )
    ecommerce, cashless = villages.ecommerce, villages.cashless
    if ecommerce or cashless:
        households = [
            f"{figure(n)} {words}"
            for n, words in (
                (ecommerce, "hộ bán hàng trên sàn thương mại điện tử"),
                (cashless, "hộ thanh toán không dùng tiền mặt"),
            )
            if n
        ]
        said.append("đến cuối kỳ có " + " và ".join(households))
    if not said:
        return Paragraph(text=NO_TEAMS)
    text = "; ".join(said)
    return Paragraph(text=f"Tổ công nghệ số cộng đồng: {text} (số liệu từng thôn tại phụ lục).")


def villages_table(context: ReportContext, villages: CommuneVillages) -> Table:
    rows: list[tuple[Any, ...]] = []
    for n, row in enumerate(villages.rows, start=1):
        own: Counts = context.unit_counts.get(row.village.pk, Counts())
        rows.append(
            (
                n,
                row.village.name,
                row.members,
                own["support_visits"],
                own["households_helped"],
                row.ecommerce,
                row.cashless,
            )
        )
    rows.append(
        (
            None,
            "Tổng cộng",
            sum(r[2] for r in rows),
            sum(r[3] for r in rows),
            sum(r[4] for r in rows),
            sum(r[5] or 0 for r in rows),
            sum(r[6] or 0 for r in rows),
        )
    )
    return Table(
        title=TABLE,
        columns=(
            Column(title="STT", width=0.8, kind="integer"),
            Column(title="Thôn", width=3),
            Column(title="Thành viên tổ", width=1.3, kind="integer"),
            Column(title="Buổi hỗ trợ", width=1.3, kind="integer"),
            Column(title="Lượt hộ được hỗ trợ", width=1.5, kind="integer"),
            Column(title="Hộ bán hàng trên sàn (cuối kỳ)", width=1.6, kind="integer"),
            Column(title="Hộ thanh toán không dùng tiền mặt (cuối kỳ)", width=1.9, kind="integer"),
        ),
        rows=tuple(rows),
        bold_rows=frozenset({len(rows) - 1}),
    )


def village_sections(*, context: ReportContext) -> Sequence[Contribution]:
    villages = _villages(context)
    if not villages.rows:
        return []
    return [
        Contribution(
            slot="results.mass_media",
            order=40,
            blocks=(villages_paragraph(context, villages),),
            annex=(
                Sheet(
                    title="Tổ công nghệ số", heading=f"{TABLE} {context.words}", table=villages_table(context, villages)
                ),
            ),
        )
    ]
