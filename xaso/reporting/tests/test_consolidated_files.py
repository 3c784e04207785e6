"""The consolidated report's files read back: the DOCX with python-docx (Decree 30 layout), the PDF's
pages with poppler-utils, the XLSX annex with openpyxl — rendered by the documents app's job."""

from __future__ import annotations

import io

import openpyxl
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from xaso.documents.models import RenderStatus
from xaso.documents.tests.reading import all_paragraphs, find, only_style, pdf_info, pdf_text, read, texts
from xaso.documents.writer import nd30_docx
from xaso.reporting.consolidated import build_consolidated_report, consolidation_request

pytestmark = pytest.mark.django_db


@pytest.fixture
def doc(demo, cycle):
    rendering = build_consolidated_report(
        params={"period_id": cycle.pk, "number": 12, "issued_on": "2026-06-10"}, user=demo.lan, progress=lambda *a: None
    )
    return read(nd30_docx(rendering.document))


def header_cells(doc):
    (issuer, motto), (number, date) = (list(row.cells) for row in doc.tables[0].rows)
    return issuer, motto, number, date


def lines(cell):
    return [p for p in cell.paragraphs if p.text.strip()]


def test_a4_with_the_decrees_margins_and_times_new_roman_throughout(doc):
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (20, 20)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    runs = [run for p in all_paragraphs(doc) for run in p.runs if run.text.strip()]
    for run in runs:
        assert run._r.rPr is not None
        fonts = run._r.rPr.find(qn("w:rFonts"))
        assert {fonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")} == {"Times New Roman"}


def test_the_issuing_body_and_the_national_motto_are_bold(doc):
    issuer, motto, _, _ = header_cells(doc)
    assert [p.text for p in lines(issuer)] == ["ỦY BAN NHÂN DÂN", "XÃ HOÀNG VĂN THỤ"]
    assert [p.text for p in lines(motto)] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    for paragraph in lines(issuer) + lines(motto):
        style = only_style(paragraph)
        assert (style.bold, style.italic) == (True, False)
        assert 12 <= style.size <= 14
    national, slogan = lines(motto)
    assert only_style(national).size in (12, 13)
    assert only_style(slogan).size in (13, 14)


def test_the_number_is_upright_and_the_place_and_date_italic(doc):
    _, _, number, date = header_cells(doc)
    (number_line,) = lines(number)
    assert number_line.text == "Số: 12/BC-UBND"
    assert (only_style(number_line).bold, only_style(number_line).italic) == (False, False)
    (date_line,) = lines(date)
    assert date_line.text == "Xã Hoàng Văn Thụ, ngày 10 tháng 6 năm 2026"
    style = only_style(date_line)
    assert (style.bold, style.italic) == (False, True)
    assert 13 <= style.size <= 14


def test_the_title_summary_and_addressee(doc):
    paragraphs = list(doc.paragraphs)
    title = find(paragraphs, "BÁO CÁO")
    summary = paragraphs[paragraphs.index(title) + 1]
    assert summary.text.startswith("Kết quả thực hiện Kế hoạch số 33/KH-UBND")
    for paragraph in (title, summary):
        assert only_style(paragraph).bold is True
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "Kính gửi: Sở Khoa học và Công nghệ tỉnh Lạng Sơn." in texts(paragraphs)


def test_the_body_is_justified_with_its_sections_and_tables(doc):
    paragraphs = list(doc.paragraphs)
    opening = next(p for p in paragraphs if p.text.startswith("Thực hiện Kế hoạch số 33/KH-UBND"))
    assert opening.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert only_style(opening).size == 14
    headings = [p.text for p in paragraphs if p.text[:3] in ("I. ", "II.", "III", "IV.", "V. ", "VI.", "VII")]
    assert headings[:3] == [
        "I. CÔNG TÁC CHỈ ĐẠO, TRIỂN KHAI",
        "II. KẾT QUẢ THỰC HIỆN NHIỆM VỤ, GIẢI PHÁP",
        "III. KẾT QUẢ CỦA CÁC PHÒNG CHUYÊN MÔN, ĐƠN VỊ",
    ]
    assert "Bảng 1. Kết quả thực hiện các chỉ tiêu năm 2026" in texts(paragraphs)


def test_the_signature_is_kt_chu_tich_pho_chu_tich_and_noi_nhan_lists_the_department(doc):
    left, right = doc.tables[-1].rows[0].cells
    assert [p.text for p in lines(right)] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Hoàng Văn Hùng"]
    for paragraph in lines(right):
        assert (only_style(paragraph).bold, only_style(paragraph).italic) == (True, False)
    heading, first, *rest = lines(left)
    assert heading.text == "Nơi nhận:"
    assert (only_style(heading).bold, only_style(heading).italic, only_style(heading).size) == (True, True, 12)
    assert first.text == "- Như trên;"
    assert rest[-1].text == "- Lưu: VT, VHXH."


def test_the_job_renders_docx_pdf_and_xlsx_with_progress(demo, cycle, django_capture_on_commit_callbacks, tmp_path):
    with django_capture_on_commit_callbacks(execute=True):
        job = consolidation_request(period=cycle, user=demo.lan, number=12)
    job.refresh_from_db()
    assert (job.status, job.progress, job.error) == (RenderStatus.DONE, 100, "")
    pdf = tmp_path / "bao-cao.pdf"
    pdf.write_bytes(job.pdf.read())
    info = pdf_info(str(pdf))
    assert int(info["Pages"]) >= 3
    sizes = [value for key, value in info.items() if key.startswith("Page") and key.endswith("size")]
    assert len(sizes) == int(info["Pages"])
    assert all(size.startswith("595.") and "(A4)" in size for size in sizes)
    first = pdf_text(str(pdf), page=1)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first
    assert "Số: 12/BC-UBND" in first
    last = pdf_text(str(pdf), page=int(info["Pages"]))
    assert "KT. CHỦ TỊCH" in last
    assert "Nơi nhận:" in last
    workbook = openpyxl.load_workbook(io.BytesIO(job.xlsx.read()))
    assert workbook.sheetnames == ["Chỉ tiêu", "Hoạt động", "Nhiệm vụ", "Đơn vị", "Kinh phí"]
    values = [cell for row in workbook["Đơn vị"].iter_rows(values_only=True) for cell in row]
    assert "Trường Tiểu học Hoàng Văn Thụ" in values
    assert "Muộn" in values
    assert read(job.docx.read()).tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 12/BC-UBND"
