"""The programme dashboard's downloads (XLSX and every CSV table) and the province overview's: a unit,
a task or a village named like a formula is written as inert text."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.plans.models import Task
from xaso.testing.exports import AT, CMD, HYPERLINK, MINUS, assert_csv_inert, assert_xlsx_inert, csv_cells
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


@pytest.fixture
def hostile(demo):
    OrgUnit.objects.filter(code="ls-hvt-t-napan").update(name=HYPERLINK)
    Task.objects.filter(plan=demo.plan, code="NV-2.1").update(text=CMD)
    OrgUnit.objects.filter(code="ls-hvt").update(name=AT)
    return demo


def test_the_dashboard_workbook_has_no_formula(hostile, client_for):
    response = client_for(hostile.lan).get(reverse("indicators_export", args=["xlsx"]), {"ky": "2026"})
    assert response.status_code == 200
    assert_xlsx_inert(response.content, [HYPERLINK, CMD, AT])


@pytest.mark.parametrize("table", ["muc-tieu", "thang", "don-vi", "nhiem-vu", "chi-so"])
def test_every_dashboard_csv_starts_a_formula_looking_cell_with_a_quote(hostile, client_for, table):
    response = client_for(hostile.lan).get(reverse("indicators_export", args=["csv"]), {"ky": "2026", "bang": table})
    if response.status_code == 404:
        pytest.skip(f"no table {table} on this dashboard")
    text = response.content.decode("utf-8")
    expected = {"don-vi": [HYPERLINK], "nhiem-vu": [CMD], "muc-tieu": [AT]}.get(table, [])
    assert_csv_inert(text, expected)


def test_numbers_stay_numbers_in_the_csv(hostile, client_for):
    response = client_for(hostile.lan).get(reverse("indicators_export", args=["csv"]), {"ky": "2026", "bang": "don-vi"})
    cells = csv_cells(response.content.decode("utf-8"))
    assert any(cell.isdigit() for cell in cells)
    assert not any(cell.startswith("'") and cell[1:].lstrip("-").isdigit() for cell in cells)


def test_the_province_overview_downloads_have_no_formula(hostile, client_for):
    client = client_for(hostile.quang)
    workbook = client.get(reverse("indicators_province_export", args=["xlsx"]), {"nam": "2026"})
    assert_xlsx_inert(workbook.content, [AT])
    table = client.get(reverse("indicators_province_export", args=["csv"]), {"nam": "2026"})
    assert_csv_inert(table.content.decode("utf-8"), [AT])


def test_a_negative_figure_is_still_a_number(settings):
    from xaso.indicators.exports import Table, to_csv, to_xlsx

    table = Table("x", "Bảng", ["Tên", "Chênh lệch"], [[MINUS, -5], ["Thôn Nà Pàn", -1.5]])
    assert_csv_inert(to_csv(table), [MINUS])
    assert "-5" in csv_cells(to_csv(table))
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(to_xlsx([table]))).active
    assert (sheet["A2"].value, sheet["B2"].value, sheet["B2"].data_type) == (MINUS, -5, "n")
    assert sheet["A2"].quotePrefix
