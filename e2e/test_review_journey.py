"""The Culture–Social office asks for the interim review of the plan, follows it on the documents page,
downloads the DOCX and finds in it what the schools, enterprises and funding recorded."""

from __future__ import annotations

import io

import docx
import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from xaso.funding.demo import load_funding
from xaso.outreach.demo import load_outreach

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_owner_generates_the_interim_review_and_downloads_it(demo, page: Page, login_as):
    load_outreach(lambda _: None)
    load_funding(lambda _: None)
    today = timezone.localdate()
    login_as(page, demo.lan)
    page.get_by_role("link", name="Sơ kết, tổng kết").click()
    expect(page.locator("#chi-tieu-den-nay")).to_contain_text("Kết quả đến nay")
    page.get_by_label("Sơ kết (giữa kỳ)").check()
    page.get_by_label("Từ ngày").fill("01/01/2025")
    page.get_by_label("Đến ngày").fill("01/01/2024")
    page.get_by_role("button", name="Tạo báo cáo").click()
    expect(page.locator("#review-form")).to_contain_text("Ngày kết thúc kỳ phải sau ngày bắt đầu.")

    page.get_by_label("Đến ngày").fill(today.strftime("%d/%m/%Y"))
    # Numbered only once the office has written its shortcomings; without them it stays a draft.
    page.get_by_label("Hạn chế, nguyên nhân").fill("Một số thôn gửi số liệu chậm so với hạn.")
    page.get_by_label("Số văn bản").fill("45")
    page.get_by_role("button", name="Tạo báo cáo").click()
    expect(page.locator(".messages")).to_contain_text("Báo cáo sơ kết")
    row = page.locator("#render-jobs tbody tr").first
    expect(row).to_contain_text("Đã xong", timeout=60_000)
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Tải DOCX").click()
    download = download_info.value
    assert download.suggested_filename == f"bao-cao-so-ket-2025-{today.year}.docx"
    with open(download.path(), "rb") as handle:
        document = docx.Document(io.BytesIO(handle.read()))
    header = "\n".join(cell.text for row in document.tables[0].rows for cell in row.cells)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Số: 45/BC-UBND" in header
    assert f"Sơ kết giai đoạn 2025–{today.year} thực hiện Kế hoạch số 33/KH-UBND" in text
    assert "buổi phổ biến Nghị quyết, cơ chế, chính sách" in text
    assert "Tổng dự toán được giao" in text
    # The plan's targets against the commune's indicators: a numbered section with its table.
    assert "III. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU" in text
    assert "Bảng 2. Kết quả thực hiện các chỉ tiêu của Kế hoạch" in text
    headers = [[cell.text for cell in table.rows[0].cells] for table in document.tables]
    # A review spans years: each target is judged against its own milestone, whose year the cell says.
    assert ["STT", "Chỉ tiêu", "Mốc đánh giá", "Kết quả trong kỳ", "Đánh giá"] in headers
