"""The activities' part of every programme report (hook `programme_report_sections`): what was done
overall with its table by kind, then each task group of the plan — distinct activities serving it,
and, per task, the activities serving that task — all read from the report's one count
(`context.counts`, xaso.indicators.figures), so the text and the tables cannot disagree."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from xaso.documents.api import Column, Paragraph, Run, Sheet, Table
from xaso.documents.model import table_ref
from xaso.documents.sections import Contribution, ReportContext
from xaso.documents.wording import counted, figure, joined
from xaso.indicators.figures import Counts
from xaso.units.models import OrgUnit

KINDS_TABLE = "Hoạt động truyền thông theo loại hình"
KINDS_KEY = "activities-by-kind"
TASKS_TABLE = "Hoạt động theo nhiệm vụ của Kế hoạch"
NONE_DONE = "Trong kỳ, các đơn vị chưa ghi nhận hoạt động truyền thông nào."
GROUP_NONE = "Trong kỳ, chưa có hoạt động nào phục vụ các nhiệm vụ của nhóm này."
GROUP_DONE = "Trong kỳ, các đơn vị tổ chức {n} hoạt động phục vụ {served}/{tasks} nhiệm vụ của nhóm."
TASKS_IDLE = "Nhiệm vụ chưa có hoạt động trong kỳ: {codes}."
PER_TASK_NOTE = (
    "Số hoạt động của từng nhiệm vụ kể một hoạt động ở mỗi nhiệm vụ nó phục vụ, nên các dòng không cộng dồn; "
    "số hoạt động của kỳ, của từng nhóm nhiệm vụ và của từng loại hình kể mỗi hoạt động một lần."
)
KINDS_NOTE = "Mỗi hoạt động được tính một lần, vào kỳ có ngày bắt đầu của hoạt động; không tính bản nháp."
MEDIA = (
    ("news_articles", "tin, bài trên trang thông tin điện tử xã"),
    ("social_posts", "bài đăng trên mạng xã hội"),
    ("broadcasts", "lượt phát thanh trên hệ thống truyền thanh"),
    ("conferences", "hội nghị, tọa đàm"),
)
PEOPLE = (
    ("officials", "cán bộ, công chức, viên chức, người lao động"),
    ("pupils", "học sinh"),
    ("residents", "người dân"),
)


def kinds_table(counts: Counts) -> Table:
    """Activities by kind with their people and reach, and the total: the whole of the period."""
    rows: list[tuple[Any, ...]] = [
        (n, row.label, row.activities, row.participants, row.officials, row.pupils, row.residents, row.reach)
        for n, row in enumerate(counts.kind_rows(), start=1)
    ]
    total = counts.total()
    rows.append(
        (
            None,
            "Tổng cộng",
            total.activities,
            total.participants,
            total.officials,
            total.pupils,
            total.residents,
            total.reach,
        )
    )
    return Table(
        title=KINDS_TABLE,
        key=KINDS_KEY,
        columns=(
            Column(title="STT", width=0.7, kind="integer"),
            Column(title="Loại hình hoạt động", width=3.6),
            Column(title="Số hoạt động", width=1.2, kind="integer"),
            Column(title="Lượt người tham gia", width=1.3, kind="integer"),
            Column(title="Cán bộ, công chức, viên chức, NLĐ", width=1.5, kind="integer"),
            Column(title="Học sinh", width=1.1, kind="integer"),
            Column(title="Người dân", width=1.1, kind="integer"),
            Column(title="Lượt xem, nghe", width=1.2, kind="integer"),
        ),
        rows=tuple(rows),
        bold_rows=frozenset({len(rows) - 1}),
        note=KINDS_NOTE,
    )


def overview(counts: Counts) -> Paragraph:
    total = counts.total()
    if not total.activities:
        return Paragraph(text=NONE_DONE)
    people = "; ".join(f"{label} {figure(counts[key])}" for key, label in PEOPLE if counts[key])
    reach = f" và {figure(total.reach)} lượt xem, nghe" if total.reach else ""
    return Paragraph(
        text=(
            Run(
                text=(
                    f"Trong kỳ, các đơn vị tổ chức {figure(total.activities)} hoạt động truyền thông"
                    + counted(total.participants, "lượt người tham gia", before=" với ")
                    + (f" ({people})" if people else "")
                    + f"{reach} (chi tiết tại "
                )
            ),
            table_ref(KINDS_KEY),
            Run(text=")."),
        )
    )


def media_paragraph(counts: Counts) -> Paragraph | None:
    said = [f"{figure(counts[key])} {words}" for key, words in MEDIA if counts[key]]
    if not said:
        return None
    return Paragraph(text=f"Trên các phương tiện thông tin đại chúng, thông tin cơ sở và mạng xã hội: {joined(said)}.")


def _unit_names(ids: set[int]) -> dict[int, str]:
    return dict(OrgUnit.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def group_paragraphs(group: Any, counts: Counts, *, names: dict[int, str], per_task: bool) -> list[Paragraph]:
    tasks = list(group.tasks.all())
    served = [task for task in tasks if counts.task(task.pk).activities]
    n = counts.groups.get(group.key, 0)
    if not n:
        return [Paragraph(text=GROUP_NONE)]
    paragraphs = [Paragraph(text=GROUP_DONE.format(n=figure(n), served=len(served), tasks=len(tasks)))]
    if per_task:
        for task in served:
            row = counts.task(task.pk)
            units = sorted(names.get(unit_id, "") for unit_id in row.units)
            paragraphs.append(
                Paragraph(
                    text=(
                        Run(text=f"{task.code}. ", bold=True),
                        Run(text=f"{task.text.rstrip('.')}: "),
                        Run(
                            text=f"{figure(row.activities)} hoạt động{counted(row.participants, 'lượt người tham gia', before=', ')} "
                        ),
                        Run(text=f"({', '.join(u for u in units if u)}).", italic=True),
                    )
                )
            )
        idle = [task.code for task in tasks if task not in served]
        if idle:
            paragraphs.append(Paragraph(text=TASKS_IDLE.format(codes=", ".join(idle)), italic=True))
    return paragraphs


def tasks_table(plan: Any, counts: Counts, names: dict[int, str]) -> Table:
    rows = []
    for group in plan.task_groups.all():
        for task in group.tasks.all():
            row = counts.task(task.pk)
            units = ", ".join(sorted(names[u] for u in row.units if u in names))
            rows.append((task.code, task.text, row.activities, row.participants, units))
    return Table(
        title=TASKS_TABLE,
        columns=(
            Column(title="Mã", width=0.9),
            Column(title="Nhiệm vụ", width=6),
            Column(title="Số hoạt động phục vụ nhiệm vụ", width=1.4, kind="integer"),
            Column(title="Lượt người tham gia", width=1.3, kind="integer"),
            Column(title="Đơn vị thực hiện", width=3),
        ),
        rows=tuple(rows),
        note=PER_TASK_NOTE,
    )


def activity_sections(*, context: ReportContext) -> Sequence[Contribution]:
    counts: Counts = context.counts
    names = _unit_names({u for row in counts.tasks.values() for u in row.units})
    has_tasks = any(row.activities for row in counts.tasks.values())
    parts = [
        Contribution(
            slot="results",
            order=10,
            blocks=(
                overview(counts),
                *((kinds_table(counts),) if counts["activities"] else ()),
                *((Paragraph(text=PER_TASK_NOTE, italic=True),) if has_tasks else ()),
            ),
            annex=(
                Sheet(title="Hoạt động", heading=f"{KINDS_TABLE} {context.words}", table=kinds_table(counts)),
                Sheet(
                    title="Nhiệm vụ",
                    heading=f"{TASKS_TABLE} {context.words}",
                    table=tasks_table(context.plan, counts, names),
                    landscape=True,
                ),
            ),
        )
    ]
    for group in context.plan.task_groups.all():
        parts.append(
            Contribution(
                slot=f"results.{group.key}",
                order=10,
                blocks=tuple(group_paragraphs(group, counts, names=names, per_task=True)),
            )
        )
    media = media_paragraph(counts)
    if media is not None:
        parts.append(Contribution(slot="results.mass_media", order=20, blocks=(media,)))
    return parts
