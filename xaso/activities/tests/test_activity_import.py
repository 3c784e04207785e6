"""Bulk entry by XLSX: the Vietnamese template, row-by-row messages, and nothing half-imported."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from xaso.activities.models import ERR_NEGATIVE, Activity
from xaso.activities.rules import ERR_DATE_OUTSIDE
from xaso.activities.spreadsheet import (
    ERR_CELL,
    ERR_MISSING_COLUMN,
    ERR_NOT_XLSX,
    ERR_UNKNOWN_KIND,
    ERR_UNKNOWN_TASK,
    ERR_UNKNOWN_UNIT,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

IMPORT = "activities_import"
TEMPLATE = "activities_template"


def template_for(client):
    response = client.get(reverse(TEMPLATE))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def upload(client, book, name="hoat-dong.xlsx"):
    buffer = io.BytesIO()
    book.save(buffer)
    return client.post(reverse(IMPORT), {"file": SimpleUploadedFile(name, buffer.getvalue())})


GOOD = [
    "ls-hvt-thcs",
    "Hoạt động ngoại khóa trong trường học",
    "Ngày hội STEM",
    dt.date(2026, 4, 8),
    None,
    "NV-2.1; NV-2.2",
    "Giáo viên và học sinh",
    320,
    20,
    300,
    0,
    None,
    "Học sinh trình bày sản phẩm",
    None,
]


def test_the_template_lists_only_the_reporters_own_unit_and_the_plan_tasks(demo, client_for):
    book = template_for(client_for(demo.mai))
    assert book.sheetnames == ["Hoạt động", "Danh mục", "Hướng dẫn"]
    header = [cell.value for cell in book["Hoạt động"][1]]
    assert header[:4] == ["Đơn vị (mã) *", "Loại hoạt động *", "Tên hoạt động *", "Ngày thực hiện *"]
    lists = book["Danh mục"]
    units = [row[0] for row in lists.iter_rows(min_row=2, min_col=4, max_col=4, values_only=True) if row[0]]
    assert units == ["ls-hvt-thcs"]
    tasks = [row[0] for row in lists.iter_rows(min_row=2, min_col=7, max_col=7, values_only=True) if row[0]]
    assert "NV-2.1" in tasks
    assert len(tasks) == 17


def test_a_filled_template_imports_every_row(demo, client_for):
    client = client_for(demo.mai)
    book = template_for(client)
    sheet = book["Hoạt động"]
    sheet.append(GOOD)
    sheet.append(["ls-hvt-thcs", "hoi nghi, toa dam", "Tọa đàm chuyển đổi số", "15/05/2026", "16/05/2026"])
    sheet["G3"] = "Cán bộ, công chức, viên chức, người lao động"
    response = upload(client, book)
    assert response.status_code == 302, response.context["problems"]
    assert Activity.objects.count() == 2
    stem = Activity.objects.get(title="Ngày hội STEM")
    assert set(stem.tasks.values_list("code", flat=True)) == {"NV-2.1", "NV-2.2"}
    assert (stem.participants, stem.pupils, stem.serves_schools) == (320, 300, True)
    assert stem.created_by == demo.mai
    assert Activity.objects.get(title="Tọa đàm chuyển đổi số").date_end == dt.date(2026, 5, 16)


def test_a_template_downloaded_before_its_headers_were_renamed_still_imports(demo, client_for):
    client = client_for(demo.mai)
    book = template_for(client)
    sheet = book["Hoạt động"]
    for cell in sheet[1]:
        cell.value = {
            "Nhiệm vụ (mã, cách nhau bằng dấu ;)": "Nhiệm vụ (mã, cách nhau bởi dấu ;)",
            "Trong đó: cán bộ, công chức, viên chức, NLĐ": "Trong đó: cán bộ, CC, VC, NLĐ",
        }.get(cell.value, cell.value)
    sheet.append(GOOD)
    response = upload(client, book)
    assert response.status_code == 302, response.context["problems"]
    stem = Activity.objects.get(title="Ngày hội STEM")
    assert set(stem.tasks.values_list("code", flat=True)) == {"NV-2.1", "NV-2.2"}
    assert stem.officials == 20


def test_one_bad_row_imports_nothing_and_every_problem_names_its_row_and_column(demo, client_for):
    client = client_for(demo.mai)
    book = template_for(client)
    sheet = book["Hoạt động"]
    sheet.append(GOOD)
    sheet.append([*GOOD[:7], -5, 0, 0])
    sheet.append([*GOOD[:3], dt.date(2024, 11, 2), *GOOD[4:]])
    sheet.append(["ls-hvt-th", "Múa rối", *GOOD[2:5], "NV-9.9", *GOOD[6:]])
    response = upload(client, book)
    assert response.status_code == 400
    problems = response.context["problems"]
    assert ERR_CELL.format(row=3, column="Số người tham dự", message=ERR_NEGATIVE) in problems
    outside = ERR_DATE_OUTSIDE.format(date="02/11/2024", start=2025, end=2030)
    assert ERR_CELL.format(row=4, column="Ngày thực hiện", message=outside) in problems
    assert ERR_CELL.format(row=5, column="Đơn vị (mã)", message=ERR_UNKNOWN_UNIT.format(value="ls-hvt-th")) in problems
    assert ERR_CELL.format(row=5, column="Loại hoạt động", message=ERR_UNKNOWN_KIND.format(value="Múa rối")) in problems
    assert not Activity.objects.exists()


def test_an_unknown_task_code_is_named(demo, client_for):
    client = client_for(demo.mai)
    book = template_for(client)
    book["Hoạt động"].append([*GOOD[:5], "NV-2.1; NV-7", *GOOD[6:]])
    response = upload(client, book)
    column = "Nhiệm vụ (mã, cách nhau bằng dấu ;)"
    assert response.context["problems"] == [
        ERR_CELL.format(row=2, column=column, message=ERR_UNKNOWN_TASK.format(value="NV-7"))
    ]
    assert not Activity.objects.exists()


def test_a_broken_file_is_refused_with_a_message(demo, client_for):
    client = client_for(demo.mai)
    good = io.BytesIO()
    template_for(client).save(good)
    for content in (b"this is not a spreadsheet", good.getvalue()[:500]):
        response = client.post(reverse(IMPORT), {"file": SimpleUploadedFile("hong.xlsx", content)})
        assert response.status_code == 400
        assert response.context["problems"] == [ERR_NOT_XLSX]
    assert not Activity.objects.exists()


def test_a_sheet_without_the_template_columns_is_refused(demo, client_for):
    client = client_for(demo.mai)
    book = template_for(client)
    book["Hoạt động"]["C1"] = "Tên"
    book["Hoạt động"].append(GOOD)
    response = upload(client, book)
    assert response.context["problems"] == [ERR_MISSING_COLUMN.format(column="Tên hoạt động")]


@pytest.mark.parametrize("persona", ["hung", "quang", "linh", "outsider"])
def test_who_writes_no_activity_cannot_import(demo, client_for, persona):
    client = client_for(getattr(demo, persona))
    assert client.get(reverse(IMPORT)).status_code in (302, 403)
    assert client.get(reverse(TEMPLATE)).status_code in (302, 403)
