"""docx_to_pdf: LibreOffice headless renders the DOCX on A4, with its Vietnamese text intact."""

from __future__ import annotations

import re
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from xaso.documents import pdf as pdf_module
from xaso.documents.fonts import VIETNAMESE
from xaso.documents.model import Column, Paragraph, Table
from xaso.documents.pdf import PdfConversionError, docx_to_pdf
from xaso.documents.tests.reading import pdf_font_families, pdf_fonts, pdf_info, pdf_missing_words, pdf_text
from xaso.documents.writer import nd30_docx
from xaso.testing.factories import nd30_document

A4_POINTS = (595.3, 841.9)
LONG_TEXT = (
    "Các thôn đã tuyên truyền Nhân dân nâng cao nhận thức về khoa học, công nghệ, đổi mới sáng tạo và chuyển "
    "đổi số trong lao động sản xuất; hướng dẫn hộ gia đình bán hàng trên sàn thương mại điện tử Postmart, Voso; "
    "khuyến khích thanh toán không dùng tiền mặt; duy trì tổ công nghệ số cộng đồng của thôn."
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    document = nd30_document()
    long_body = document.body + tuple(Paragraph(text=LONG_TEXT) for _ in range(25))
    path = tmp_path_factory.mktemp("pdf") / "bao-cao.pdf"
    path.write_bytes(docx_to_pdf(nd30_docx(nd30_document(body=long_body))))
    return str(path)


def test_it_is_a_pdf_of_several_a4_pages(rendered):
    info = pdf_info(rendered)
    pages = int(info["Pages"])
    assert pages >= 2
    for page in range(1, pages + 1):
        width, height = (float(x) for x in re.findall(r"[\d.]+", info[f"Page    {page} size"])[:2])
        assert (round(width, 1), round(height, 1)) == A4_POINTS


def test_vietnamese_text_survives_with_every_diacritic(rendered):
    text = nfc(pdf_text(rendered, page=1))
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ HOÀNG VĂN THỤ",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: 05/BC-UBND",
        "Xã Hoàng Văn Thụ, ngày 05 tháng 01 năm 2026",
        "BÁO CÁO",
        "Kết quả thực hiện Kế hoạch số 33/KH-UBND năm 2025",
        "I. KẾT QUẢ ĐẠT ĐƯỢC",
    ):
        assert expected in text, expected
    last = nfc(pdf_text(rendered, page=int(pdf_info(rendered)["Pages"])))
    for expected in ("Nơi nhận:", "- Lưu: VT, VHXH.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Hùng"):
        assert expected in last, expected


def test_fonts_are_embedded_times_new_roman_or_its_metric_twin(rendered):
    fonts = pdf_fonts(rendered)
    names = re.findall(r"^\S+\+(\S+)", fonts, flags=re.MULTILINE)
    assert names
    assert all(name.startswith(("TimesNewRoman", "LiberationSerif")) for name in names), names
    assert {"emb"} <= set(fonts.split())
    # One serif family: no letter of the text was set in a fallback typeface.
    assert len(pdf_font_families(rendered)) == 1, fonts


def test_every_vietnamese_letter_is_set_in_one_serif_and_every_word_comes_back_whole(tmp_path):
    letters = " ".join(VIETNAMESE)
    words = (
        "Hoàng Văn Thụ đổi mới sáng tạo; thượng nguồn, Khuổi Nhàn, Nà Pàn; kỹ năng số, hỗ trợ, ứng dụng, "
        "Bình dân học vụ số, giấy chứng nhận, Hội Cựu chiến binh, tiếp cận thông tin, truyền thanh."
    )
    body = (Paragraph(text=words), Paragraph(text=letters), Paragraph(text=words.upper(), bold=True))
    path = tmp_path / "chu-viet.pdf"
    path.write_bytes(docx_to_pdf(nd30_docx(nd30_document(body=body))))
    assert pdf_font_families(str(path)) == {"LiberationSerif"}
    assert pdf_missing_words(str(path), f"{words}\n{words.upper()}") == []
    text = nfc(pdf_text(str(path)))
    assert all(letter in text for letter in VIETNAMESE)


def test_page_numbers_start_on_page_two(rendered):
    first = pdf_text(rendered, page=1).strip().splitlines()[0]
    second = pdf_text(rendered, page=2).strip().splitlines()[0]
    assert first.strip() != "1"
    assert second.strip() == "2"


def test_concurrent_conversions_do_not_share_a_profile():
    data = nd30_docx(nd30_document())
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(docx_to_pdf, [data, data]))
    assert all(result.startswith(b"%PDF") for result in results)


def test_bytes_that_are_not_a_docx_are_refused():
    with pytest.raises(PdfConversionError) as error:
        docx_to_pdf(b"%PDF-1.7 not a word file")
    assert str(error.value) == pdf_module.ERR_NOT_DOCX


def test_a_broken_docx_gives_a_vietnamese_message():
    with pytest.raises(PdfConversionError) as error:
        docx_to_pdf(b"PK\x03\x04 broken archive")
    assert str(error.value).startswith("LibreOffice ")


def test_a_missing_libreoffice_says_how_to_install_it(settings):
    settings.DOCUMENTS_SOFFICE = "soffice-khong-co"
    with pytest.raises(PdfConversionError) as error:
        docx_to_pdf(nd30_docx(nd30_document()))
    assert str(error.value) == pdf_module.ERR_NOT_INSTALLED.format(command="soffice-khong-co")


def test_a_conversion_that_takes_too_long_is_stopped_and_the_next_one_works():
    data = nd30_docx(nd30_document())
    with pytest.raises(PdfConversionError) as error:
        docx_to_pdf(data, timeout=0.05)
    assert str(error.value) == pdf_module.ERR_TIMEOUT.format(seconds="0.05")
    assert docx_to_pdf(data).startswith(b"%PDF")


def test_a_narrow_column_never_cuts_a_syllable_of_its_header(tmp_path):
    # Weights that once gave "ST/T" and "Ngư/ời dân": the columns grow to their longest word.
    headers = ("STT", "Loại hình hoạt động", "Người dân", "Cán bộ, công chức, viên chức, NLĐ", "Lượt xem, nghe")
    table = Table(
        title="Hoạt động theo loại hình",
        columns=tuple(
            Column(title=title, width=weight, kind="integer" if weight < 1 else "text")
            for title, weight in zip(headers, (0.2, 6, 0.3, 0.3, 0.3), strict=True)
        ),
        rows=((1, "Tin, bài trên trang thông tin điện tử", 1234, 56, 78901),),
    )
    path = tmp_path / "bang.pdf"
    path.write_bytes(docx_to_pdf(nd30_docx(nd30_document(body=(table,)))))
    assert pdf_missing_words(str(path), " ".join(headers)) == []
    assert pdf_font_families(str(path)) == {"LiberationSerif"}
