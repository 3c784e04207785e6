"""A whole reporting cycle in the browser, on the demo commune: the Culture–Social office opens the
half-year period, four units draft and send (the primary school late), the office returns one and
approves the rest, then generates the consolidated report and downloads its DOCX, XLSX and PDF, records it as
sent to the Department, and the province downloads the version sent."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from typing import Any

import docx
import openpyxl
import pytest
from playwright.sync_api import Browser, Page, expect

from e2e.csp import no_csp_violations, watch_csp
from e2e.signin import log_in
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)

HANOI = dt.timezone(dt.timedelta(hours=7))
RETURN_COMMENT = "Bổ sung số doanh nghiệp được phổ biến theo từng tháng."


@pytest.fixture
def sign_in(browser: Browser, live_server: Any) -> Iterator[Any]:
    """sign_in(user) -> a page of a fresh browser context logged in as that user."""
    contexts = []
    watched: list[list[str]] = []

    def open_as(user: Any) -> Page:
        context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
        context.set_default_timeout(20_000)
        contexts.append(context)
        watched.append(watch_csp(context))
        page = context.new_page()
        return log_in(page, user)

    yield open_as
    for context in contexts:
        context.close()
    for violations in watched:
        no_csp_violations(violations)


def write_and_send(page: Page, *, results: str, difficulties: str, proposals: str) -> None:
    page.goto("/quan-tri/bao-cao/")
    page.locator("#my-reports a").first.click()
    page.get_by_label("Kết quả thực hiện (bắt buộc khi gửi)").fill(results)
    page.get_by_role("button", name="Lưu bản nháp").click()
    expect(page.locator("[data-role=state]")).to_have_text("Đang soạn")
    page.get_by_label("Khó khăn, vướng mắc (bắt buộc khi gửi)").fill(difficulties)
    page.get_by_label("Đề xuất, kiến nghị (bắt buộc khi gửi)").fill(proposals)
    page.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("[data-role=state]")).to_have_text("Đã gửi, chờ duyệt")


def review(page: Page, period_url: str, unit: str) -> None:
    page.goto(period_url)
    page.locator(f"#assignments tr[data-unit='{unit}'] a").click()


def test_a_whole_cycle_from_opening_to_the_consolidated_report(demo, sign_in, time_machine):
    time_machine.move_to(dt.datetime(2026, 5, 20, 9, 0, tzinfo=HANOI))
    activity(
        OrgUnit.objects.get(code="ls-hvt-thcs"),
        kind="extracurricular",
        audience="schools",
        participants=320,
        officials=0,
        pupils=300,
        tasks=demo.plan.tasks.filter(code="NV-2.1"),
    )

    # The office opens the half-year period (dates from the plan: data to 31/5, "trước ngày 05 tháng 6", so 04/6 is the last day).
    lan = sign_in(demo.lan)
    lan.goto("/quan-tri/bao-cao/")
    lan.get_by_role("link", name="Mở kỳ báo cáo").click()
    lan.get_by_label("Loại báo cáo").select_option("half_year")
    lan.get_by_label("Năm").fill("2026")
    lan.get_by_role("button", name="Mở kỳ báo cáo").click()
    expect(lan.locator(".messages")).to_contain_text("Đã mở “Báo cáo 6 tháng đầu năm 2026”")
    period_url = lan.url

    # Units draft and send on time...
    time_machine.move_to(dt.datetime(2026, 6, 3, 9, 0, tzinfo=HANOI))
    write_and_send(
        sign_in(demo.mai),
        results="Tổ chức 2 buổi ngoại khóa về chuyển đổi số cho 320 học sinh.",
        difficulties="Phòng máy tính còn thiếu.",
        proposals="Đề nghị hỗ trợ 10 máy tính.",
    )
    write_and_send(
        sign_in(demo.son),
        results="Tổ công nghệ số hướng dẫn 45 hộ cài VNeID.",
        difficulties="Sóng điện thoại yếu.",
        proposals="Không có.",
    )
    write_and_send(
        sign_in(demo.tuan), results="Phổ biến cho 3 doanh nghiệp.", difficulties="Không có.", proposals="Không có."
    )
    # ...and the primary school four days late.
    time_machine.move_to(dt.datetime(2026, 6, 8, 9, 0, tzinfo=HANOI))
    write_and_send(
        sign_in(demo.ha),
        results="Cuộc thi “Em yêu khoa học” cho 210 học sinh.",
        difficulties="Thiếu giáo viên tin học.",
        proposals="Bổ sung 01 giáo viên tin học.",
    )

    lan = sign_in(demo.lan)  # a new working day, a new session
    lan.goto(period_url)
    expect(lan.locator("#assignments tr[data-unit='ls-hvt-th'] [data-role=timeliness]")).to_have_text("Muộn 4 ngày")
    expect(lan.locator("#assignments tr[data-unit='ls-hvt-thcs'] [data-role=timeliness]")).to_have_text("Đúng hạn")

    # The office returns the Economic office's report and approves the others.
    review(lan, period_url, "ls-hvt-kt")
    lan.get_by_label("Ý kiến trả lại (đơn vị cần sửa, bổ sung gì)").fill(RETURN_COMMENT)
    lan.get_by_role("button", name="Trả lại để sửa").click()
    expect(lan.locator("[data-role=state]")).to_have_text("Trả lại để sửa")
    for unit in ("ls-hvt-thcs", "ls-hvt-th", "ls-hvt-t-napan"):
        review(lan, period_url, unit)
        lan.get_by_role("button", name="Duyệt báo cáo").click()
        expect(lan.locator("[data-role=state]")).to_have_text("Đã duyệt")
    lan.goto(period_url)
    expect(lan.locator("#reporting-rate")).to_contain_text("3/")  # the returned one no longer counts
    expect(lan.locator("#on-time-rate")).to_contain_text("2/")

    # The consolidated report: generated in the background, progress shown, files downloaded.
    lan.get_by_label("Số văn bản").fill("12")
    lan.get_by_label("Ngày ban hành").fill("10/06/2026")
    lan.get_by_role("button", name="Tạo báo cáo tổng hợp").click()
    row = lan.locator("#render-jobs tbody tr").first
    expect(row).to_contain_text("Đã xong", timeout=90_000)
    files = {}
    for kind in ("DOCX", "XLSX", "PDF"):
        with lan.expect_download() as download:
            row.get_by_role("link", name=f"Tải {kind}").click()
        with open(download.value.path(), "rb") as f:
            files[kind] = f.read()
    assert files["PDF"].startswith(b"%PDF-")
    report = docx.Document(io.BytesIO(files["DOCX"]))
    text = "\n".join(p.text for p in report.paragraphs)
    assert "Tổ chức 2 buổi ngoại khóa về chuyển đổi số cho 320 học sinh." in text
    assert "Phổ biến cho 3 doanh nghiệp." not in text  # returned: not consolidated
    assert report.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 12/BC-UBND"
    signature = [p.text for p in report.tables[-1].rows[0].cells[1].paragraphs if p.text.strip()]
    assert signature[:2] == ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]
    workbook = openpyxl.load_workbook(io.BytesIO(files["XLSX"]))
    assert "Đơn vị" in workbook.sheetnames

    # Signed by the leader, it goes to the Department: the commune records which version it sent.
    lan.goto(period_url)
    expect(lan.locator("#sent-status")).to_contain_text("Chưa gửi Sở.")
    lan.get_by_role("button", name="Ghi nhận đã gửi Sở").click()
    expect(lan.locator("#sent-status")).to_contain_text("Đã gửi Sở")
    expect(lan.locator("#sent-status")).to_contain_text("(số 12/BC-UBND)")

    # The province follows it.
    quang = sign_in(demo.quang)
    quang.goto("/quan-tri/bao-cao/")
    quang.get_by_role("link", name="Tình hình báo cáo của các xã").click()
    quang.get_by_label("Năm").fill("2026")
    quang.get_by_role("button", name="Xem").click()
    commune_row = quang.locator("#communes tr[data-commune='ls-hvt']")
    expect(commune_row).to_contain_text("Đã gửi 08/06/2026")
    with quang.expect_download() as download:
        commune_row.get_by_role("link", name="DOCX").click()
    sent = docx.Document(download.value.path())
    assert sent.tables[0].rows[1].cells[0].paragraphs[0].text == "Số: 12/BC-UBND"
    with quang.expect_download() as download:
        quang.locator("#rollup-xlsx").click()
    assert download.value.suggested_filename == "tong-hop-bao-cao-ls-6-thang-dau-nam-2026.xlsx"
