"""The template: Vietnamese headers, the lists to choose from, what the commune already has — read
back with openpyxl; text that looks like a formula stays text."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaso.units.services import unit_create

pytestmark = pytest.mark.django_db


def test_the_template_has_both_sheets_with_vietnamese_headers(demo, tan_tien, client_for):
    response = client_for(demo.hoa).get(reverse("onboarding_template", args=[tan_tien.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="don-vi-nguoi-dung-ls-tan-tien.xlsx"'
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Đơn vị", "Người dùng", "Danh mục", "Hướng dẫn"]
    assert [c.value for c in book["Đơn vị"][1]] == [
        "Mã đơn vị",
        "Tên đơn vị *",
        "Tên viết tắt",
        "Loại đơn vị *",
        "Trực thuộc",
    ]
    assert [c.value for c in book["Người dùng"][1]] == [
        "Họ và tên *",
        "Tên đăng nhập *",
        "Thư điện tử",
        "Đơn vị *",
        "Vai trò *",
        "Chức vụ",
    ]
    lists = book["Danh mục"]
    assert [lists.cell(row=r, column=2).value for r in range(2, 6)] == [
        "Chủ trì chương trình",
        "Lãnh đạo",
        "Cán bộ báo cáo",
        "Biên tập viên",
    ]
    assert lists.cell(row=2, column=3).value == "ls-tan-tien"


def test_existing_units_are_prefilled_and_formula_like_names_stay_text(demo, tan_tien, client_for):
    unit_create(code="ls-tan-tien-x", name='=HYPERLINK("http://x.example","Bấm")', kind="office", parent=tan_tien)
    content = client_for(demo.hoa).get(reverse("onboarding_template", args=[tan_tien.pk])).content
    sheet = load_workbook(io.BytesIO(content))["Đơn vị"]
    cell = sheet.cell(row=2, column=2)
    assert cell.value == '=HYPERLINK("http://x.example","Bấm")'
    assert cell.data_type == "s"
    assert cell.quotePrefix


@pytest.mark.parametrize("persona", ["quang", "thu", "outsider"])
def test_others_do_not_get_it(demo, tan_tien, client_for, persona):
    response = client_for(getattr(demo, persona)).get(reverse("onboarding_template", args=[tan_tien.pk]))
    assert response.status_code in (302, 403, 404)
