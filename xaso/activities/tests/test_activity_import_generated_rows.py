"""Importing generated rows: whatever a filled template holds (wrong types, giant numbers, impossible
dates, formulas, control characters, unknown codes), the import either records every row or
records nothing and lists Vietnamese problems by row and column."""

import datetime as dt
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from xaso.activities.models import Activity, ActivityMonth
from xaso.activities.spreadsheet import COLUMNS, SHEET
from xaso.testing.badinputs import NASTY, assert_vietnamese, counted, fingerprint, suite_settings

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

IMPORT = "activities_import"
GOOD = {
    "unit": "ls-hvt-thcs",
    "kind": "Hội nghị, hội thảo",
    "title": "Ngày hội STEM",
    "date_start": dt.date(2026, 4, 8),
    "date_end": None,
    "tasks": "NV-2.1",
    "audience": "Giáo viên và học sinh",
    "participants": 320,
    "officials": 20,
    "pupils": 300,
    "residents": 0,
    "reach": None,
    "description": "Học sinh trình bày sản phẩm",
    "url": None,
}

cell = st.one_of(
    st.none(),
    st.sampled_from(NASTY),
    st.text(max_size=20),
    st.integers(min_value=-(2**66), max_value=2**66),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(9999, 12, 31)),
    st.sampled_from(["=1/0", "=NOW()", "31/02/2026", "2026-02-30", "NV-9.9", "ls-khac", "1.000.000", "-0"]),
)


@st.composite
def rows(draw):
    """One to three rows of the template, each starting from a good row with a few cells replaced."""
    made = []
    for _ in range(draw(st.integers(min_value=1, max_value=3))):
        row = dict(GOOD)
        for key in draw(st.sets(st.sampled_from([c.key for c in COLUMNS]), min_size=1, max_size=4)):
            row[key] = draw(cell)
        made.append([row[c.key] for c in COLUMNS])
    return made


def workbook(values: list[list]) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append([c.header for c in COLUMNS])
    for row in values:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@suite_settings(150)
@given(values=rows())
def test_generated_rows_import_whole_or_not_at_all(demo, client_for, values):
    try:
        data = workbook(values)
    except (IllegalCharacterError, ValueError, TypeError, OverflowError):
        assume(False)  # openpyxl itself refuses to write such a cell: no file a person could send
    counted()
    client = client_for(demo.lan)
    before, count = fingerprint(Activity, ActivityMonth), Activity.objects.count()
    response = client.post(reverse(IMPORT), {"file": SimpleUploadedFile("hoat-dong.xlsx", data)})
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert_vietnamese(response.context["problems"])
        assert fingerprint(Activity, ActivityMonth) == before
    else:
        assert Activity.objects.count() == count + len(values)
