"""Periods of a programme: keys in URLs, Vietnamese labels, the period before."""

import datetime as dt

import pytest

from xaso.indicators.periods import ERR_PERIOD, half, parse_period, periods_of, programme, year


def test_it_reads_the_keys_of_a_half_a_year_and_the_programme():
    assert parse_period("2026-1", start_year=2025, end_year=2030) == half(2026, 1)
    assert parse_period("2026", start_year=2025, end_year=2030) == year(2026)
    assert parse_period("2025-2030", start_year=2025, end_year=2030) == programme(2025, 2030)


@pytest.mark.parametrize("key", ["2024", "2026-3", "abc", "2025-2029", "2031-1"])
def test_it_refuses_a_period_outside_the_programme(key):
    with pytest.raises(ValueError, match="không hợp lệ") as error:
        parse_period(key, start_year=2025, end_year=2030)
    assert str(error.value) == ERR_PERIOD.format(key=key)


def test_labels_read_as_offices_write_them():
    assert half(2026, 1).label == "6 tháng đầu năm 2026"
    assert half(2026, 2).label == "6 tháng cuối năm 2026"
    assert year(2026).label == "Năm 2026"
    assert programme(2025, 2030).label == "Cả giai đoạn 2025–2030"


def test_the_period_before_a_half_is_the_other_half():
    assert half(2026, 1).previous() == half(2025, 2)
    assert half(2026, 2).previous() == half(2026, 1)
    assert year(2026).previous() == year(2025)
    assert programme(2025, 2030).previous() is None
    assert half(2026, 2).months()[0] == dt.date(2026, 7, 1)


def test_a_programme_is_reported_on_every_half_and_year():
    keys = [p.key for p in periods_of(start_year=2025, end_year=2026)]
    assert keys == ["2025-2026", "2025", "2025-1", "2025-2", "2026", "2026-1", "2026-2"]
