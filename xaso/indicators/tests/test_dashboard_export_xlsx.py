"""The programme dashboard's workbook, as Lan (Culture-Social office) downloads it for 2026 and opens it in
LibreOffice or Excel: figures are numbers, percentages are fractions shown as percentages, months are
dates, the header stays in view, wrapped texts get rows tall enough, and each sheet holds its period only."""

import datetime as dt
import io
import re

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from xaso.activities.models import ActivityKind
from xaso.activities.services import activity_record
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    # 20 November 2026, 09:00 in Hà Nội.
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


@pytest.fixture
def workbook(demo, client_for):
    napan = OrgUnit.objects.get(code="ls-hvt-t-napan")
    for day in (dt.date(2025, 12, 15), dt.date(2026, 3, 9), dt.date(2026, 3, 20)):
        activity_record(
            unit=napan,
            kind=ActivityKind.CONFERENCE,
            title="Họp thôn phổ biến chuyển đổi số",
            date_start=day,
            tasks=[demo.plan.tasks.get(code="NV-1.1")],
            audience="residents",
            participants=40,
            residents=40,
        )
    response = client_for(demo.lan).get(reverse("indicators_export", args=["xlsx"]), {"ky": "2026"})
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def test_the_months_of_2026_are_dates_of_2026_only(workbook):
    sheet = workbook["Theo tháng"]
    months = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert months, "no month at all"
    assert all(cell.is_date and cell.number_format == "mm/yyyy" for cell in months)
    # December 2025's meeting belongs to 2025: the sheet of 2026 never shows it.
    assert {cell.value.year for cell in months} == {2026}
    march = next(row for row in sheet.iter_rows(min_row=2, values_only=True) if row[0].month == 3)
    assert march[1] >= 2
    assert isinstance(march[1], int)


def test_counts_are_numbers_with_a_number_format(workbook):
    sheet = workbook["Theo tháng"]
    for row in sheet.iter_rows(min_row=2):
        for cell in row[1:]:
            assert cell.data_type == "n", cell.coordinate
            assert isinstance(cell.value, int), cell.coordinate
            assert cell.number_format == "#,##0"


def test_percentages_are_fractions_shown_as_percentages(workbook):
    sheet = workbook["Mục tiêu"]
    header = [cell.value for cell in sheet[1]]
    value, unit = header.index("Giá trị"), header.index("Đơn vị tính")
    percents = [row for row in sheet.iter_rows(min_row=2) if row[unit].value == "%" and row[value].value is not None]
    assert percents, "the plan has targets in per cent"
    for row in percents:
        cell = row[value]
        assert isinstance(cell.value, int | float), cell.coordinate  # 0.0 reads back as 0
        assert 0 <= cell.value <= 1.5, (cell.coordinate, cell.value)
        assert cell.number_format == "0.0%"
    # No figure written as text ("83,3%", "100%"): the spreadsheet could not sum or sort it.
    written = [c.value for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert not [text for text in written if re.fullmatch(r"\d+([.,]\d+)?\s*%?", text)]


def test_every_sheet_keeps_its_header_in_view_and_grows_rows_for_wrapped_text(workbook):
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2", sheet.title
        assert sheet.print_title_rows == "$1:$1", sheet.title
        assert all(cell.font.bold for cell in sheet[1]), sheet.title
    tasks = workbook["Nhiệm vụ chưa có hoạt động"]
    width = tasks.column_dimensions["C"].width
    long_rows = [row[2] for row in tasks.iter_rows(min_row=2) if len(str(row[2].value)) > width]
    assert long_rows, "a task's text longer than its column"
    for cell in long_rows:
        assert cell.alignment.wrap_text
        # LibreOffice would print it over the next row at the default 15 pt.
        assert tasks.row_dimensions[cell.row].height >= 30, cell.coordinate


@pytest.mark.parametrize(
    ("period", "name"), [("2026", "nam-2026"), ("2026-1", "6-thang-dau-nam-2026"), ("2026-2", "6-thang-cuoi-nam-2026")]
)
def test_the_download_is_named_as_the_period_is_said(demo, client_for, period, name):
    response = client_for(demo.lan).get(reverse("indicators_export", args=["xlsx"]), {"ky": period})
    assert response["Content-Disposition"] == f'attachment; filename="bang-dieu-hanh-ls-hvt-{name}.xlsx"'
