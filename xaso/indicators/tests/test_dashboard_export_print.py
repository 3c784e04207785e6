"""The dashboard's download printed in LibreOffice Calc, as Lan prints it for the leader: every sheet's
words stand apart (no wrapped line over the next row) and every cell comes out whole."""

import datetime as dt

import pytest
from django.urls import reverse

from xaso.activities.models import ActivityKind
from xaso.activities.services import activity_record
from xaso.documents.tests.printing import (
    cut_cells,
    overlapping_words,
    page_sizes,
    pages_without_a_whole_header,
    print_workbook,
)
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.libreoffice,
    # 20 November 2026, 09:00 in Hà Nội.
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def test_the_printed_workbook_has_no_word_over_another_and_no_cell_cut(demo, client_for, tmp_path):
    napan = OrgUnit.objects.get(code="ls-hvt-t-napan")
    for day in (dt.date(2026, 3, 9), dt.date(2026, 3, 20)):
        activity_record(
            unit=napan,
            kind=ActivityKind.CONFERENCE,
            title="Họp thôn phổ biến chuyển đổi số",
            date_start=day,
            tasks=[demo.plan.tasks.get(code="NV-1.1"), demo.plan.tasks.get(code="NV-2.1")],
            audience="residents",
            participants=1240,
            residents=1240,
        )
    response = client_for(demo.lan).get(reverse("indicators_export", args=["xlsx"]), {"ky": "2026"})
    assert response.status_code == 200
    printed = print_workbook(response.content, tmp_path, "bang-dieu-hanh")
    assert [str(overlap) for overlap in overlapping_words(printed)] == []
    assert cut_cells(response.content, printed) == []
    # Each page holds a whole table: its header row, every column, on A4.
    assert pages_without_a_whole_header(response.content, printed) == []
    assert all(size.endswith("(A4)") for size in page_sizes(printed)), page_sizes(printed)
