"""The consolidated report's XLSX annex: a unit named like a formula is written as text."""

from __future__ import annotations

import pytest

from xaso.documents.xlsx import xlsx_annex
from xaso.reporting.consolidated import build_consolidated_report
from xaso.testing.exports import HYPERLINK, assert_xlsx_inert
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db


def test_the_consolidated_annex_has_no_formula(demo, cycle):
    OrgUnit.objects.filter(code="ls-hvt-thcs").update(name=HYPERLINK)
    rendering = build_consolidated_report(
        params={"period_id": cycle.pk, "number": 12, "issued_on": "2026-06-10"}, user=demo.lan, progress=lambda *a: None
    )
    assert_xlsx_inert(xlsx_annex(sheets=list(rendering.annex)), [HYPERLINK])
