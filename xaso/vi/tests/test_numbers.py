import pytest

from xaso.vi.numbers import SOUTHERN, decimal_words, digits_words, number_words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "không"),
        (10, "mười"),
        (11, "mười một"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (25, "hai mươi lăm"),
        (105, "một trăm linh năm"),
        (115, "một trăm mười lăm"),
        (1005, "một nghìn không trăm linh năm"),
        (2025, "hai nghìn không trăm hai mươi lăm"),
        (15_000, "mười lăm nghìn"),
        (305_000, "ba trăm linh năm nghìn"),
        (1_000_500, "một triệu năm trăm"),
        (1_000_005, "một triệu không trăm linh năm"),
        (2_500_000, "hai triệu năm trăm nghìn"),
        (1_000_000_000, "một tỷ"),
        (3_021_000_000, "ba tỷ không trăm hai mươi mốt triệu"),
        (1_000_000_000_000, "một nghìn tỷ"),
    ],
)
def test_it_reads_numbers_by_the_vietnamese_rules(n, words):
    assert number_words(n) == words


def test_it_reads_the_southern_way_when_asked():
    assert number_words(105, dialect=SOUTHERN) == "một trăm lẻ năm"
    assert number_words(2025, dialect=SOUTHERN) == "hai ngàn không trăm hai mươi lăm"


def test_it_reads_decimals_with_the_comma_and_thousands_with_the_dot():
    assert decimal_words("12,5") == "mười hai phẩy năm"
    assert decimal_words("3,05") == "ba phẩy không năm"
    assert decimal_words("1.250.000") == "một triệu hai trăm năm mươi nghìn"


def test_it_reads_digits_one_by_one():
    assert digits_words("0912") == "không chín một hai"


def test_it_refuses_what_is_not_a_number():
    with pytest.raises(ValueError, match="không phải số"):
        decimal_words("1,2,3")
