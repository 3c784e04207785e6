from xaso.vi.reading import Reader, script_from_html, spell, verbalise
from xaso.vi.seed_abbreviations import ABBREVIATIONS


def say(text: str) -> str:
    return verbalise(text, dictionary=ABBREVIATIONS)


def test_it_reads_a_date_as_words_without_saying_ngay_twice():
    assert say("23/8/2025") == "ngày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm"
    assert say("Ngày 23/8/2025, UBND xã") == (
        "Ngày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm, Ủy ban nhân dân xã"
    )


def test_it_reads_month_four_as_tu_and_short_dates_after_ngay():
    assert say("ngày 30/4") == "ngày ba mươi tháng tư"
    assert say("trong tháng 1/2026") == "trong tháng một năm hai nghìn không trăm hai mươi sáu"


def test_it_expands_abbreviations_from_the_dictionary():
    assert say("phát triển KH&CN") == "phát triển khoa học và công nghệ"
    assert say("UBND và HĐND xã") == "Ủy ban nhân dân và Hội đồng nhân dân xã"
    assert say("ĐMST, CĐS") == "đổi mới sáng tạo, chuyển đổi số"


def test_it_reads_document_codes():
    assert say("Nghị quyết 57-NQ/TW") == "Nghị quyết năm mươi bảy nghị quyết Trung ương"
    assert say("Kế hoạch số 33/KH-UBND") == "Kế hoạch số ba mươi ba kế hoạch Ủy ban nhân dân"
    assert say("Nghị định 09/2019/NĐ-CP") == ("Nghị định chín năm hai nghìn không trăm mười chín nghị định Chính phủ")


def test_it_reads_percentages_numbers_and_ranges():
    assert say("đạt 80%") == "đạt tám mươi phần trăm"
    assert say("12,5 %") == "mười hai phẩy năm phần trăm"
    assert say("1.250.000 đồng") == "một triệu hai trăm năm mươi nghìn đồng"
    assert say("giai đoạn 2028–2030") == (
        "giai đoạn hai nghìn không trăm hai mươi tám đến hai nghìn không trăm ba mươi"
    )
    assert say("10ha lúa") == "mười héc-ta lúa"


def test_it_reads_times():
    assert say("lúc 7h30") == "lúc bảy giờ ba mươi phút"
    assert say("từ 14:00") == "từ mười bốn giờ"


def test_it_spells_unknown_consonant_abbreviations_and_keeps_words():
    assert spell("VT") == "vê tê"
    assert verbalise("gửi PKT", dictionary={}) == "gửi pê ca tê"
    assert verbalise("KẾ HOẠCH", dictionary={}) == "KẾ HOẠCH"


def test_the_dictionary_prefers_the_longest_entry():
    reader = Reader({"KH": "kế hoạch", "KH&CN": "khoa học và công nghệ"})
    assert reader.verbalise("KH và KH&CN") == "kế hoạch và khoa học và công nghệ"


def test_it_strips_markup_and_ends_each_block_as_a_sentence():
    html = "<h2>Tin mới</h2><p>Ngày <b>23/8/2025</b> &amp; tiếp</p><script>alert(1)</script><ul><li>Mục 1</li></ul>"
    assert script_from_html(html, dictionary=ABBREVIATIONS) == (
        "Tin mới.\nNgày hai mươi ba tháng tám năm hai nghìn không trăm hai mươi lăm và tiếp.\nMục một."
    )


def test_it_does_not_read_web_addresses_nor_the_words_leading_to_them():
    assert say("Chi tiết xem tại https://xaso.vn/tin/1.") == ""
    assert say("Người dân nộp hồ sơ tại dichvucong.gov.vn trước ngày 30/9.") == (
        "Người dân nộp hồ sơ trước ngày ba mươi tháng chín."
    )
    assert "a còng" in say("thư vhxh@xaso.vn")


def test_it_reads_telephone_numbers_digit_by_digit_in_groups():
    assert say("0912 345 678") == "không chín một hai, ba bốn năm, sáu bảy tám"
    assert say("0912345678") == "không chín một hai, ba bốn năm, sáu bảy tám"
    assert say("gọi 113") == "gọi một một ba"


def test_link_and_picture_labels_are_not_read():
    html = (
        '<figure><figcaption>Hội nghị <a href="/anh.jpg">Xem ảnh cỡ lớn</a></figcaption></figure><p>(Ảnh: Thu Hà)</p>'
    )
    assert script_from_html(html, dictionary=ABBREVIATIONS) == "Hội nghị."
