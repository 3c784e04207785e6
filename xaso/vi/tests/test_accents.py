"""Restoring diacritics: accentless and OCR-garbled administrative Vietnamese."""

from __future__ import annotations

from xaso.vi.accents import looks_accentless, looks_garbled, modern_tone, restore


def test_accentless_sentence_is_restored():
    text = "Ke hoach thuc hien chuyen doi so tren dia ban xa nam 2025"
    assert restore(text).text == "Kế hoạch thực hiện chuyển đổi số trên địa bàn xã năm 2025"


def test_marked_words_names_and_codes_are_kept():
    restored = restore("Nghị quyết so 57-NQ/TW cua Bo Chinh tri, trang Facebook cua UBND xa")
    assert restored.text == "Nghị quyết số 57-NQ/TW của Bộ Chính trị, trang Facebook của UBND xã"


def test_ocr_garbled_words_are_repaired_and_reported():
    restored = restore("Ké hoach s6 211/KH-UBND ngay 12/8/2025 cua Uy ban nhan dan tinh", ocr=True)
    assert restored.text.startswith("Kế hoạch số 211/KH-UBND ngày 12/8/2025 của Ủy ban nhân dân tỉnh")
    assert ("s6", "số") in [(w.original, w.restored) for w in restored.changed]


def test_list_markers_are_not_words():
    assert restore("a) Nam 2025").text == "a) Năm 2025"


def test_modern_tone_placement():
    assert [modern_tone(w) for w in ("hoá", "thuỷ", "quý", "khoẻ")] == ["hóa", "thủy", "quý", "khỏe"]


def test_detects_text_needing_restoration():
    plain = "Uy ban nhan dan xa xay dung ke hoach thuc hien chuong trinh truyen thong ve khoa hoc cong nghe doi moi sang tao"
    assert looks_accentless(plain)
    assert not looks_accentless(
        "Ủy ban nhân dân xã xây dựng kế hoạch thực hiện chương trình truyền thông về khoa học công nghệ đổi mới sáng tạo và chuyển đổi số"
    )
    assert looks_garbled(
        "Thue hién Quyét dinh s6 1169/QD-TTg ngay 16/6/2025 cua Thu tuéng Chinh phi phé duyét Chwong trinh Pay manh truyén thong thue hién Nghi quyét"
    )
