"""Demo registries of xã Hoàng Văn Thụ: people of each unit, villages, guiding documents, S&T tasks.

The guiding documents are real (numbers, dates and issuers of the Resolution and the
documents that carry it out). Every person, village figure and science task is made up
for the demo. Idempotent: what exists (by unit and name, by village, by number) is kept.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from xaso.registers.models import GuidingDocument, Person, PersonCategory, ScienceTask
from xaso.registers.services import guiding_document_put, person_create, science_task_put, village_profile_set
from xaso.units.models import OrgUnit

Log = Callable[[str], None]
C, CS, VC, NLD = (
    PersonCategory.CADRE,
    PersonCategory.CIVIL_SERVANT,
    PersonCategory.PUBLIC_EMPLOYEE,
    PersonCategory.WORKER,
)

# unit code -> (full name, category, position, communication officer)
PEOPLE: dict[str, list[tuple[str, str, str, bool]]] = {
    "ls-hvt-vp": [
        ("Hoàng Văn Hùng", C, "Phó Chủ tịch UBND xã", False),
        ("Lương Văn Khánh", C, "Chủ tịch UBND xã", False),
        ("Nông Thị Hạnh", CS, "Chánh Văn phòng", False),
        ("Vi Văn Thắng", CS, "Công chức Văn phòng - Thống kê", False),
        ("Lộc Thị Vân", CS, "Công chức Tư pháp - Hộ tịch", False),
        ("Hà Văn Long", CS, "Công chức Văn phòng", False),
        ("Triệu Thị Liên", NLD, "Nhân viên văn thư", False),
        ("Đinh Văn Mạnh", NLD, "Nhân viên kỹ thuật", False),
    ],
    "ls-hvt-vhxh": [
        ("Nguyễn Thị Lan", CS, "Chuyên viên Phòng Văn hóa - Xã hội", True),
        ("Chu Thị Linh", CS, "Biên tập viên trang thông tin điện tử xã", True),
        ("Hoàng Đức Phúc", CS, "Trưởng phòng Văn hóa - Xã hội", False),
        ("Mã Thị Thảo", CS, "Công chức Văn hóa - Xã hội", False),
        ("Lăng Văn Quý", CS, "Công chức Lao động - Thương binh", False),
    ],
    "ls-hvt-kt": [
        ("Lương Văn Tuấn", CS, "Công chức Phòng Kinh tế", False),
        ("Dương Thị Huệ", CS, "Trưởng phòng Kinh tế", False),
        ("Hứa Văn Cường", CS, "Công chức Địa chính - Nông nghiệp", False),
        ("Nông Văn Sáng", CS, "Công chức Tài chính - Kế toán", False),
        ("Vi Thị Yến", NLD, "Nhân viên khuyến nông", False),
    ],
    "ls-hvt-hcc": [
        ("Lý Thị Trang", CS, "Giám đốc Trung tâm", False),
        ("Hoàng Văn Bình", CS, "Công chức một cửa", False),
        ("Chu Thị Giang", CS, "Công chức một cửa", False),
        ("Lộc Văn An", NLD, "Nhân viên hỗ trợ dịch vụ công trực tuyến", False),
    ],
    "ls-hvt-dtt": [
        ("Triệu Văn Chiến", VC, "Phụ trách Đài Truyền thanh", True),
        ("Hà Thị Thơm", VC, "Phát thanh viên", True),
        ("Lăng Văn Hưng", NLD, "Kỹ thuật viên truyền thanh", False),
    ],
    "ls-hvt-tyt": [
        ("Nông Thị Dung", VC, "Trạm trưởng", False),
        ("Hoàng Thị Tuyết", VC, "Y sĩ", False),
        ("Lương Văn Lành", VC, "Điều dưỡng", False),
        ("Vi Thị Hiền", VC, "Nữ hộ sinh", False),
        ("Dương Văn Tâm", VC, "Dược sĩ", False),
    ],
    "ls-hvt-mttq": [("Hoàng Văn Sáng", C, "Chủ tịch Ủy ban MTTQ xã", False), ("Lộc Thị Nga", C, "Phó Chủ tịch", False)],
    "ls-hvt-doan": [("Nông Văn Phúc", C, "Bí thư Đoàn xã", True), ("Hà Thị Khánh", C, "Phó Bí thư", False)],
    "ls-hvt-phunu": [("Lương Thị Hạnh", C, "Chủ tịch Hội Phụ nữ", False), ("Vi Thị Linh", C, "Phó Chủ tịch", False)],
    "ls-hvt-nongdan": [("Đinh Văn Quý", C, "Chủ tịch Hội Nông dân", False), ("Mã Văn Long", C, "Phó Chủ tịch", False)],
    "ls-hvt-ccb": [("Triệu Văn Thắng", C, "Chủ tịch Hội Cựu chiến binh", False)],
}

GIVEN = [
    "An", "Bình", "Cường", "Dung", "Giang", "Hạnh", "Hiền", "Huệ", "Khánh", "Liên", "Mạnh", "Nga", "Phúc",
    "Quý", "Tâm", "Thảo", "Thắng", "Trang", "Tuyết", "Vân", "Yến", "Hưng", "Long", "Sáng", "Thơm", "Lành",
]  # fmt: skip
FAMILY = ["Hoàng", "Nông", "Lương", "Vi", "Lộc", "Hà", "Lý", "Chu", "Đinh", "Triệu", "Hứa", "Lăng", "Mã", "Dương"]


def _teachers(code: str, count: int, first: tuple[str, str] | None) -> list[tuple[str, str, str, bool]]:
    """A school's staff: its named reporter, the headteacher, teachers and one worker."""
    staff: list[tuple[str, str, str, bool]] = []
    if first:
        staff.append((first[0], VC, first[1], False))
    staff.append((f"{FAMILY[len(code) % len(FAMILY)]} Văn {GIVEN[len(code) % len(GIVEN)]}", VC, "Hiệu trưởng", False))
    index = len(code)
    while len(staff) < count - 1:
        middle = "Thị" if index % 3 else "Văn"
        name = f"{FAMILY[index % len(FAMILY)]} {middle} {GIVEN[(index * 7) % len(GIVEN)]}"
        if name not in {s[0] for s in staff}:
            staff.append((name, VC, "Giáo viên", False))
        index += 1
    staff.append(
        (f"{FAMILY[(index + 3) % len(FAMILY)]} Thị {GIVEN[(index + 5) % len(GIVEN)]}", NLD, "Nhân viên", False)
    )
    return staff


PEOPLE["ls-hvt-mn"] = _teachers("ls-hvt-mn", 12, None)
PEOPLE["ls-hvt-th"] = _teachers("ls-hvt-th", 18, ("Vi Thị Hà", "Phó Hiệu trưởng"))
PEOPLE["ls-hvt-thcs"] = _teachers("ls-hvt-thcs", 20, ("Lý Thị Mai", "Giáo viên, phụ trách báo cáo"))

# village code -> households, residents, has a loudspeaker cluster
VILLAGES = {
    "ls-hvt-t-napan": (118, 486, True),
    "ls-hvt-t-banthang": (96, 402, True),
    "ls-hvt-t-khuoinhan": (64, 271, False),
    "ls-hvt-t-pacvan": (132, 559, True),
    "ls-hvt-t-naly": (87, 355, True),
}

GUIDING_DOCUMENTS = [
    (
        "57-NQ/TW",
        dt.date(2024, 12, 22),
        "Bộ Chính trị",
        "Nghị quyết về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "03/NQ-CP",
        dt.date(2025, 1, 9),
        "Chính phủ",
        "Nghị quyết ban hành Chương trình hành động của Chính phủ thực hiện Nghị quyết số 57-NQ/TW",
    ),
    (
        "193/2025/QH15",
        dt.date(2025, 2, 19),
        "Quốc hội",
        "Nghị quyết về thí điểm một số cơ chế, chính sách đặc biệt tạo đột phá phát triển khoa học, công nghệ, "
        "đổi mới sáng tạo và chuyển đổi số quốc gia",
    ),
    (
        "1169/QĐ-TTg",
        dt.date(2025, 6, 16),
        "Thủ tướng Chính phủ",
        "Quyết định phê duyệt Chương trình “Đẩy mạnh truyền thông thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia” đến năm 2030",
    ),
    ("93/2025/QH15", dt.date(2025, 6, 27), "Quốc hội", "Luật Khoa học, công nghệ và đổi mới sáng tạo"),
    (
        "211/KH-UBND",
        dt.date(2025, 8, 12),
        "UBND tỉnh Lạng Sơn",
        "Kế hoạch thực hiện Quyết định số 1169/QĐ-TTg trên địa bàn tỉnh Lạng Sơn",
    ),
]

SCIENCE_TASKS = [
    (
        "ĐTCS.LS.2026-01",
        "Ứng dụng tiến bộ kỹ thuật trong trồng, chăm sóc và sơ chế hồi theo chuỗi giá trị tại xã Hoàng Văn Thụ",
        "Hợp tác xã Nông nghiệp Hoàng Văn Thụ",
        2026,
        2027,
    ),
    (
        "ĐTCS.LS.2026-02",
        "Xây dựng mô hình chuyển đổi số trong quản lý đàn gia súc cho hộ đồng bào dân tộc thiểu số",
        "Trung tâm Khuyến nông tỉnh Lạng Sơn",
        2026,
        2028,
    ),
    (
        "ĐTCS.LS.2027-01",
        "Đánh giá hiệu quả hệ thống truyền thanh ứng dụng công nghệ thông tin - viễn thông cấp xã",
        "Sở Khoa học và Công nghệ tỉnh Lạng Sơn",
        2027,
        2028,
    ),
]


@transaction.atomic
def load_registers(log: Log) -> None:
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=[*PEOPLE, *VILLAGES, "ls-hvt"])}
    if "ls-hvt" not in units:
        log("Danh mục mẫu: chưa có xã Hoàng Văn Thụ, bỏ qua.")
        return
    existing = set(Person.objects.filter(commune=units["ls-hvt"]).values_list("unit__code", "full_name"))
    added = 0
    for code, people in PEOPLE.items():
        for name, category, position, officer in people:
            if (code, name) in existing or code not in units:
                continue
            person_create(
                unit=units[code],
                full_name=name,
                category=category,
                position=position,
                is_communication_officer=officer,
            )
            added += 1
    for code, (households, residents, loudspeaker) in VILLAGES.items():
        if code in units and not hasattr(units[code], "village_profile"):
            village_profile_set(
                unit=units[code], households=households, residents=residents, has_loudspeaker=loudspeaker
            )
    commune = units["ls-hvt"]
    known_documents = set(GuidingDocument.objects.filter(commune=commune).values_list("code", flat=True))
    for code, issued_on, issuer, title in GUIDING_DOCUMENTS:
        if code not in known_documents:
            guiding_document_put(commune=commune, code=code, issued_on=issued_on, issuer=issuer, title=title)
    known_tasks = set(ScienceTask.objects.filter(commune=commune).values_list("code", flat=True))
    for code, title, host, start, end in SCIENCE_TASKS:
        if code not in known_tasks:
            science_task_put(commune=commune, code=code, title=title, host=host, start_year=start, end_year=end)
    log(f"Danh mục mẫu: thêm {added} cán bộ; dân số {len(VILLAGES)} thôn; văn bản chỉ đạo, nhiệm vụ KH&CN.")
