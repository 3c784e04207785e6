"""Reading a number from the address: only ASCII digits inside the range count, whatever is sent."""

import pytest
from django.http import Http404, QueryDict
from hypothesis import example, given
from hypothesis import strategies as st

from xaso.inputs.params import MAX_ID, parse_int, query_choice, query_id, query_text, query_year, require
from xaso.testing.badinputs import counted, nasty_text, suite_settings


@pytest.mark.parametrize("raw", ["²", "①", "٣", "１２", "-1", "+1", "1.5", " 7", "7 ", "0x10", "1" * 5000, "", None])
def test_what_str_isdigit_or_int_would_take_is_not_a_number(raw):
    assert parse_int(raw) is None


def test_a_year_outside_its_range_falls_back_to_the_default():
    query = QueryDict("nam=1999")
    assert query_year(query, "nam", 2026) == 2026
    assert query_year(QueryDict("nam=2027"), "nam", 2026) == 2027
    assert query_year(QueryDict("nam=2031"), "nam", None, first=2025, last=2030) is None


def test_an_id_beyond_the_databases_largest_key_names_nothing():
    assert query_id(QueryDict(f"don-vi={MAX_ID}"), "don-vi") == MAX_ID
    assert query_id(QueryDict(f"don-vi={MAX_ID + 1}"), "don-vi") is None
    assert query_id(QueryDict("don-vi=0"), "don-vi") is None


def test_a_choice_and_a_search_text():
    assert query_choice(QueryDict("bang=thang"), "bang", ["muc-tieu", "thang"], "muc-tieu") == "thang"
    assert query_choice(QueryDict("bang=x"), "bang", ["muc-tieu"], "muc-tieu") == "muc-tieu"
    assert query_text(QueryDict("q=chuy%00%E1%BB%83n+%01%C4%91%E1%BB%95i"), "q") == "chuyển đổi"


def test_require_answers_a_vietnamese_404():
    with pytest.raises(Http404, match="không hợp lệ"):
        require(None, "cum")


@suite_settings(400)
@given(raw=nasty_text)
@example(raw="²")
@example(raw=str(2**63))
def test_any_text_gives_a_number_in_range_or_nothing(raw):
    counted()
    value = parse_int(raw, minimum=2000, maximum=2100)
    assert value is None or (2000 <= value <= 2100 and raw == str(value).zfill(len(raw)))


@suite_settings(100)
@given(value=st.integers(min_value=0, max_value=MAX_ID))
def test_every_id_written_in_ascii_digits_reads_back(value):
    assert query_id(QueryDict(f"id={value}"), "id") == (value or None)
