"""A legal basis stored as its symbol is cited with its document type, as Decree 30 requires."""

import pytest

from xaso.vi.citations import citation


@pytest.mark.parametrize(
    ("code", "cited"),
    [
        ("1169/QĐ-TTg", "Quyết định số 1169/QĐ-TTg"),
        ("05/QyĐ-UBND", "Quy định số 05/QyĐ-UBND"),
        ("211/KH-UBND", "Kế hoạch số 211/KH-UBND"),
        ("57-NQ/TW", "Nghị quyết số 57-NQ/TW"),
        ("13/2023/NĐ-CP", "Nghị định số 13/2023/NĐ-CP"),
        ("12/CTr-UBND", "Chương trình số 12/CTr-UBND"),
        ("Luật Báo chí", "Luật Báo chí"),
        ("45/XYZ", "45/XYZ"),
    ],
)
def test_the_symbol_names_the_type(code, cited):
    assert citation(code) == cited
