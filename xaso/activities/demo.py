"""Demo activities of xã Hoàng Văn Thụ from the plan's issue (August 2025) to today.

Made up for the demo, but shaped like a commune's year: the Culture–Social office's news
and posts, the radio's own programmes, school activities in term time, village meetings, one
conference that informs most officials, a training for communication officers, a commendation
ceremony. Club sessions, contests, sessions for enterprises, showcases and the village teams'
support are not here: their own demos (xaso.outreach.demo, xaso.villages.demo) record them, each
as one activity, so that no delivery is counted twice.
A few tasks are left without activity so the dashboard shows what is neglected.
Deterministic (seeded), idempotent by source key ("demo.activity:…"), never dated after today.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from xaso.activities.models import Activity
from xaso.activities.services import activity_record
from xaso.plans.models import Plan
from xaso.registers.models import GuidingDocument, Person, ScienceTask
from xaso.units.models import OrgUnit

Log = Callable[[str], None]
FIRST_MONTH = dt.date(2025, 8, 1)
PORTAL = "https://hoangvanthu.langson.gov.vn/tin-tuc/"


@dataclass
class Planned:
    key: str
    unit: str
    kind: str
    title: str
    day: dt.date
    tasks: tuple[str, ...]
    audience: str
    participants: int = 0
    officials: int = 0
    pupils: int = 0
    residents: int = 0
    reach: int | None = None
    description: str = ""
    attendees: str = ""  # "" none, "all-but-few", "officers", "school:<code>"
    documents: tuple[str, ...] = ()
    extra: dict[str, str] = field(default_factory=dict)


NEWS = [
    "UBND xã Hoàng Văn Thụ ban hành Kế hoạch số 33/KH-UBND thực hiện Quyết định số 1169/QĐ-TTg",
    "Những điểm mới của Nghị quyết số 57-NQ/TW về khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
    "Hướng dẫn người dân cài đặt và sử dụng ứng dụng VNeID mức độ 2",
    "Phong trào “Bình dân học vụ số” lan tỏa tại các thôn",
    "Thanh toán không dùng tiền mặt tại chợ phiên xã",
    "Tổ công nghệ số cộng đồng giúp bà con bán hồi trên sàn Postmart",
    "Dịch vụ công trực tuyến toàn trình: làm thủ tục không cần đến trụ sở",
    "Học sinh THCS Hoàng Văn Thụ đạt giải cuộc thi sáng tạo thanh thiếu niên",
    "Cảnh giác với lừa đảo qua mạng: mẹo bảo vệ tài khoản ngân hàng",
    "Mô hình trồng hồi theo tiêu chuẩn hữu cơ ứng dụng nhật ký điện tử",
]
POSTS = [
    "Infographic: 5 bước cài đặt VNeID",
    "Video ngắn: Chợ phiên quét mã QR",
    "Lịch hỗ trợ người dân làm dịch vụ công trực tuyến trong tuần",
    "Hỏi đáp: Nghị quyết 57 có ý nghĩa gì với người nông dân?",
    "Clip: Tổ công nghệ số cộng đồng thôn Nà Pàn",
]
BROADCASTS = [
    "Bản tin chuyển đổi số trên hệ thống truyền thanh xã",
    "Chuyên mục “Bình dân học vụ số” phát bằng tiếng Việt và tiếng Tày",
    "Phát thanh tuyên truyền Nghị quyết số 57-NQ/TW",
    "Bản tin cảnh báo lừa đảo trên không gian mạng",
]
SCHOOLS = {
    "ls-hvt-mn": ("Mầm non", 160),
    "ls-hvt-th": ("Tiểu học", 310),
    "ls-hvt-thcs": ("THCS", 280),
}
VILLAGE_CODES = ["ls-hvt-t-napan", "ls-hvt-t-banthang", "ls-hvt-t-khuoinhan", "ls-hvt-t-pacvan", "ls-hvt-t-naly"]
# When each guiding document was first published on the commune's section.
DOCUMENT_MONTHS = {
    "57-NQ/TW": dt.date(2025, 9, 1),
    "1169/QĐ-TTg": dt.date(2025, 9, 1),
    "211/KH-UBND": dt.date(2025, 9, 1),
    "03/NQ-CP": dt.date(2025, 10, 1),
    "193/2025/QH15": dt.date(2026, 3, 1),
}


def _months(until: dt.date) -> list[dt.date]:
    months, current = [], FIRST_MONTH
    while current <= until:
        months.append(current)
        current = (current + dt.timedelta(days=32)).replace(day=1)
    return months


def _day(rng: random.Random, month: dt.date, low: int = 1, high: int = 28) -> dt.date:
    return month.replace(day=rng.randint(low, high))


def planned_activities(*, today: dt.date) -> list[Planned]:
    rng = random.Random(33)  # noqa: S311 - demo figures, not secrets
    items: list[Planned] = []
    items.append(
        Planned(
            "plan-issued",
            "ls-hvt-vhxh",
            "news_article",
            NEWS[0],
            dt.date(2025, 8, 28),
            ("NV-1.1",),
            "residents",
            reach=640,
            extra={"url": PORTAL + "ke-hoach-33"},
        )
    )
    items.append(
        Planned(
            "conference-nq57",
            "ls-hvt-vhxh",
            "conference",
            "Hội nghị quán triệt Nghị quyết số 57-NQ/TW và Kế hoạch 33/KH-UBND cho cán bộ, công chức, viên chức",
            dt.date(2025, 9, 18),
            ("NV-1.2", "NV-1.3"),
            "officials",
            participants=96,
            officials=96,
            attendees="all-but-few",
            description="Báo cáo viên Sở KH&CN trình bày; phát tài liệu hỏi đáp Nghị quyết 57.",
        )
    )
    items.append(
        Planned(
            "training-officers",
            "ls-hvt-vhxh",
            "training",
            "Bồi dưỡng kỹ năng truyền thông số cho cán bộ làm công tác thông tin cơ sở",
            dt.date(2026, 4, 14),
            ("NV-1.5",),
            "officials",
            participants=12,
            officials=12,
            attendees="officers",
            description="Hai ngày thực hành viết tin, chụp ảnh, dựng video ngắn trên điện thoại.",
        )
    )
    items.append(
        Planned(
            "commendation-2025",
            "ls-hvt-vhxh",
            "commendation",
            "Biểu dương tập thể, cá nhân tiêu biểu trong truyền thông Nghị quyết 57 năm 2025",
            dt.date(2026, 1, 20),
            ("NV-2.7", "NV-1.3"),
            "officials",
            participants=70,
            officials=52,
            pupils=10,
            residents=8,
        )
    )
    for month in _months(today):
        tag = f"{month:%Y%m}"
        for n in range(rng.choice((2, 3))):
            documents = tuple(code for code, first in DOCUMENT_MONTHS.items() if first == month and n == 0)
            items.append(
                Planned(
                    f"news-{tag}-{n}",
                    "ls-hvt-vhxh",
                    "news_article",
                    NEWS[(month.month + n) % len(NEWS)],
                    _day(rng, month),
                    ("NV-1.1", rng.choice(("NV-1.3", "NV-1.5", "NV-1.6"))),
                    "residents",
                    reach=rng.randint(150, 700),
                    documents=documents,
                    extra={"url": f"{PORTAL}{tag}-{n}"},
                )
            )
        for n in range(2):
            items.append(
                Planned(
                    f"post-{tag}-{n}",
                    "ls-hvt-vhxh",
                    "social_post",
                    POSTS[(month.month + n) % len(POSTS)],
                    _day(rng, month),
                    ("NV-1.4", "NV-1.5"),
                    "residents",
                    reach=rng.randint(300, 1500),
                )
            )
        for n in range(rng.choice((2, 3, 4))):
            items.append(
                Planned(
                    f"radio-{tag}-{n}",
                    "ls-hvt-dtt",
                    "loudspeaker",
                    BROADCASTS[(month.month + n) % len(BROADCASTS)],
                    _day(rng, month),
                    ("NV-1.3", "NV-1.6"),
                    "residents",
                    reach=rng.randint(1500, 2600),
                    description="Ước tính lượt nghe theo số hộ trong vùng phủ của cụm loa.",
                )
            )
        in_term = month.month not in (6, 7, 8)
        for code, (level, pupils) in SCHOOLS.items():
            if not in_term:
                continue
            share = rng.randint(pupils // 3, pupils)
            items.append(
                Planned(
                    f"school-{code}-{tag}",
                    code,
                    "extracurricular",
                    f"Ngoại khóa “Em yêu khoa học, công nghệ” — trường {level}",
                    _day(rng, month),
                    ("NV-2.1", "NV-2.2"),
                    "schools",
                    participants=share + 12,
                    officials=12,
                    pupils=share,
                    attendees=f"school:{code}" if month.month == 3 else "",
                )
            )
            if code == "ls-hvt-th" and month.month in (11, 4):
                items.append(
                    Planned(
                        f"infographic-{tag}",
                        code,
                        "other",
                        "Bộ infographic “An toàn trên mạng” cho học sinh tiểu học",
                        _day(rng, month),
                        ("NV-2.4",),
                        "schools",
                    )
                )
        for index, code in enumerate(VILLAGE_CODES):
            if (month.month + index) % 3 == 0:
                items.append(
                    Planned(
                        f"meeting-{code}-{tag}",
                        code,
                        "conference",
                        "Họp thôn phổ biến chuyển đổi số, dịch vụ công trực tuyến",
                        _day(rng, month),
                        ("NV-1.3",),
                        "residents",
                        participants=(p := rng.randint(35, 80)),
                        officials=2,
                        residents=p - 2,
                    )
                )
    return [item for item in items if item.day <= today]


@transaction.atomic
def load_activities(log: Log) -> None:
    plan = Plan.objects.filter(commune__code="ls-hvt", is_active=True).first()
    if plan is None:
        log("Hoạt động mẫu: chưa có kế hoạch của xã, bỏ qua.")
        return
    today = timezone.localdate()
    planned = planned_activities(today=today)
    done = set(Activity.objects.filter(source__startswith="demo.activity:").values_list("source", flat=True))
    units = {u.code: u for u in OrgUnit.objects.filter(commune=plan.commune)}
    tasks = {t.code: t for t in plan.tasks.all()}
    people = list(Person.objects.filter(commune=plan.commune, is_active=True).select_related("unit").order_by("pk"))
    documents = {d.code: d for d in GuidingDocument.objects.filter(commune=plan.commune)}
    science = {t.code: t for t in ScienceTask.objects.filter(commune=plan.commune)}
    added = 0
    for item in planned:
        source = f"demo.activity:{item.key}"
        if source in done or item.unit not in units:
            continue
        attendees = _attendees(item, people)
        officials = max(item.officials, len(attendees))
        activity_record(
            unit=units[item.unit],
            kind=item.kind,
            title=item.title,
            date_start=item.day,
            tasks=[tasks[code] for code in item.tasks if code in tasks],
            audience=item.audience,
            participants=max(item.participants, officials + item.pupils + item.residents),
            officials=officials,
            pupils=item.pupils,
            residents=item.residents,
            reach=item.reach,
            description=item.description,
            url=item.extra.get("url", ""),
            attendees=attendees,
            guiding_documents=[documents[c] for c in item.documents if c in documents],
            science_tasks=[science[c] for c in [item.extra.get("science", "")] if c in science],
            source=source,
        )
        added += 1
    log(f"Hoạt động mẫu: thêm {added}.")


def _attendees(item: Planned, people: list[Person]) -> list[Person]:
    if item.attendees == "all-but-few":
        # Five people missed the conference: the 2025 target falls just short, as often happens.
        return [p for p in people if p.unit.kind not in ("school",)] + [p for p in people if p.unit.kind == "school"][
            :-5
        ]
    if item.attendees == "officers":
        return [p for p in people if p.is_communication_officer]
    if item.attendees.startswith("school:"):
        code = item.attendees.removeprefix("school:")
        return [p for p in people if p.unit.code == code]
    return []
