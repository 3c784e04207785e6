"""Spreadsheets of units and people for tests and the browser journey, written with openpyxl as an
officer's Excel would save them."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook

UNIT_HEADERS = ["Mã đơn vị", "Tên đơn vị *", "Tên viết tắt", "Loại đơn vị *", "Trực thuộc"]
PEOPLE_HEADERS = ["Họ và tên *", "Tên đăng nhập *", "Thư điện tử", "Đơn vị *", "Vai trò *", "Chức vụ"]

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vi", "Nông", "Lương", "Đinh", "Chu"]
MIDDLE = ["Thị", "Văn", "Đức", "Minh", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Linh", "Mai", "Nam", "Phúc", "Quân"]


def workbook(
    units: list[list[Any]],
    people: list[list[Any]],
    *,
    unit_headers: list[str] | None = None,
    people_headers: list[str] | None = None,
) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "Đơn vị"
    sheet.append(unit_headers or UNIT_HEADERS)
    for row in units:
        sheet.append(row)
    people_sheet = book.create_sheet("Người dùng")
    people_sheet.append(people_headers or PEOPLE_HEADERS)
    for row in people:
        people_sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def commune_roster(
    prefix: str, *, units: int = 30, people: int = 60, emails: bool = True
) -> tuple[list[list[Any]], list[list[Any]]]:
    """A commune's 30 units and 60 people: the Culture–Social office, other offices, schools, villages,
    enterprises and organisations; a leader, the programme owner, a portal editor and reporters.
    Every third person has no e-mail (they get a printed sheet)."""
    unit_rows: list[list[Any]] = [
        [f"{prefix}-vhxh", "Phòng Văn hóa - Xã hội", "Phòng VH-XH", "Phòng, đơn vị thuộc UBND xã", ""],
        [f"{prefix}-vp", "Văn phòng HĐND và UBND xã", "Văn phòng", "Phòng, đơn vị thuộc UBND xã", ""],
        [f"{prefix}-kt", "Phòng Kinh tế", "", "Phòng, đơn vị thuộc UBND xã", ""],
        [f"{prefix}-mn", "Trường Mầm non Tân Tiến", "", "Trường học", ""],
        [f"{prefix}-th", "Trường Tiểu học Tân Tiến", "", "Trường học", ""],
        [f"{prefix}-thcs", "Trường THCS Tân Tiến", "", "Trường học", ""],
    ]
    kinds = [
        ("Thôn", "Thôn, bản, tổ dân phố"),
        ("Hợp tác xã", "Doanh nghiệp, hợp tác xã"),
        ("Hội", "Tổ chức chính trị - xã hội"),
    ]
    n = 0
    while len(unit_rows) < units:
        word, kind = kinds[n % 3]
        unit_rows.append(["", f"{word} số {n // 3 + 1}", "", kind, ""])
        n += 1
    people_rows: list[list[Any]] = [
        ["Hoàng Văn Thắng", f"{prefix}.ct", f"{prefix}.ct@xa.example", f"{prefix}", "Lãnh đạo", "Phó Chủ tịch UBND xã"],
        [
            "Nguyễn Thị Hằng",
            f"{prefix}.vhxh",
            f"{prefix}.vhxh@xa.example",
            "Phòng VH-XH",
            "Chủ trì chương trình",
            "Chuyên viên",
        ],
        ["Lê Thị Ngọc", f"{prefix}.bientap", "", "Phòng Văn hóa - Xã hội", "Biên tập viên; Cán bộ báo cáo", ""],
    ]
    names = [
        row[1] for row in unit_rows if row[3] != "Phòng, đơn vị thuộc UBND xã" or row[1] != "Phòng Văn hóa - Xã hội"
    ]
    k = 0
    while len(people_rows) < people:
        full = f"{FAMILY[k % 10]} {MIDDLE[k % 5]} {GIVEN[k % 12]}"
        username = f"{prefix}.nguoi{k + 1:02d}"
        email = f"{username}@xa.example" if emails and k % 3 else ""
        people_rows.append([full, username, email, names[k % len(names)], "Cán bộ báo cáo", ""])
        k += 1
    return unit_rows, people_rows
