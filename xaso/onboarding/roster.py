"""A commune's units and people in one XLSX: the Vietnamese template, and reading a filled one.

Reading never writes. The file is checked before it is parsed (xaso/inputs/archives.py: archive
directory, unpacked size, declared sheet sizes), then every cell is read as a value — a cell that
holds a formula is refused, never evaluated nor written back — and every problem is reported
with its sheet, row and column ("Trang “Người dùng”, dòng 7, cột “Vai trò”: …") so that the
officer fixes the file in one go. `roster_check` then resolves the rows against the commune
(units to create or keep, people to create, roles to grant) or lists what stops the import.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from xaso.documents.cells import set_cell as inert
from xaso.inputs.archives import xlsx_refusal
from xaso.units.models import ALLOWED_CHILD_KINDS, Membership, OrgUnit, Role, UnitKind
from xaso.units.services import ROLE_UNIT_KINDS
from xaso.vi.text import fold

MB = 1024 * 1024
MAX_BYTES = 5 * MB
MAX_UNITS = 300
MAX_PEOPLE = 1000
UNITS_SHEET = "Đơn vị"
PEOPLE_SHEET = "Người dùng"
LISTS_SHEET = "Danh mục"
GUIDE_SHEET = "Hướng dẫn"

ERR_NOT_XLSX = "Tệp “{name}” không phải bảng tính Excel (.xlsx). Hãy tải tệp mẫu, điền rồi lưu dạng .xlsx."
ERR_TOO_BIG = "Tệp “{name}” nặng hơn {limit} MB; danh sách đơn vị và người dùng của một xã không lớn như vậy."
ERR_UNREADABLE = "Không đọc được tệp “{name}” như một bảng tính Excel; hãy mở bằng Excel hoặc LibreOffice rồi lưu lại."
ERR_NO_SHEET = "Tệp thiếu trang “{sheet}”. Hãy dùng đúng tệp mẫu."
ERR_MISSING_COLUMN = "Trang “{sheet}”, dòng 1: thiếu cột “{column}”. Hãy dùng đúng tệp mẫu, giữ nguyên dòng tiêu đề."
ERR_TOO_MANY_ROWS = "Trang “{sheet}” có hơn {limit} dòng; một lần nhập tối đa {limit} dòng."
ERR_NOTHING = "Tệp chưa có đơn vị hay người dùng nào (dữ liệu bắt đầu từ dòng 2)."
ERR_CELL = "Trang “{sheet}”, dòng {row}, cột “{column}”: {message}"
ERR_REQUIRED = "cần nhập."
ERR_FORMULA = "ô chứa công thức ({formula}); hãy nhập giá trị, không dùng công thức."
ERR_NOT_TEXT_START = "phải bắt đầu bằng chữ cái (không bắt đầu bằng =, +, -, @)."
ERR_TOO_LONG = "dài quá {limit} ký tự."
ERR_CODE = "mã chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ ls-tt-vhxh."
ERR_USERNAME = "tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch dưới, gạch ngang (3–150 ký tự)."
ERR_EMAIL = "“{value}” không phải địa chỉ thư điện tử."
ERR_UNKNOWN_KIND = "không có loại đơn vị “{value}” (xem trang “Danh mục”)."
ERR_UNKNOWN_ROLE = "không có vai trò “{value}” (xem trang “Danh mục”)."
ERR_PROVINCE_ROLE = "vai trò “{value}” là của cấp tỉnh, không giao trong danh sách của xã."
ERR_DUPLICATE = "trùng với dòng {other}."
ERR_CODE_TAKEN = "mã “{code}” đã là của đơn vị “{unit}” ngoài xã này."
ERR_KIND_CHANGED = "đơn vị “{unit}” đã có trong xã với loại “{kind}”; không đổi loại bằng tệp nhập."
ERR_PARENT_MISSING = "không có đơn vị “{value}” trong trang “Đơn vị” hay trong xã."
ERR_PARENT_KIND = "không thể đặt {child} trực thuộc {parent}."
ERR_UNIT_MISSING = "không có đơn vị “{value}” trong trang “Đơn vị” hay trong xã."
ERR_ROLE_UNIT = "vai trò “{role}” không giao được cho {unit} ({kind})."
ERR_USERNAME_TAKEN = "tên đăng nhập “{value}” đã có người dùng khác (ngoài xã này) dùng."
ERR_EMAIL_TAKEN = "thư điện tử “{value}” đã là của một người dùng khác."

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,149}$")
CODE = re.compile(r"^[a-z0-9][a-z0-9-]{1,63}$")
COMMUNE_CHILD_KINDS = (UnitKind.OFFICE, UnitKind.SCHOOL, UnitKind.VILLAGE, UnitKind.ENTERPRISE, UnitKind.ORGANISATION)
COMMUNE_ROLES = (Role.PROGRAMME_OWNER, Role.LEADER, Role.REPORTER, Role.PORTAL_EDITOR)
ROLE_NAMES = {
    Role.PROGRAMME_OWNER: "Chủ trì chương trình",
    Role.LEADER: "Lãnh đạo",
    Role.REPORTER: "Cán bộ báo cáo",
    Role.PORTAL_EDITOR: "Biên tập viên",
}
KIND_NAMES = {
    UnitKind.OFFICE: "Phòng, đơn vị thuộc UBND xã",
    UnitKind.SCHOOL: "Trường học",
    UnitKind.VILLAGE: "Thôn, bản, tổ dân phố",
    UnitKind.ENTERPRISE: "Doanh nghiệp, hợp tác xã",
    UnitKind.ORGANISATION: "Tổ chức chính trị - xã hội",
}


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int
    required: bool = False
    limit: int = 255


UNIT_COLUMNS = (
    Column("code", "Mã đơn vị", 22, limit=64),
    Column("name", "Tên đơn vị", 44, required=True),
    Column("short_name", "Tên viết tắt", 20, limit=64),
    Column("kind", "Loại đơn vị", 30, required=True),
    Column("parent", "Trực thuộc", 26),
)
PEOPLE_COLUMNS = (
    Column("full_name", "Họ và tên", 28, required=True, limit=150),
    Column("username", "Tên đăng nhập", 20, required=True, limit=150),
    Column("email", "Thư điện tử", 30, limit=254),
    Column("unit", "Đơn vị", 34, required=True),
    Column("roles", "Vai trò", 28, required=True),
    Column("position", "Chức vụ", 30, limit=128),
)


class RosterError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Row:
    sheet: str
    row: int
    values: dict[str, str]


@dataclass
class Roster:
    units: list[Row]
    people: list[Row]


# -- the template ------------------------------------------------------------------------------


def template_workbook(*, commune: OrgUnit) -> bytes:
    """The template, pre-filled with the commune's units and people already in Xã số."""
    book = Workbook()
    units_sheet = book.active
    units_sheet.title = UNITS_SHEET
    people_sheet = book.create_sheet(PEOPLE_SHEET)
    _header(units_sheet, UNIT_COLUMNS)
    _header(people_sheet, PEOPLE_COLUMNS)
    units = list(OrgUnit.objects.filter(commune=commune).exclude(pk=commune.pk).order_by("path"))
    for number, unit in enumerate(units, start=2):
        unit_values = (unit.code, unit.name, unit.short_name, KIND_NAMES.get(UnitKind(unit.kind), unit.kind_label), "")
        for column, value in enumerate(unit_values, start=1):
            inert(units_sheet.cell(row=number, column=column), value)
    people: dict[int, list[Membership]] = {}
    for membership in (
        Membership.objects.filter(unit__commune=commune)
        .select_related("user", "unit")
        .order_by("user__last_name", "user__first_name", "pk")
    ):
        people.setdefault(membership.user_id, []).append(membership)
    for number, memberships in enumerate(people.values(), start=2):
        user = memberships[0].user
        unit = memberships[0].unit
        roles = "; ".join(ROLE_NAMES.get(Role(m.role), m.role) for m in memberships if m.unit_id == unit.pk)
        person_values = (user.get_full_name(), user.username, user.email, unit.code, roles, memberships[0].position)
        for column, value in enumerate(person_values, start=1):
            inert(people_sheet.cell(row=number, column=column), value)

    lists = book.create_sheet(LISTS_SHEET)
    for column, (title, values) in enumerate(
        (
            ("Loại đơn vị", list(KIND_NAMES.values())),
            ("Vai trò", list(ROLE_NAMES.values())),
            ("Đơn vị của xã (mã)", [commune.code, *(u.code for u in units)]),
            ("Tên đơn vị", [commune.name, *(u.name for u in units)]),
        ),
        start=1,
    ):
        inert(lists.cell(row=1, column=column), title).font = Font(bold=True)
        for row, value in enumerate(values, start=2):
            inert(lists.cell(row=row, column=column), value)
        lists.column_dimensions[lists.cell(row=1, column=column).column_letter].width = 36
    kinds = DataValidation(type="list", formula1=f"'{LISTS_SHEET}'!$A$2:$A${len(KIND_NAMES) + 1}", allow_blank=True)
    kinds.error = "Chọn một loại đơn vị trong danh sách."
    kinds.add(f"D2:D{MAX_UNITS + 1}")
    units_sheet.add_data_validation(kinds)

    guide = book.create_sheet(GUIDE_SHEET)
    for row, text in enumerate(GUIDE, start=1):
        inert(guide.cell(row=row, column=1), text).alignment = Alignment(wrap_text=True)
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = Font(bold=True)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GUIDE = (
    "Mẫu nhập đơn vị và người dùng của một xã vào Xã số",
    "Trang “Đơn vị”: mỗi dòng một đơn vị của xã (phòng, trường, thôn, doanh nghiệp, tổ chức). Dòng 1 là tiêu đề, giữ nguyên.",
    "Mã đơn vị có thể để trống: Xã số tự đặt mã theo tên. Loại đơn vị chọn trong danh sách. "
    "“Trực thuộc” để trống nghĩa là trực thuộc UBND xã.",
    "Trang “Người dùng”: mỗi dòng một người. Tên đăng nhập gồm chữ thường không dấu, số, dấu chấm, ví dụ vhxh.lan.",
    "Đơn vị: ghi mã hoặc tên đơn vị (ở trang “Đơn vị” hoặc đã có trong xã); lãnh đạo UBND xã ghi mã hoặc tên của xã.",
    "Vai trò: Chủ trì chương trình (Phòng Văn hóa - Xã hội), Lãnh đạo (UBND xã), Cán bộ báo cáo, Biên tập viên; "
    "nhiều vai trò cách nhau bằng dấu chấm phẩy.",
    "Người có thư điện tử nhận đường dẫn đặt mật khẩu qua thư; người không có thư nhận phiếu in có mã QR.",
    "Không dùng công thức trong các ô. Nếu một dòng có lỗi, cả tệp không được nhập; Xã số liệt kê mọi lỗi theo trang, dòng, cột.",
)


def _header(sheet: Any, columns: tuple[Column, ...]) -> None:
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(columns, start=1):
        cell = inert(sheet.cell(row=1, column=index), column.header + (" *" if column.required else ""))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = column.width
    sheet.freeze_panes = "A2"


# -- reading ---------------------------------------------------------------------------------------


def read_roster(data: bytes, *, name: str) -> Roster:
    """The non-empty rows of both sheets as text; raises RosterError listing every problem."""
    if len(data) > MAX_BYTES:
        raise RosterError([ERR_TOO_BIG.format(name=name, limit=MAX_BYTES // MB)])
    if not data.startswith(b"PK\x03\x04"):
        raise RosterError([ERR_NOT_XLSX.format(name=name)])
    refusal = xlsx_refusal(data, name=name, max_rows=MAX_PEOPLE + 1, max_cols=30)
    if refusal:
        raise RosterError([_with_sheet_titles(refusal, data)])
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds on a broken or foreign file
        raise RosterError([ERR_UNREADABLE.format(name=name)]) from exc
    problems: list[str] = []
    sheets = {fold(title): title for title in book.sheetnames}
    found: dict[str, list[Row]] = {}
    for sheet_name, columns, limit in (
        (UNITS_SHEET, UNIT_COLUMNS, MAX_UNITS),
        (PEOPLE_SHEET, PEOPLE_COLUMNS, MAX_PEOPLE),
    ):
        title = sheets.get(fold(sheet_name))
        if title is None:
            problems.append(ERR_NO_SHEET.format(sheet=sheet_name))
            continue
        found[sheet_name] = _read_sheet(book[title], sheet_name, columns, limit, problems)
    book.close()
    if problems:
        raise RosterError(problems)
    if not found[UNITS_SHEET] and not found[PEOPLE_SHEET]:
        raise RosterError([ERR_NOTHING])
    return Roster(units=found[UNITS_SHEET], people=found[PEOPLE_SHEET])


def _with_sheet_titles(message: str, data: bytes) -> str:
    """The refusal names a worksheet by its part ("sheet2"): name it as the officer sees it."""
    import zipfile

    match = re.search(r"“(sheet\d+)”", message)
    if not match:
        return message
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            workbook = archive.read("xl/workbook.xml")[: 64 * 1024].decode("utf-8", "replace")
            rels = archive.read("xl/_rels/workbook.xml.rels")[: 64 * 1024].decode("utf-8", "replace")
    except (KeyError, zipfile.BadZipFile, OSError):
        return message
    targets = {}
    for tag in re.findall(r"<Relationship\b[^>]*>", rels):
        rid, target = re.search(r'Id="([^"]+)"', tag), re.search(r'Target="([^"]+)"', tag)
        if rid and target:
            targets[rid.group(1)] = target.group(1).rsplit("/", 1)[-1].removesuffix(".xml")
    for tag in re.findall(r"<sheet\b[^>]*>", workbook):
        title, rid = re.search(r'name="([^"]+)"', tag), re.search(r'r:id="([^"]+)"', tag)
        if title and rid and targets.get(rid.group(1)) == match.group(1):
            return message.replace(match.group(0), f"“{title.group(1)}”")
    return message


def _read_sheet(sheet: Any, sheet_name: str, columns: tuple[Column, ...], limit: int, problems: list[str]) -> list[Row]:
    rows = sheet.iter_rows(max_row=limit + 2, max_col=40)
    header = next(rows, ())
    wanted = {fold(c.header): c for c in columns}
    positions: dict[str, int] = {}
    for index, cell in enumerate(header):
        column = wanted.get(fold(str(cell.value or "")).rstrip(" *"))
        if column and column.key not in positions:
            positions[column.key] = index
    missing = [c.header for c in columns if c.required and c.key not in positions]
    if missing:
        problems.extend(ERR_MISSING_COLUMN.format(sheet=sheet_name, column=h) for h in missing)
        return []
    by_key = {c.key: c for c in columns}
    result: list[Row] = []
    for number, cells in enumerate(rows, start=2):
        if number > limit + 1:
            if any(cell.value not in (None, "") for cell in cells):
                problems.append(ERR_TOO_MANY_ROWS.format(sheet=sheet_name, limit=limit))
            break
        values: dict[str, str] = {}
        for key, index in positions.items():
            cell = cells[index] if index < len(cells) else None
            value = getattr(cell, "value", None)
            if getattr(cell, "data_type", "") == "f" or (
                isinstance(value, str)
                and value.startswith("=")
                and len(value) > 1
                and getattr(cell, "data_type", "") != "s"
            ):
                problems.append(
                    ERR_CELL.format(
                        sheet=sheet_name,
                        row=number,
                        column=by_key[key].header,
                        message=ERR_FORMULA.format(formula=str(value)[:40]),
                    )
                )
                values[key] = ""
                continue
            values[key] = _text(value)
        if not any(values.values()):
            continue
        for key, text in values.items():
            column = by_key[key]
            if len(text) > column.limit:
                problems.append(_cell(sheet_name, number, column, ERR_TOO_LONG.format(limit=column.limit)))
        result.append(Row(sheet=sheet_name, row=number, values=values))
    return result


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(str(value).split())


def _cell(sheet: str, row: int, column: Column, message: str) -> str:
    return ERR_CELL.format(sheet=sheet, row=row, column=column.header, message=message)


# -- checking against the commune -------------------------------------------------------------------


@dataclass
class UnitPlan:
    row: int
    code: str
    name: str
    short_name: str
    kind: str
    existing: OrgUnit | None = None


@dataclass
class PersonPlan:
    row: int
    first_name: str
    last_name: str
    username: str
    email: str
    unit_key: str  # a unit code, the commune's code included
    roles: list[str]
    position: str
    existing: Any = None


@dataclass
class RosterPlan:
    units: list[UnitPlan] = field(default_factory=list)
    people: list[PersonPlan] = field(default_factory=list)


def _kind(text: str) -> str | None:
    folded = fold(text)
    for kind in COMMUNE_CHILD_KINDS:
        if folded in (fold(KIND_NAMES[kind]), fold(UnitKind(kind).label), kind.value):
            return kind.value
    aliases = {"phong": "office", "van phong": "office", "truong": "school", "thon": "village", "ban": "village"}
    aliases |= {
        "doanh nghiep": "enterprise",
        "hop tac xa": "enterprise",
        "to chuc": "organisation",
        "hoi": "organisation",
    }
    return aliases.get(folded)


def _roles(text: str) -> tuple[list[str], list[str]]:
    """(role values, problems) of a "Vai trò" cell: several roles separated by ";"."""
    roles: list[str] = []
    problems: list[str] = []
    for part in filter(None, (p.strip() for p in re.split(r"[;,\n]", text))):
        folded = fold(part)
        role = next((r for r in Role if folded in (fold(ROLE_NAMES.get(r, "")), fold(r.label), r.value)), None)
        if role is None:
            problems.append(ERR_UNKNOWN_ROLE.format(value=part))
        elif role not in COMMUNE_ROLES:
            problems.append(ERR_PROVINCE_ROLE.format(value=part))
        elif role.value not in roles:
            roles.append(role.value)
    return roles, problems


def _split_name(full_name: str) -> tuple[str, str]:
    """Vietnamese names read family name first: the given name is the last word."""
    words = full_name.split()
    return (words[-1], " ".join(words[:-1])) if words else ("", "")


def roster_check(roster: Roster, *, commune: OrgUnit) -> RosterPlan:
    """Resolve the rows against the commune; raises RosterError listing every problem."""
    from xaso.intake.units import name_key

    problems: list[str] = []
    plan = RosterPlan()
    existing_units = list(OrgUnit.objects.filter(commune=commune).exclude(pk=commune.pk))
    by_code = {u.code: u for u in existing_units}
    by_name = {name_key(u.name, commune_name=commune.name): u for u in existing_units}
    taken_codes = set(
        OrgUnit.objects.filter(
            code__in=[r.values.get("code", "").lower() for r in roster.units if r.values.get("code")]
        )
        .exclude(commune=commune)
        .values_list("code", "name")
    )
    taken = dict(taken_codes)
    # references: code or folded name -> code, for rows and existing units and the commune itself
    refs: dict[str, str] = {commune.code: commune.code, name_key(commune.name): commune.code}
    refs |= {"uy ban nhan dan": commune.code, "uy ban nhan dan xa": commune.code}
    refs |= {u.code: u.code for u in existing_units} | {k: u.code for k, u in by_name.items()}
    kinds: dict[str, str] = {commune.code: UnitKind.COMMUNE} | {u.code: u.kind for u in existing_units}
    names: dict[str, str] = {commune.code: commune.name} | {u.code: u.name for u in existing_units}
    seen_codes: dict[str, int] = {}
    seen_names: dict[str, int] = {}
    pending_parents: list[tuple[Row, str]] = []
    used_codes = set(by_code) | set(taken)

    def problem(row: Row, key: str, message: str) -> None:
        columns = UNIT_COLUMNS if row.sheet == UNITS_SHEET else PEOPLE_COLUMNS
        column = next(c for c in columns if c.key == key)
        problems.append(_cell(row.sheet, row.row, column, message))

    for row in roster.units:
        v = row.values
        for column in UNIT_COLUMNS:
            if column.required and not v.get(column.key):
                problem(row, column.key, ERR_REQUIRED)
        name, code = v.get("name", ""), v.get("code", "").lower()
        if name and not name[0].isalnum():
            problem(row, "name", ERR_NOT_TEXT_START)
        kind = _kind(v.get("kind", "")) if v.get("kind") else None
        if v.get("kind") and kind is None:
            problem(row, "kind", ERR_UNKNOWN_KIND.format(value=v["kind"]))
        key = name_key(name, commune_name=commune.name) if name else ""
        if key and key in seen_names:
            problem(row, "name", ERR_DUPLICATE.format(other=seen_names[key]))
        seen_names.setdefault(key, row.row)
        existing = by_code.get(code) if code else by_name.get(key)
        if code:
            if not CODE.match(code):
                problem(row, "code", ERR_CODE)
            elif code in seen_codes:
                problem(row, "code", ERR_DUPLICATE.format(other=seen_codes[code]))
            elif code in taken:
                problem(row, "code", ERR_CODE_TAKEN.format(code=code, unit=taken[code]))
            seen_codes.setdefault(code, row.row)
        if existing is not None and kind and existing.kind != kind:
            problem(row, "kind", ERR_KIND_CHANGED.format(unit=existing.name, kind=existing.kind_label))
        if existing is None and not code and name:
            code = _new_code(commune, name, used_codes)
        if existing is not None:
            code = existing.code
        used_codes.add(code)
        if name:
            refs.setdefault(code, code)
            refs.setdefault(key, code)
            kinds[code] = kind or (existing.kind if existing else "")
            names[code] = name
        plan.units.append(UnitPlan(row.row, code, name, v.get("short_name", ""), kind or "", existing))
        if v.get("parent"):
            pending_parents.append((row, code))

    for row, code in pending_parents:
        parent_text = row.values["parent"]
        parent = refs.get(parent_text.lower()) or refs.get(name_key(parent_text, commune_name=commune.name))
        if parent is None:
            problem(row, "parent", ERR_PARENT_MISSING.format(value=parent_text))
        elif parent != commune.code and kinds.get(code) not in ALLOWED_CHILD_KINDS.get(
            kinds.get(parent, ""), frozenset()
        ):
            child = UnitKind(kinds[code]).label.lower() if kinds.get(code) else "đơn vị này"
            problem(row, "parent", ERR_PARENT_KIND.format(child=child, parent=names.get(parent, parent_text)))

    user_model = get_user_model()
    usernames = [r.values.get("username", "").lower() for r in roster.people]
    emails = [r.values.get("email", "").lower() for r in roster.people if r.values.get("email")]
    existing_users = {u.username.lower(): u for u in user_model.objects.filter(username__in=usernames)}
    member_ids = set(Membership.objects.filter(unit__commune=commune).values_list("user_id", flat=True))
    email_owners = {u.email.lower(): u.username.lower() for u in user_model.objects.filter(email__in=emails) if u.email}
    seen_users: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    for row in roster.people:
        v = row.values
        for column in PEOPLE_COLUMNS:
            if column.required and not v.get(column.key):
                problem(row, column.key, ERR_REQUIRED)
        full_name = v.get("full_name", "")
        if full_name and not full_name[0].isalpha():
            problem(row, "full_name", ERR_NOT_TEXT_START)
        username = v.get("username", "").lower()
        user = existing_users.get(username)
        if username:
            if not USERNAME.match(username):
                problem(row, "username", ERR_USERNAME)
            elif username in seen_users:
                problem(row, "username", ERR_DUPLICATE.format(other=seen_users[username]))
            elif user is not None and user.pk not in member_ids:
                problem(row, "username", ERR_USERNAME_TAKEN.format(value=username))
            seen_users.setdefault(username, row.row)
        email = v.get("email", "").lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                problem(row, "email", ERR_EMAIL.format(value=v["email"]))
            else:
                if email in seen_emails:
                    problem(row, "email", ERR_DUPLICATE.format(other=seen_emails[email]))
                elif email in email_owners and email_owners[email] != username:
                    problem(row, "email", ERR_EMAIL_TAKEN.format(value=email))
                seen_emails.setdefault(email, row.row)
        roles, role_problems = _roles(v.get("roles", "")) if v.get("roles") else ([], [])
        for message in role_problems:
            problem(row, "roles", message)
        unit_text = v.get("unit", "")
        unit_code = (
            (refs.get(unit_text.lower()) or refs.get(name_key(unit_text, commune_name=commune.name)))
            if unit_text
            else None
        )
        if unit_text and unit_code is None:
            problem(row, "unit", ERR_UNIT_MISSING.format(value=unit_text))
        if unit_code:
            kind = kinds.get(unit_code, "")
            for role in roles:
                if kind and kind not in ROLE_UNIT_KINDS[Role(role)]:
                    kind_label = UnitKind(kind).label.lower()
                    problem(
                        row,
                        "roles",
                        ERR_ROLE_UNIT.format(
                            role=ROLE_NAMES[Role(role)], unit=names.get(unit_code, unit_text), kind=kind_label
                        ),
                    )
        first, last = _split_name(full_name)
        plan.people.append(
            PersonPlan(row.row, first, last, username, email, unit_code or "", roles, v.get("position", ""), user)
        )
    if problems:
        raise RosterError(problems)
    return plan


def _new_code(commune: OrgUnit, name: str, used: set[str]) -> str:
    from django.utils.text import slugify

    from xaso.intake.units import name_key

    base = f"{commune.code}-{slugify(name_key(name, commune_name=commune.name))}"[:60].rstrip("-")
    code, n = base, 2
    while code in used or OrgUnit.objects.filter(code=code).exists():
        code = f"{base[:57]}-{n}"
        n += 1
    return code
