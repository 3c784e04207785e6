"""The consolidated report's XLSX annex printed as the Department prints it, in LibreOffice Calc: every
sheet's words stand apart (no wrapped line printed over the next row) and every cell comes out whole."""

from __future__ import annotations

import pytest

from xaso.documents.api import xlsx_annex
from xaso.documents.tests.printing import (
    cut_cells,
    overlapping_words,
    page_sizes,
    pages_without_a_whole_header,
    print_workbook,
)
from xaso.reporting.consolidated import build_consolidated_report

pytestmark = [pytest.mark.django_db, pytest.mark.libreoffice]


@pytest.fixture
def annex(demo, cycle):
    rendering = build_consolidated_report(
        params={"period_id": cycle.pk, "number": 12, "issued_on": "2026-06-10"}, user=demo.lan, progress=lambda *a: None
    )
    return xlsx_annex(sheets=rendering.annex)


def test_the_printed_annex_has_no_word_over_another_and_no_cell_cut(annex, tmp_path):
    printed = print_workbook(annex, tmp_path, "phu-luc-bao-cao-tong-hop")
    assert [str(overlap) for overlap in overlapping_words(printed)] == []
    assert cut_cells(annex, printed) == []
    # Each page holds a whole table (its header row, every column), on A4.
    assert pages_without_a_whole_header(annex, printed) == []
    assert all(size.endswith("(A4)") for size in page_sizes(printed)), page_sizes(printed)
