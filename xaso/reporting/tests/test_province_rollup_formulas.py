"""The province roll-up (XLSX from Báo cáo › Tình hình báo cáo của các xã): a commune named like a
formula is written as text."""

from __future__ import annotations

import pytest
from django.urls import reverse

from xaso.reporting.tests.helpers import unit
from xaso.testing.exports import HYPERLINK, assert_xlsx_inert
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_the_rollup_workbook_has_no_formula(demo, cycle, client_for):
    OrgUnit.objects.filter(code="ls-hvt").update(name=HYPERLINK)
    response = client_for(demo.quang).get(
        reverse("reporting_province"),
        {"province": unit("ls").pk, "kind": "half_year", "year": "2026", "format": "xlsx"},
    )
    assert response.status_code == 200
    assert_xlsx_inert(response.content, [HYPERLINK])
