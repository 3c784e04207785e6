"""Demo funding of xã Hoàng Văn Thụ: budget lines for 2025 and 2026 from the plan's three sources, and
spending charged to them for the plan's tasks (and, where the demo recorded one, the activity).

Made up for the demo (the plan states the sources, not amounts). Deterministic, never dated after
today, idempotent: a line (by plan, year and title) or a spending (by line and description) that
exists is left as users made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from xaso.activities.models import Activity
from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import budget_line_save, spending_save
from xaso.plans.models import Plan

Log = Callable[[str], None]

LINES = [
    (
        2025,
        "state_budget",
        "Chi khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2025",
        50_000_000,
        "Quyết định số 215/QĐ-UBND ngày 15/7/2025 của UBND xã",
    ),
    (
        2025,
        "integrated",
        "Lồng ghép Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2025",
        30_000_000,
        "Quyết định số 216/QĐ-UBND ngày 15/7/2025 của UBND xã",
    ),
    (2025, "socialised", "Tài trợ của doanh nghiệp, hợp tác xã trên địa bàn năm 2025", 15_000_000, ""),
    (
        2026,
        "state_budget",
        "Chi khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm 2026",
        120_000_000,
        "Quyết định số 08/QĐ-UBND ngày 08/01/2026 của UBND xã",
    ),
    (
        2026,
        "integrated",
        "Lồng ghép Chương trình mục tiêu quốc gia xây dựng nông thôn mới năm 2026",
        60_000_000,
        "Quyết định số 09/QĐ-UBND ngày 08/01/2026 của UBND xã",
    ),
    (2026, "socialised", "Tài trợ của doanh nghiệp, hợp tác xã trên địa bàn năm 2026", 40_000_000, ""),
]

# (year, source, task, date, amount, description, voucher, activity kind to attach if the demo has one)
SPENDINGS = [
    (
        2025,
        "state_budget",
        "NV-1.1",
        dt.date(2025, 8, 20),
        12_000_000,
        "Xây dựng chuyên mục Nghị quyết 57 trên trang thông tin điện tử xã",
        "PC-0125",
        "news_article",
    ),
    (
        2025,
        "state_budget",
        "NV-1.3",
        dt.date(2025, 10, 10),
        8_500_000,
        "In tờ gấp, pano tuyên truyền phong trào “Bình dân học vụ số”",
        "PC-0167",
        "",
    ),
    (
        2025,
        "integrated",
        "NV-1.6",
        dt.date(2025, 11, 5),
        9_000_000,
        "Biên tập, phát sóng chuyên mục trên hệ thống truyền thanh xã",
        "PC-0182",
        "loudspeaker",
    ),
    (
        2025,
        "socialised",
        "NV-2.5",
        dt.date(2025, 11, 20),
        6_000_000,
        "Bộ dụng cụ robot giáo dục cho câu lạc bộ Robotics trường THCS (tài trợ)",
        "",
        "club",
    ),
    (
        2025,
        "state_budget",
        "NV-3.1",
        dt.date(2025, 10, 16),
        4_500_000,
        "Hội nghị quán triệt Nghị quyết 57 cho doanh nghiệp, hợp tác xã",
        "PC-0171",
        "enterprise_session",
    ),
    (
        2026,
        "state_budget",
        "NV-2.5",
        dt.date(2026, 3, 18),
        15_000_000,
        "Giải thưởng và tổ chức cuộc thi sáng tạo thanh thiếu niên, nhi đồng cấp trường",
        "PC-0042",
        "contest",
    ),
    (
        2026,
        "state_budget",
        "NV-1.5",
        dt.date(2026, 5, 12),
        18_000_000,
        "Sản xuất video, infographic về chuyển đổi số cho mạng xã hội của xã",
        "PC-0078",
        "social_post",
    ),
    (
        2026,
        "integrated",
        "NV-3.2",
        dt.date(2026, 6, 12),
        12_000_000,
        "Tham quan thực tế mô hình bán hàng trên sàn Postmart",
        "PC-0093",
        "showcase",
    ),
    (
        2026,
        "integrated",
        "NV-1.6",
        dt.date(2026, 8, 3),
        14_000_000,
        "Nâng cấp cụm loa truyền thanh ứng dụng công nghệ số",
        "PC-0121",
        "",
    ),
    (
        2026,
        "socialised",
        "NV-3.2",
        dt.date(2026, 10, 21),
        10_000_000,
        "Hội nghị giới thiệu sáng kiến máy sấy hồi năng lượng mặt trời (hợp tác xã đóng góp)",
        "",
        "showcase",
    ),
    (
        2026,
        "state_budget",
        "NV-2.6",
        dt.date(2026, 4, 22),
        7_500_000,
        "Hội nghị chia sẻ ý tưởng ứng dụng trí tuệ nhân tạo trong học tập",
        "PC-0064",
        "contest",
    ),
]


@transaction.atomic
def load_funding(log: Log) -> None:
    plan = Plan.objects.filter(commune__code="ls-hvt", is_active=True).order_by("-issued_on").first()
    if plan is None:
        log("Kinh phí: chưa có kế hoạch của xã, bỏ qua.")
        return
    today = timezone.localdate()
    lines: dict[tuple[int, str], BudgetLine] = {}
    added_lines = added_spendings = 0
    for year, source, title, amount, basis in LINES:
        if year > today.year:
            continue
        line = BudgetLine.objects.filter(plan=plan, year=year, title=title).first()
        if line is None:
            line = budget_line_save(
                line=BudgetLine(plan=plan, year=year, source=source, title=title, amount=amount, basis=basis)
            )
            added_lines += 1
        lines[(year, source)] = line
    tasks = {task.code: task for task in plan.tasks.all()}
    for year, source, code, day, amount, description, voucher, kind in SPENDINGS:
        line = lines.get((year, source))
        if line is None or day > today or Spending.objects.filter(line=line, description=description).exists():
            continue
        activity = None
        if kind:
            activity = (
                Activity.objects.filter(commune=plan.commune, kind=kind, status="recorded", date_start__year=year)
                .order_by("date_start", "pk")
                .first()
            )
        spending_save(
            spending=Spending(
                line=line,
                task=tasks[code],
                activity=activity,
                date=day,
                amount=amount,
                description=description,
                voucher=voucher,
            )
        )
        added_spendings += 1
    log(f"Kinh phí: thêm {added_lines} khoản dự toán, {added_spendings} khoản chi.")
