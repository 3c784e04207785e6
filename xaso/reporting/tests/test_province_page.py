"""Báo cáo › Tình hình báo cáo của các xã: the province sees every commune's submission state and
downloads the roll-up (one row per commune and indicator) as XLSX."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from xaso.reporting.models import PeriodKind, ReportingPeriod
from xaso.reporting.province import NOT_OPENED, province_rows
from xaso.reporting.tests.helpers import unit
from xaso.testing.factories import commune

pytestmark = pytest.mark.django_db

PAGE = reverse("reporting_province")


def query(**changes):
    return {"province": unit("ls").pk, "kind": "half_year", "year": "2026", **changes}


def test_the_province_sees_each_communes_states_and_rates(demo, cycle, client_for):
    response = client_for(demo.quang).get(PAGE, query())
    assert response.status_code == 200
    rows = {row.commune.code: row for row in response.context["rows"]}
    hvt = rows["ls-hvt"]
    assert hvt.period == cycle
    assert (hvt.states["approved"], hvt.states["returned"]) == (3, 1)
    assert (hvt.rates.actual, hvt.rates.on_time) == (3, 2)
    assert rows["ls-tt"].period is None
    html = response.content.decode()
    assert "Chưa mở kỳ báo cáo" in html
    assert hvt.rates.reporting_rate_display in html


def test_the_rollup_xlsx_has_one_row_per_commune_and_indicator(demo, cycle, client_for):
    response = client_for(demo.quang).get(PAGE, query(format="xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="tong-hop-bao-cao-ls-6-thang-dau-nam-2026.xlsx"'
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Chỉ số theo xã", "Tình hình báo cáo"]
    rows = [
        r for r in book["Chỉ số theo xã"].iter_rows(values_only=True) if r[0] in ("Xã Hoàng Văn Thụ", "Xã Tân Thanh")
    ]
    hvt = [r for r in rows if r[0] == "Xã Hoàng Văn Thụ"]
    targets = demo.plan.targets.filter(milestones__year=2026).count()
    assert len(hvt) == 3 + targets  # reporting rate, on-time rate, activities, then every target of 2026
    assert [r[1] for r in hvt[:3]] == ["BC-1", "BC-2", "HD-1"]
    assert len({r[1] for r in hvt}) == len(hvt)  # one row per indicator
    assert next(r for r in rows if r[0] == "Xã Tân Thanh")[2] == NOT_OPENED
    states = [r for r in book["Tình hình báo cáo"].iter_rows(values_only=True) if r[0] == "Xã Hoàng Văn Thụ"]
    assert states[0][1] == "Báo cáo 6 tháng đầu năm 2026"


@pytest.mark.parametrize("persona", ["lan", "hung", "mai", "thu", "outsider"])
def test_no_one_else_sees_the_province(demo, cycle, client_for, persona):
    response = client_for(getattr(demo, persona)).get(PAGE, query())
    assert response.status_code in (302, 403)


def test_a_wrong_year_or_a_province_not_followed_is_refused_in_vietnamese(demo, client_for):
    client = client_for(demo.quang)
    response = client.get(PAGE, query(year="hai nghìn"))
    assert response.status_code == 400
    assert response.context["form"].errors["year"] == ["Nhập số nguyên."]
    response = client.get(PAGE, query(province=unit("ls-hvt").pk))
    assert response.status_code == 400
    assert "province" in response.context["form"].errors


def test_the_number_of_queries_does_not_grow_with_the_communes(demo, cycle):
    def count():
        with CaptureQueriesContext(connection) as queries:
            province_rows(user=demo.quang, province=unit("ls"), kind="half_year", year=2026, today=dt.date(2026, 6, 9))
        return len(queries)

    count()  # the person's scope is read once and kept
    before = count()
    for n in range(3):
        other = commune(unit("ls"), code=f"ls-x{n}", name=f"Xã Thử {n}")
        ReportingPeriod.objects.create(
            commune=other,
            plan=demo.plan,
            kind=PeriodKind.HALF_YEAR,
            year=2026,
            title="Báo cáo 6 tháng đầu năm 2026",
            data_start=dt.date(2026, 1, 1),
            data_end=dt.date(2026, 5, 31),
            deadline=dt.date(2026, 6, 5),
        )
    assert count() == before
