import datetime as dt

from xaso.vi.dates import date_line, date_long, date_numeric, date_short


def test_it_writes_the_place_and_date_line_of_the_seed_plan():
    assert date_line(place="Hoàng Văn Thụ", value=dt.date(2025, 8, 23)) == "Hoàng Văn Thụ, ngày 23 tháng 8 năm 2025"


def test_it_pads_days_below_ten_and_months_one_and_two():
    assert date_long(dt.date(2026, 1, 5)) == "ngày 05 tháng 01 năm 2026"
    assert date_long(dt.date(2026, 2, 9)) == "ngày 09 tháng 02 năm 2026"
    assert date_long(dt.date(2026, 3, 10)) == "ngày 10 tháng 3 năm 2026"
    assert date_long(dt.date(2026, 12, 31)) == "ngày 31 tháng 12 năm 2026"


def test_it_writes_short_and_numeric_dates():
    assert date_short(dt.date(2025, 6, 16)) == "16/6/2025"
    assert date_numeric(dt.date(2025, 6, 16)) == "16/06/2025"
