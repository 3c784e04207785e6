from xaso.vi.text import fold


def test_it_removes_every_vietnamese_diacritic():
    assert fold("Chuyển Đổi Số") == "chuyen doi so"
    assert fold("Bình dân học vụ số") == "binh dan hoc vu so"
    assert fold("ỦY BAN NHÂN DÂN XÃ HOÀNG VĂN THỤ") == "uy ban nhan dan xa hoang van thu"


def test_it_treats_decomposed_and_composed_input_alike():
    composed = "Nghị quyết"
    decomposed = "Nghi\u0323 quye\u0302\u0301t"
    assert fold(composed) == fold(decomposed) == "nghi quyet"


def test_it_collapses_whitespace():
    assert fold("  đổi   mới\nsáng tạo ") == "doi moi sang tao"
