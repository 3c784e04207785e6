"""How far an indicator is from its milestone: achieved, on track, at risk, behind.

While the milestone's period runs, the value is compared with a straight path from
zero at the start to the milestone at the end: within 90% of that path is "on track";
below it but with at least half of the period left, or at least half way along the path,
is "at risk"; otherwise "behind". Once the period is over, anything short is "behind".
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models

from xaso.plans.models import Comparison, Milestone

ON_TRACK_SHARE = Decimal("0.9")
AT_RISK_SHARE = Decimal("0.5")


class Status(models.TextChoices):
    ACHIEVED = "achieved", "Đạt"
    ON_TRACK = "on_track", "Đúng tiến độ"
    AT_RISK = "at_risk", "Có nguy cơ chậm"
    BEHIND = "behind", "Chậm, chưa đạt"
    NOT_DUE = "not_due", "Chưa đến kỳ"
    NO_DATA = "no_data", "Chưa có dữ liệu"
    COMMUNE_ONLY = "commune_only", "Chỉ tiêu tính cho toàn xã"


STATUS_EXPLAINED = {
    Status.ACHIEVED: "Giá trị đã đạt mốc của năm.",
    Status.ON_TRACK: "Chưa đạt mốc nhưng theo kịp tiến độ thời gian (ít nhất 90% mức cần có đến hôm nay).",
    Status.AT_RISK: "Thấp hơn tiến độ nhưng còn ít nhất nửa thời gian, hoặc đã được ít nhất nửa mức cần có.",
    Status.BEHIND: "Thấp xa so với tiến độ, hoặc kỳ đã kết thúc mà chưa đạt mốc.",
    Status.NOT_DUE: "Mốc của chỉ tiêu thuộc năm sau; giá trị hiện tại để tham khảo.",
    Status.NO_DATA: "Chưa có mẫu số (chưa nhập danh sách cán bộ, văn bản, nhiệm vụ hoặc dân số thôn).",
    Status.COMMUNE_ONLY: "Chỉ tiêu đặt cho toàn xã; giá trị ở đây là phần đóng góp của đơn vị.",
}


def goal(milestone: Milestone) -> Decimal:
    """The number a milestone asks for: its value, or 100% for a qualitative "done"."""
    if milestone.comparison == Comparison.DONE or milestone.value is None:
        return Decimal(100)
    return Decimal(milestone.value)


def is_met(value: Decimal, milestone: Milestone) -> bool:
    target = goal(milestone)
    if milestone.comparison == Comparison.AT_MOST:
        return value <= target
    if milestone.comparison == Comparison.EQUAL:
        return value == target
    return value >= target


def evaluate(*, value: Decimal | None, milestone: Milestone, start: dt.date, end: dt.date, today: dt.date) -> Status:
    """Status of `value` against `milestone`, due over [start, end] (start: when the work could begin)."""
    if value is None:
        return Status.NO_DATA
    if is_met(value, milestone):
        return Status.ACHIEVED
    if today > end:
        return Status.BEHIND
    if today < start:
        return Status.NOT_DUE
    if milestone.comparison == Comparison.AT_MOST:
        return Status.ON_TRACK
    elapsed = Decimal((today - start).days + 1) / Decimal((end - start).days + 1)
    target = goal(milestone)
    progress = value / target if target else Decimal(1)
    if progress >= elapsed * ON_TRACK_SHARE:
        return Status.ON_TRACK
    if progress >= elapsed * AT_RISK_SHARE or elapsed <= Decimal("0.5"):
        return Status.AT_RISK
    return Status.BEHIND
