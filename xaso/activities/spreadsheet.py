"""Bulk entry of activities by XLSX: the Vietnamese template, and reading a filled one back.

Reading never writes: it returns either every row ready for activities.services, or the
list of problems, each naming its row and column ("Dòng 5, cột “Ngày thực hiện”: …"),
so that a file with one bad row imports nothing and the person fixes it in one go.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import time
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from xaso.activities.models import ERR_NEGATIVE, Activity, ActivityKind, ActivityStatus, Audience
from xaso.activities.rules import relation_problems
from xaso.documents.cells import set_cell
from xaso.inputs.archives import xlsx_refusal
from xaso.plans.models import Task
from xaso.units.models import OrgUnit
from xaso.units.selectors import UserLike, units_writable
from xaso.vi.text import fold

MAX_ROWS = 2000
# Columns read from each row: the template has 14; a filled copy may gain a few notes beside them.
MAX_COLUMNS = 60
# What a worksheet may declare before it is opened: room for formatted empty rows, not a bomb.
MAX_DECLARED_ROWS = 20 * MAX_ROWS
MAX_DECLARED_COLUMNS = 1000
# Reading stops after this long (the directory checks make it unreachable for honest files).
READ_SECONDS = 20.0
SHEET = "Hoạt động"
LISTS = "Danh mục"

ERR_NOT_XLSX = "Tệp không đọc được như một bảng tính Excel (.xlsx). Hãy tải mẫu, điền rồi lưu lại dạng .xlsx."
ERR_MISSING_COLUMN = "Dòng 1: thiếu cột “{column}”. Hãy dùng đúng tệp mẫu."
ERR_NO_ROWS = "Tệp không có dòng hoạt động nào (dữ liệu bắt đầu từ dòng 2)."
ERR_TOO_MANY_ROWS = "Tệp có {count} dòng; mỗi lần nhập tối đa {limit} dòng."
ERR_TOO_SLOW = "Tệp đọc quá lâu (quá {seconds} giây) nên đã dừng; hãy bỏ các trang, dòng, cột thừa rồi nhập lại."
ERR_CELL = "Dòng {row}, cột “{column}”: {message}"
ERR_ROW = "Dòng {row}: {message}"
ERR_REQUIRED = "cần nhập."
ERR_DATE = "“{value}” không phải là ngày (ghi theo dạng ngày/tháng/năm, ví dụ 05/03/2026)."
ERR_INTEGER = "“{value}” không phải là số nguyên."
ERR_UNKNOWN_KIND = "không có loại hoạt động “{value}” (xem trang “Danh mục”)."
ERR_UNKNOWN_AUDIENCE = "không có đối tượng “{value}” (xem trang “Danh mục”)."
ERR_UNKNOWN_UNIT = "không có đơn vị “{value}” trong các đơn vị bạn được ghi nhận hoạt động."
ERR_UNKNOWN_TASK = "không có nhiệm vụ “{value}” trong kế hoạch của xã."


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 16
    required: bool = False
    # Headers of earlier templates, still read so that a file downloaded before a rename imports.
    former: tuple[str, ...] = ()


COLUMNS = (
    Column("unit", "Đơn vị (mã)", 22, required=True),
    Column("kind", "Loại hoạt động", 34, required=True),
    Column("title", "Tên hoạt động", 44, required=True),
    Column("date_start", "Ngày thực hiện", 14, required=True),
    Column("date_end", "Đến ngày", 14),
    Column("tasks", "Nhiệm vụ (mã, cách nhau bằng dấu ;)", 22, former=("Nhiệm vụ (mã, cách nhau bởi dấu ;)",)),
    Column("audience", "Đối tượng chính", 30, required=True),
    Column("participants", "Số người tham dự", 12),
    Column("officials", "Trong đó: cán bộ, công chức, viên chức, NLĐ", 14, former=("Trong đó: cán bộ, CC, VC, NLĐ",)),
    Column("pupils", "Trong đó: học sinh", 12),
    Column("residents", "Trong đó: người dân", 12),
    Column("reach", "Lượt xem, lượt nghe", 12),
    Column("description", "Mô tả ngắn", 40),
    Column("url", "Đường dẫn", 30),
)
BY_KEY = {column.key: column for column in COLUMNS}
INTEGER_KEYS = ("participants", "officials", "pupils", "residents", "reach")


class SpreadsheetError(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ActivityRow:
    row: int
    values: dict[str, Any] = field(default_factory=dict)


# -- the template ---------------------------------------------------------------------------


def template_workbook(*, user: UserLike) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    bold, fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
    for index, column in enumerate(COLUMNS, start=1):
        cell = set_cell(sheet.cell(row=1, column=index), column.header + (" *" if column.required else ""))
        cell.font, cell.fill = bold, fill
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[cell.column_letter].width = column.width
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"

    lists = book.create_sheet(LISTS)
    units = list(units_writable(user=user).exclude(commune=None).order_by("path"))
    tasks = list(
        Task.objects.filter(plan__commune__in={u.commune_id for u in units}, plan__is_active=True).order_by(
            "plan", "group__number", "sort_order"
        )
    )
    _list(lists, 1, "Loại hoạt động", [kind.label for kind in ActivityKind])
    _list(lists, 2, "Đối tượng chính", [audience.label for audience in Audience])
    _list(lists, 4, "Mã đơn vị", [unit.code for unit in units])
    _list(lists, 5, "Tên đơn vị", [unit.name for unit in units])
    _list(lists, 7, "Mã nhiệm vụ", [task.code for task in tasks])
    _list(lists, 8, "Nội dung nhiệm vụ", [task.text for task in tasks])
    for letter, width in (("A", 60), ("B", 42), ("D", 22), ("E", 40), ("G", 12), ("H", 90)):
        lists.column_dimensions[letter].width = width

    _choice(sheet, "B", f"'{LISTS}'!$A$2:$A${len(ActivityKind) + 1}")
    _choice(sheet, "G", f"'{LISTS}'!$B$2:$B${len(Audience) + 1}")
    if units:
        _choice(sheet, "A", f"'{LISTS}'!$D$2:$D${len(units) + 1}")
    dates = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
    dates.error = "Ghi ngày theo dạng ngày/tháng/năm."
    dates.add(f"D2:E{MAX_ROWS + 1}")
    counts = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
    counts.error = "Nhập số nguyên không âm."
    counts.add(f"H2:L{MAX_ROWS + 1}")
    sheet.add_data_validation(dates)
    sheet.add_data_validation(counts)
    for letter in ("D", "E"):
        sheet.column_dimensions[letter].number_format = "DD/MM/YYYY"

    guide = book.create_sheet("Hướng dẫn")
    for row, text in enumerate(GUIDE, start=1):
        set_cell(guide.cell(row=row, column=1), text).alignment = Alignment(wrap_text=True)
    guide.column_dimensions["A"].width = 110
    guide["A1"].font = bold

    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


GUIDE = (
    "Mẫu nhập hoạt động truyền thông thực hiện Nghị quyết số 57-NQ/TW",
    "Mỗi dòng của trang “Hoạt động” là một hoạt động đã diễn ra; dòng 1 là tiêu đề, giữ nguyên.",
    "Cột có dấu * là bắt buộc. Loại hoạt động, đối tượng chính, mã đơn vị: chọn trong danh sách (trang “Danh mục”).",
    "Ngày ghi theo dạng ngày/tháng/năm, nằm trong thời gian của chương trình và không sau hôm nay.",
    "Nhiệm vụ: ghi mã nhiệm vụ của kế hoạch, nhiều nhiệm vụ cách nhau bằng dấu chấm phẩy, ví dụ: NV-2.1; NV-2.2.",
    "Số cán bộ, học sinh, người dân cộng lại không lớn hơn số người tham dự.",
    "Nếu một dòng có lỗi, cả tệp không được nhập; Xã số liệt kê mọi lỗi theo dòng và cột để sửa một lần.",
    "Ảnh, danh sách ký nhận và tài liệu minh chứng được đính kèm sau, trong trang của từng hoạt động.",
)


def _list(sheet: Any, column: int, header: str, values: list[str]) -> None:
    set_cell(sheet.cell(row=1, column=column), header).font = Font(bold=True)
    for row, value in enumerate(values, start=2):
        # Unit names and task texts are typed by people: inert text, never a formula.
        set_cell(sheet.cell(row=row, column=column), value)


def _choice(sheet: Any, letter: str, formula: str) -> None:
    validation = DataValidation(type="list", formula1=formula, allow_blank=True)
    validation.error = "Chọn một giá trị trong danh sách."
    validation.add(f"{letter}2:{letter}{MAX_ROWS + 1}")
    sheet.add_data_validation(validation)


# -- reading a filled template -------------------------------------------------------------------


def read_rows(data: bytes, *, name: str = "tệp", seconds: float = READ_SECONDS) -> list[ActivityRow]:
    """The non-empty rows of the first sheet, keyed by column; raises SpreadsheetError.

    The archive is checked from its directory first (xaso.inputs.archives: sizes, ratio, parts,
    declared sheet dimensions), then read with a time budget."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SpreadsheetError([ERR_NOT_XLSX])
    refusal = xlsx_refusal(data, name=name, max_rows=MAX_DECLARED_ROWS, max_cols=MAX_DECLARED_COLUMNS)
    if refusal:
        raise SpreadsheetError([refusal])
    deadline = time.monotonic() + seconds
    raw: list[tuple[Any, ...]] = []
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            sheet = book[SHEET] if SHEET in book.sheetnames else book.worksheets[0]
            for values in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 50, max_col=MAX_COLUMNS):
                if time.monotonic() > deadline:
                    raise SpreadsheetError([ERR_TOO_SLOW.format(seconds=int(seconds))])
                raw.append(values)
        finally:
            book.close()
    except SpreadsheetError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a broken or foreign file
        raise SpreadsheetError([ERR_NOT_XLSX]) from exc
    if not raw:
        raise SpreadsheetError([ERR_NO_ROWS])
    positions = _header_positions(raw[0])
    missing = [column.header for column in COLUMNS if column.required and column.key not in positions]
    if missing:
        raise SpreadsheetError([ERR_MISSING_COLUMN.format(column=header) for header in missing])
    rows = []
    for number, values in enumerate(raw[1:], start=2):
        cells = {key: values[index] if index < len(values) else None for key, index in positions.items()}
        if all(value is None or str(value).strip() == "" for value in cells.values()):
            continue
        rows.append(ActivityRow(row=number, values=cells))
    if not rows:
        raise SpreadsheetError([ERR_NO_ROWS])
    if len(rows) > MAX_ROWS:
        raise SpreadsheetError([ERR_TOO_MANY_ROWS.format(count=len(rows), limit=MAX_ROWS)])
    return rows


def _header_positions(header: tuple[Any, ...]) -> dict[str, int]:
    wanted = {fold(header): column.key for column in COLUMNS for header in (column.header, *column.former)}
    positions: dict[str, int] = {}
    for index, value in enumerate(header):
        key = wanted.get(fold(str(value or "")).rstrip(" *"))
        if key and key not in positions:
            positions[key] = index
    return positions


@dataclass
class _Lookups:
    units: dict[str, OrgUnit]
    tasks: dict[tuple[int, str], Task]
    kinds: dict[str, str]
    audiences: dict[str, str]


def _lookups(*, user: UserLike) -> _Lookups:
    units = list(units_writable(user=user).exclude(commune=None))
    by_name: dict[str, OrgUnit] = {}
    for unit in units:
        by_name[fold(unit.code)] = unit
        by_name.setdefault(fold(unit.name), unit)
    tasks = Task.objects.filter(plan__commune__in={u.commune_id for u in units}, plan__is_active=True).select_related(
        "plan"
    )
    return _Lookups(
        units=by_name,
        tasks={(task.plan.commune_id, fold(task.code)): task for task in tasks},
        kinds={fold(k.label): k.value for k in ActivityKind} | {k.value: k.value for k in ActivityKind},
        audiences={fold(a.label): a.value for a in Audience} | {a.value: a.value for a in Audience},
    )


def validate_rows(rows: list[ActivityRow], *, user: UserLike) -> list[dict[str, Any]]:
    """Each row as keyword arguments of activity_record; raises SpreadsheetError listing every problem."""
    lookups = _lookups(user=user)
    problems: list[str] = []
    records = []
    for row in rows:
        record, row_problems = _validate_row(row, lookups)
        problems += row_problems
        records.append(record)
    if problems:
        raise SpreadsheetError(problems)
    return records


def _validate_row(row: ActivityRow, lookups: _Lookups) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []

    def problem(key: str, message: str) -> None:
        problems.append(ERR_CELL.format(row=row.row, column=BY_KEY[key].header, message=message))

    text = {key: _text(row.values.get(key)) for key in BY_KEY}
    for column in COLUMNS:
        if column.required and not text[column.key]:
            problem(column.key, ERR_REQUIRED)
    record: dict[str, Any] = {"title": text["title"], "description": text["description"], "url": text["url"]}
    record["status"] = ActivityStatus.RECORDED

    unit = lookups.units.get(fold(text["unit"])) if text["unit"] else None
    if text["unit"] and unit is None:
        problem("unit", ERR_UNKNOWN_UNIT.format(value=text["unit"]))
    record["unit"] = unit
    for key, table, message in (
        ("kind", lookups.kinds, ERR_UNKNOWN_KIND),
        ("audience", lookups.audiences, ERR_UNKNOWN_AUDIENCE),
    ):
        value = table.get(fold(text[key])) if text[key] else None
        if text[key] and value is None:
            problem(key, message.format(value=text[key]))
        record[key] = value
    for key in ("date_start", "date_end"):
        value = row.values.get(key)
        try:
            record[key] = _date(value)
        except ValueError:
            problem(key, ERR_DATE.format(value=text[key]))
            record[key] = None
    for key in INTEGER_KEYS:
        try:
            number = _integer(row.values.get(key))
        except ValueError:
            problem(key, ERR_INTEGER.format(value=text[key]))
            number = None
        if number is not None and number < 0:
            problem(key, ERR_NEGATIVE)
        record[key] = number if key == "reach" else (number or 0)

    tasks = []
    for code in filter(None, (part.strip() for part in re.split(r"[;,\n]", text["tasks"]))):
        task = lookups.tasks.get((unit.commune_id, fold(code))) if unit else None
        if unit and task is None:
            problem("tasks", ERR_UNKNOWN_TASK.format(value=code))
        elif task:
            tasks.append(task)
    record["tasks"] = tasks

    if not problems:
        problems += _model_problems(row.row, record)
    return record, problems


def _model_problems(row: int, record: dict[str, Any]) -> list[str]:
    """The rules of the model and the services, run on an unsaved activity."""
    fields = {key: value for key, value in record.items() if key != "tasks"}
    activity = Activity(**fields, commune_id=record["unit"].commune_id)
    errors: dict[str, list[str]] = {}
    try:
        activity.full_clean(exclude=["commune"])
    except ValidationError as exc:
        errors = exc.message_dict
    for key, message in relation_problems(
        commune_id=activity.commune_id,
        tasks=record["tasks"],
        attendees=[],
        guiding_documents=[],
        science_tasks=[],
        officials=activity.officials,
    ).items():
        errors.setdefault(key, []).append(message)
    problems = []
    for key, messages in errors.items():
        for message in messages:
            if key in BY_KEY:
                problems.append(ERR_CELL.format(row=row, column=BY_KEY[key].header, message=message))
            else:
                problems.append(ERR_ROW.format(row=row, message=message))
    return problems


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


DATE_PATTERNS = ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")


def _date(value: Any) -> dt.date | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    for pattern in DATE_PATTERNS:
        try:
            return dt.datetime.strptime(text, pattern).date()  # noqa: DTZ007 - a calendar date, no time zone
        except ValueError:
            continue
    raise ValueError(text)


def _integer(value: Any) -> int | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(".", "").replace(" ", "")
    if re.fullmatch(r"-?\d+", text):
        return int(text)
    raise ValueError(value)
