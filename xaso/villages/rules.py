"""What a village's figures must satisfy, with the Vietnamese sentences every writer shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from xaso.activities.rules import date_problems, programme_years
from xaso.units.models import OrgUnit, UnitKind

ERR_NOT_VILLAGE = "“{unit}” không phải là thôn."
ERR_NO_COMMUNE = "“{unit}” không thuộc xã nào."
ERR_OVER_VILLAGE = "{what} ({count}) nhiều hơn số hộ của thôn ({households})."
ERR_TOTAL_BELOW_PLATFORM = (
    "Số hộ bán hàng trên sàn ({total}) không được ít hơn số hộ bán trên {platform} ({count}): "
    "mỗi hộ bán trên {platform} đã là một hộ bán hàng trên sàn."
)
ERR_TOTAL_ABOVE_PLATFORMS = (
    "Số hộ bán hàng trên sàn ({total}) nhiều hơn tổng số hộ trên các sàn cộng lại ({sum}); hãy ghi số hộ cho từng sàn."
)
ERR_NEGATIVE_PLATFORM = "Số hộ bán trên {platform} không được âm."
ERR_PLATFORM_OTHER_COMMUNE = "Sàn “{platform}” không thuộc danh sách của xã này."
ERR_MONTH_FUTURE = "Tháng {month} chưa tới: chỉ ghi số hộ của tháng đã qua hoặc tháng này."
ERR_MONTH_OUTSIDE = "Tháng {month} nằm ngoài thời gian của chương trình (năm {start}–{end})."
ERR_MEMBER_OTHER_VILLAGE = "{name} không phải thành viên tổ công nghệ số của thôn này."
ERR_NO_MEMBER = "Chọn ít nhất một thành viên của tổ đã đi hỗ trợ."
ERR_NO_WORK = "Ghi ngắn gọn tổ đã hỗ trợ việc gì."
ERR_TASK_OTHER_COMMUNE = "Nhiệm vụ {code} không thuộc kế hoạch của xã này."

HOUSEHOLDS_HELPED = "Số hộ được hỗ trợ"
ECOMMERCE = "Số hộ bán hàng trên sàn"
CASHLESS = "Số hộ thanh toán không dùng tiền mặt"


def month_label(month: dt.date) -> str:
    return f"{month.month:02d}/{month.year}"


def village_problems(village: OrgUnit | None) -> dict[str, str]:
    if village is None:
        return {}
    if village.kind != UnitKind.VILLAGE:
        return {"village": ERR_NOT_VILLAGE.format(unit=village)}
    if village.commune_id is None:
        return {"village": ERR_NO_COMMUNE.format(unit=village)}
    return {}


def visit_date_problems(*, village: OrgUnit, date: dt.date | None, today: dt.date) -> dict[str, str]:
    years = programme_years(commune_id=village.commune_id) if village.commune_id else None
    problems = date_problems(date_start=date, date_end=None, years=years, today=today)
    return {"date": problems["date_start"]} if "date_start" in problems else {}


def month_problems(*, village: OrgUnit, month: dt.date, today: dt.date) -> dict[str, str]:
    if month > today.replace(day=1):
        return {"month": ERR_MONTH_FUTURE.format(month=month_label(month))}
    years = programme_years(commune_id=village.commune_id) if village.commune_id else None
    if years is not None and not years[0] <= month.year <= years[1]:
        return {"month": ERR_MONTH_OUTSIDE.format(month=month_label(month), start=years[0], end=years[1])}
    return {}


def within_village(*, field: str, what: str, count: int, households: int | None) -> dict[str, str]:
    """A count of households cannot exceed the village's households, when the village has told them."""
    if households and count > households:
        return {field: ERR_OVER_VILLAGE.format(what=what, count=count, households=households)}
    return {}


def platform_problems(*, total: int, counts: Mapping[str, int]) -> dict[str, str]:
    """The households selling online against each platform's count (a household may use several)."""
    if total < 0 or any(value < 0 for value in counts.values()):
        return {}
    for name, count in counts.items():
        if count > total:
            return {"ecommerce_households": ERR_TOTAL_BELOW_PLATFORM.format(total=total, platform=name, count=count)}
    summed = sum(counts.values())
    if total > summed:
        return {"ecommerce_households": ERR_TOTAL_ABOVE_PLATFORMS.format(total=total, sum=summed)}
    return {}


def task_problems(*, commune_id: int, plan_communes: Iterable[tuple[str, int]]) -> dict[str, str]:
    for code, commune in plan_communes:
        if commune != commune_id:
            return {"tasks": ERR_TASK_OTHER_COMMUNE.format(code=code)}
    return {}
