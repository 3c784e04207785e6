"""xlsx_annex (the Decree 30 annexes of reports and reviews): a title, heading, note or cell typed
like a formula is written as text; figures stay numbers."""

from __future__ import annotations

from decimal import Decimal

from xaso.documents.model import Column, Table
from xaso.documents.xlsx import Sheet, xlsx_annex
from xaso.testing.exports import AT, CMD, HYPERLINK, MINUS, assert_xlsx_inert


def test_every_text_of_an_annex_is_inert_and_numbers_stay_numbers():
    from io import BytesIO

    from openpyxl import load_workbook

    data = xlsx_annex(
        sheets=[
            Sheet(
                title="Số liệu",
                heading=HYPERLINK,
                table=Table(
                    columns=(Column(title=CMD), Column(title="Chênh lệch", kind="integer")),
                    rows=((AT, -5), (MINUS, Decimal("-2.5"))),
                    note="=1+1",
                ),
            )
        ]
    )
    assert_xlsx_inert(data, [HYPERLINK, CMD, AT, MINUS, "=1+1"])
    sheet = load_workbook(BytesIO(data)).active
    figures = [row[1] for row in sheet.iter_rows(min_row=4, max_row=5, values_only=True)]
    assert figures == [-5, -2.5]
