"""Demo teams of the villages of xã Hoàng Văn Thụ (and one of xã Tân Thanh): members, support
visits month by month since the plan's issue, and the households' counts growing slowly.

Made up for the demo (the plan names no village and no person). Deterministic, never dated
after today, idempotent: a month already entered for a village is left as users made it.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from xaso.plans.models import Plan
from xaso.units.models import OrgUnit
from xaso.villages.models import HouseholdSnapshot, Platform, SupportVisit, TeamMember, TeamRole
from xaso.villages.services import (
    household_snapshot_set,
    platform_save,
    support_visit_record,
    team_member_add,
    village_households,
)

Log = Callable[[str], None]
FIRST_MONTH = dt.date(2025, 10, 1)
PLATFORMS = ("Postmart", "Voso", "Sàn khác")

TEAMS: dict[str, list[tuple[str, str]]] = {
    "ls-hvt-t-napan": [
        ("Hoàng Văn Sơn", TeamRole.LEADER),
        ("Nông Thị Hoa", TeamRole.DEPUTY),
        ("Lành Văn Tú", TeamRole.MEMBER),
        ("Hoàng Thị Thu Trang", TeamRole.MEMBER),
    ],
    "ls-hvt-t-banthang": [
        ("Vi Văn Thắng", TeamRole.LEADER),
        ("Lương Thị Mến", TeamRole.MEMBER),
        ("Hà Văn Quyết", TeamRole.MEMBER),
    ],
    "ls-hvt-t-khuoinhan": [("Triệu Văn Dũng", TeamRole.LEADER), ("Đàm Thị Liên", TeamRole.MEMBER)],
    "ls-hvt-t-pacvan": [
        ("Chu Văn Páo", TeamRole.LEADER),
        ("Hoàng Thị Nhung", TeamRole.DEPUTY),
        ("Lộc Văn Khánh", TeamRole.MEMBER),
    ],
    "ls-hvt-t-naly": [("Mã Văn Lợi", TeamRole.LEADER), ("Dương Thị Xuân", TeamRole.MEMBER)],
    "ls-tt-t-nacan": [("Nông Văn Cường", TeamRole.LEADER), ("Hoàng Thị Mai", TeamRole.MEMBER)],
}

# Villages that enter their counts every month, with (households selling online, paying without
# cash) in the first month and how many more each month. Nà Lý has not started yet.
GROWTH: dict[str, tuple[int, int, int, int]] = {
    "ls-hvt-t-napan": (6, 30, 2, 4),
    "ls-hvt-t-banthang": (3, 18, 1, 3),
    "ls-hvt-t-pacvan": (2, 12, 1, 2),
    "ls-hvt-t-khuoinhan": (1, 8, 1, 2),
    "ls-tt-t-nacan": (1, 10, 1, 2),
}
VISITS = [
    ("Hướng dẫn bà con chụp ảnh, đăng bán măng khô và hồi trên sàn Postmart", True, False, False),
    ("Mở tài khoản ngân hàng trên điện thoại, tạo mã QR nhận tiền cho các hộ bán hàng ở chợ phiên", False, True, False),
    ("Hướng dẫn kích hoạt VNeID mức độ 2 và nộp hồ sơ dịch vụ công trực tuyến", False, False, True),
    ("Hỗ trợ đóng gói, gửi đơn hàng qua Bưu điện và trả lời khách trên sàn Voso", True, True, False),
]


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], start
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def _platforms(commune: OrgUnit) -> list[Platform]:
    platforms = []
    for order, name in enumerate(PLATFORMS):
        platform = Platform.objects.filter(commune=commune, name=name).first()
        if platform is None:
            platform = platform_save(platform=Platform(commune=commune, name=name, sort_order=order))
        platforms.append(platform)
    return platforms


@transaction.atomic
def load_villages(log: Log) -> None:
    today = timezone.localdate()
    villages = {u.code: u for u in OrgUnit.objects.filter(code__in=TEAMS)}
    added = {"members": 0, "visits": 0, "months": 0}
    platforms: dict[int, list[Platform]] = {}
    for code, team in TEAMS.items():
        village = villages.get(code)
        if village is None or village.commune is None:
            continue
        if village.commune_id not in platforms:
            platforms[village.commune_id] = _platforms(village.commune)
        if not TeamMember.objects.filter(village=village).exists():
            for name, role in team:
                team_member_add(village=village, full_name=name, role=role)
                added["members"] += 1
        plan = Plan.objects.filter(commune=village.commune, is_active=True).order_by("-issued_on").first()
        if plan is None or code not in GROWTH:
            continue
        rng = random.Random(code)  # noqa: S311 - demo figures, not secrets
        members = list(TeamMember.objects.filter(village=village, is_active=True).order_by("pk"))
        tasks = list(plan.tasks.filter(code="NV-1.3"))
        ecommerce, cashless, more_online, more_cashless = GROWTH[code]
        # Counts level off below the village's households (when it has told them): growth has a ceiling.
        ceiling = (village_households(village=village) or 100) * 9 // 10
        for index, month in enumerate(_months(FIRST_MONTH, today.replace(day=1))):
            sellers = min(ecommerce + index * more_online, ceiling // 2)
            month_end = min((month + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1), today)
            if not SupportVisit.objects.filter(
                village=village, date__year=month.year, date__month=month.month
            ).exists():
                for n in range(1 + index % 2):
                    day = month.replace(day=min(5 + 11 * n + rng.randint(0, 6), month_end.day))
                    if day > today:
                        continue
                    work, online, cash, services = VISITS[(index + n) % len(VISITS)]
                    support_visit_record(
                        village=village,
                        date=day,
                        members=members[: 2 + n],
                        work=work,
                        households_helped=rng.randint(3, 9),
                        helped_ecommerce=online,
                        helped_cashless=cash,
                        helped_online_services=services,
                        tasks=tasks,
                    )
                    added["visits"] += 1
            if (
                month < today.replace(day=1)
                and not HouseholdSnapshot.objects.filter(village=village, month=month).exists()
            ):
                shares = _split(sellers, len(platforms[village.commune_id]))
                household_snapshot_set(
                    village=village,
                    month=month,
                    ecommerce_households=sellers,
                    cashless_households=min(cashless + index * more_cashless, ceiling),
                    platform_counts=dict(zip(platforms[village.commune_id], shares, strict=True)),
                )
                added["months"] += 1
    log(
        f"Tổ công nghệ số: thêm {added['members']} thành viên, {added['visits']} buổi hỗ trợ, "
        f"{added['months']} tháng số hộ."
    )


def _split(total: int, parts: int) -> list[int]:
    """Households per platform: most on Postmart, some also on Voso (a household may use both)."""
    if parts == 0:
        return []
    first = total
    second = total // 2
    rest = [total // 5] * (parts - 2)
    return [first, second, *rest][:parts]
