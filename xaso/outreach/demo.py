"""Demo clubs, contests and forums of the schools of xã Hoàng Văn Thụ, sessions for its
enterprises and the models and initiatives they showed, since the plan's issue.

Made up for the demo (the plan names no school, club or enterprise). Deterministic, never
dated after today, idempotent: what exists (a club by name, a session by club and month, an
event or showcase by title) is left as users made it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from xaso.outreach.models import Club, ClubSession, EnterpriseSession, SchoolEvent, Showcase
from xaso.outreach.services import (
    club_save,
    club_session_save,
    enterprise_session_save,
    school_event_save,
    showcase_article_draft,
    showcase_save,
    typical_models_topic,
)
from xaso.plans.models import Plan
from xaso.units.models import OrgUnit

Log = Callable[[str], None]
FIRST_MONTH = dt.date(2025, 9, 1)

CLUBS = [
    ("ls-hvt-thcs", "Câu lạc bộ Robotics và lập trình", "Lập trình, robot giáo dục", 24, dt.date(2025, 9, 15)),
    ("ls-hvt-th", "Câu lạc bộ Em yêu khoa học", "Thí nghiệm khoa học, kỹ năng số", 30, dt.date(2025, 10, 1)),
]
TOPICS = {
    "Câu lạc bộ Robotics và lập trình": [
        "Lắp ráp robot dò đường",
        "Lập trình Scratch điều khiển đèn giao thông",
        "Cảm biến độ ẩm cho vườn rau của trường",
        "Thiết kế 3D móc khóa",
        "Chuẩn bị sản phẩm dự thi sáng tạo",
    ],
    "Câu lạc bộ Em yêu khoa học": [
        "Vì sao nước sôi? Thí nghiệm với nhiệt kế",
        "Tìm kiếm thông tin an toàn trên mạng",
        "Làm pin từ quả chanh",
        "Vẽ tranh bằng máy tính bảng",
    ],
}
EVENTS = [
    (
        "ls-hvt-th",
        "forum",
        "Diễn đàn “An toàn trên không gian mạng” cho học sinh tiểu học",
        dt.date(2025, 11, 20),
        (180, 14, 10, 0, 0),
        "Công an xã, Đoàn Thanh niên xã",
    ),
    (
        "ls-hvt-thcs",
        "contest",
        "Cuộc thi sáng tạo thanh thiếu niên, nhi đồng cấp trường năm học 2025–2026",
        dt.date(2026, 3, 18),
        (130, 10, 6, 42, 9),
        "Hội đồng Đội xã",
    ),
    (
        "ls-hvt-thcs",
        "ideas",
        "Hội nghị chia sẻ ý tưởng ứng dụng trí tuệ nhân tạo trong học tập",
        dt.date(2026, 4, 22),
        (85, 12, 4, 16, 5),
        "Bưu điện văn hóa xã Hoàng Văn Thụ",
    ),
]
ENTERPRISE_SESSIONS = [
    (dt.date(2025, 10, 16), "Quán triệt Nghị quyết số 57-NQ/TW cho doanh nghiệp, hợp tác xã trên địa bàn", 8, 17, 3),
    (dt.date(2026, 1, 14), "Phổ biến chính sách hỗ trợ doanh nghiệp nhỏ và vừa chuyển đổi số", 9, 19, 3),
    (dt.date(2026, 4, 9), "Hướng dẫn hóa đơn điện tử và thanh toán không dùng tiền mặt cho hộ kinh doanh", 12, 26, 2),
    (dt.date(2026, 7, 15), "Giới thiệu cơ chế thử nghiệm có kiểm soát và quỹ đổi mới công nghệ", 7, 15, 3),
    (dt.date(2026, 10, 8), "Phổ biến quy định về truy xuất nguồn gốc sản phẩm nông sản", 10, 21, 3),
]
SHOWCASES: list[dict[str, Any]] = [
    {
        "enterprise": "ls-hvt-dn-htx",
        "owner_name": "Hợp tác xã Nông nghiệp Hoàng Văn Thụ",
        "kind": "model",
        "title": "Sơ chế, đóng gói hồi có truy xuất nguồn gốc bằng mã QR",
        "summary": (
            "Hợp tác xã gắn mã QR cho từng lô hồi khô; người mua quét mã để biết vùng trồng, ngày thu hái "
            "và quy trình sơ chế. Giá bán cao hơn, đơn hàng trên sàn thương mại điện tử tăng."
        ),
        "details": (
            "Mỗi lô hồi được ghi nhật ký điện tử từ khi thu hái đến khi đóng gói.\n"
            "Sau sáu tháng, giá bán bình quân tăng khoảng 15% so với hồi không có mã truy xuất."
        ),
        "date": dt.date(2025, 11, 25),
        "channel": "hội nghị chuyên đề tại hợp tác xã",
        "participants": 30,
        "draft": True,
    },
    {
        "enterprise": "ls-hvt-dn-hoique",
        "owner_name": "Công ty TNHH Hồi Quế Xứ Lạng",
        "kind": "digital",
        "title": "Bán tinh dầu hồi trên sàn Postmart và thanh toán bằng mã QR",
        "summary": (
            "Công ty đưa sản phẩm tinh dầu hồi lên sàn Postmart, nhận thanh toán bằng mã QR và giao hàng qua "
            "Bưu điện; một phần ba doanh thu nay đến từ bán hàng trực tuyến."
        ),
        "details": "",
        "date": dt.date(2026, 6, 12),
        "channel": "bản tin truyền thanh xã và tham quan thực tế",
        "participants": 24,
        "draft": False,
    },
    {
        "enterprise": "ls-hvt-dn-htx",
        "owner_name": "Hợp tác xã Nông nghiệp Hoàng Văn Thụ",
        "kind": "initiative",
        "title": "Máy sấy hồi dùng năng lượng mặt trời",
        "summary": (
            "Sáng kiến của tổ kỹ thuật hợp tác xã: buồng sấy mái kính kết hợp quạt chạy điện mặt trời, "
            "rút thời gian phơi hồi từ năm ngày xuống hai ngày, không phụ thuộc thời tiết."
        ),
        "details": "",
        "date": dt.date(2026, 10, 21),
        "channel": "hội nghị sơ kết của hợp tác xã",
        "participants": 35,
        "draft": False,
    },
]


def _months(start: dt.date, end: dt.date) -> list[dt.date]:
    months, current = [], start
    while current <= end:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


@transaction.atomic
def load_outreach(log: Log) -> None:
    plan = Plan.objects.filter(commune__code="ls-hvt", is_active=True).order_by("-issued_on").first()
    if plan is None:
        log("Trường học, doanh nghiệp: chưa có kế hoạch của xã, bỏ qua.")
        return
    today = timezone.localdate()
    units = {u.code: u for u in OrgUnit.objects.filter(commune=plan.commune)}
    tasks = {t.code: t for t in plan.tasks.all()}
    added = dict.fromkeys(("clubs", "sessions", "events", "enterprise", "showcases"), 0)

    for code, name, field, members, founded in CLUBS:
        club = Club.objects.filter(unit=units[code], name=name).first()
        if club is None:
            club = club_save(
                club=Club(unit=units[code], name=name, field=field, members_count=members, founded_on=founded)
            )
            added["clubs"] += 1
        topics = TOPICS[name]
        for index, month in enumerate(_months(max(FIRST_MONTH, founded.replace(day=1)), today.replace(day=1))):
            if month.month in (6, 7, 8):  # summer holidays
                continue
            day = month.replace(day=12 + index % 10)
            if (
                day > today
                or ClubSession.objects.filter(club=club, date__year=month.year, date__month=month.month).exists()
            ):
                continue
            club_session_save(
                session=ClubSession(
                    club=club,
                    date=day,
                    topic=topics[index % len(topics)],
                    pupils=members - index % 5,
                    teachers=2,
                ),
                tasks=[tasks["NV-2.5"]],
            )
            added["sessions"] += 1

    for code, kind, title, day, (pupils, teachers, guests, entries, awards), partners in EVENTS:
        if day > today or SchoolEvent.objects.filter(unit=units[code], title=title).exists():
            continue
        school_event_save(
            event=SchoolEvent(
                unit=units[code],
                kind=kind,
                title=title,
                date_start=day,
                pupils=pupils,
                teachers=teachers,
                guests=guests,
                entries=entries,
                awards=awards,
                partners=partners,
            ),
            tasks=[tasks["NV-2.5"], tasks["NV-2.6"]],
        )
        added["events"] += 1

    office = units["ls-hvt-kt"]
    for day, title, enterprises, participants, officials in ENTERPRISE_SESSIONS:
        if day > today or EnterpriseSession.objects.filter(unit=office, title=title).exists():
            continue
        enterprise_session_save(
            session=EnterpriseSession(
                unit=office,
                title=title,
                date=day,
                enterprises=enterprises,
                participants=participants,
                officials=officials,
            ),
            tasks=[tasks["NV-3.1"]],
        )
        added["enterprise"] += 1

    editor = get_user_model().objects.filter(username="vhxh.lan").first()
    for spec in SHOWCASES:
        if spec["date"] > today or Showcase.objects.filter(title=spec["title"]).exists():
            continue
        fields = {k: v for k, v in spec.items() if k not in ("enterprise", "draft")}
        showcase = showcase_save(
            showcase=Showcase(unit=office, enterprise=units[spec["enterprise"]], **fields), tasks=[tasks["NV-3.2"]]
        )
        added["showcases"] += 1
        if spec["draft"] and editor is not None and typical_models_topic(commune_id=plan.commune_id):
            showcase_article_draft(showcase=showcase, user=editor)
    log(
        f"Trường học, doanh nghiệp: thêm {added['clubs']} câu lạc bộ, {added['sessions']} buổi sinh hoạt, "
        f"{added['events']} cuộc thi, diễn đàn, {added['enterprise']} buổi phổ biến cho doanh nghiệp, "
        f"{added['showcases']} mô hình, sáng kiến."
    )
