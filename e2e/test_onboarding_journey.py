"""A commune comes on board in the browser: the province's administrator creates xã Tân Tiến from the
national list and imports its 30 units and 60 people from one XLSX; the people set their passwords
from their links (e-mail, or the printed sheet's QR codes); the programme owner uploads the commune's
plan, checks the draft beside its text, corrects a target and confirms it as the commune's plan."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from openpyxl import load_workbook
from playwright.sync_api import FilePayload, Page, expect

from xaso.intake.tests.conftest import commune_plan_text, docx_bytes
from xaso.onboarding.communes import wards_of
from xaso.onboarding.tests.rosters import commune_roster, workbook
from xaso.plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)
PASSWORD = "Chuyen-doi-so-57!"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def set_password(page: Page, url: str, username: str) -> None:
    page.goto(url)
    expect(page.locator("#ten-dang-nhap")).to_have_text(username)
    page.get_by_label("Mật khẩu mới", exact=True).fill(PASSWORD)
    page.get_by_label("Nhập lại mật khẩu mới").fill(PASSWORD)
    page.get_by_role("button", name="Đặt mật khẩu").click()
    page.wait_for_url("**/quan-tri/login/**")


def test_a_commune_is_onboarded_from_one_spreadsheet_and_its_plan_confirmed(
    demo, page: Page, login_as, browser, live_server
):
    mail.outbox = []
    # -- the province's administrator creates the commune from the national list ----------------------
    login_as(page, demo.hoa)
    page.get_by_role("link", name="Đưa xã lên Xã số").click()
    page.get_by_role("link", name="Thêm xã").click()
    ward = next(w for w in wards_of("Tỉnh Lạng Sơn") if w.name == "Xã Tân Tiến")
    page.get_by_label("Xã trong danh mục").select_option(label=f"Xã Tân Tiến (mã {ward.code})")
    page.get_by_role("button", name="Tạo xã").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo Xã Tân Tiến.")
    commune_url = page.url

    # -- downloads the template, fills it (30 units, 60 people) and imports it -------------------------
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải tệp mẫu (.xlsx)").click()
    with open(download.value.path(), "rb") as template:
        book = load_workbook(io.BytesIO(template.read()))
    assert book.sheetnames[:2] == ["Đơn vị", "Người dùng"]
    code = "ls-tan-tien"
    units, people = commune_roster(code, units=30, people=60)
    page.set_input_files(
        "input[name=file]",
        files=[FilePayload(name="don-vi-nguoi-dung.xlsx", mimeType=XLSX, buffer=workbook(units, people))],
    )
    page.get_by_role("button", name="Nhập tệp").click()
    expect(page.locator(".messages")).to_contain_text("30 đơn vị mới, 0 đơn vị cập nhật, 60 người dùng mới")
    with_email = [row for row in people if row[2]]
    without_email = [row for row in people if not row[2]]
    expect(page.locator("#nguoi-dung tbody tr")).to_have_count(60)

    # -- prints the QR sheet for those without e-mail --------------------------------------------------
    with page.context.expect_page() as sheet_info:
        page.get_by_role("button", name="In phiếu có mã QR").click()
    sheet = sheet_info.value
    sheet.wait_for_load_state()
    cards = sheet.locator("section.card")
    expect(cards).to_have_count(len(without_email))
    expect(cards.first.locator("svg")).to_be_visible()
    printed = {
        cards.nth(i).locator(".username").inner_text(): cards.nth(i).locator(".url").inner_text()
        for i in range(len(without_email))
    }
    sheet.close()
    emailed = {}
    for message in mail.outbox:
        body = str(message.body)
        found_user, found_link = re.search(r"Tên đăng nhập: (\S+)", body), re.search(r"http://\S+/thiet-lap/\S+/", body)
        assert found_user is not None
        assert found_link is not None
        emailed[found_user.group(1)] = found_link.group(0)
    assert set(emailed) == {row[1] for row in with_email}
    assert set(printed) == {row[1] for row in without_email}

    # -- every person sets a password from their own link (in their own browser) -------------------------
    person_context = browser.new_context(base_url=live_server.url, locale="vi-VN")
    person_page = person_context.new_page()
    for username, url in {**emailed, **printed}.items():
        set_password(person_page, url.replace("http://127.0.0.1:8000", live_server.url), username)
    expect(person_page.locator("body")).to_contain_text("Đã đặt mật khẩu cho tài khoản")
    person_context.close()

    # -- the province sees the commune on board ------------------------------------------------------
    page.goto(commune_url.split("/dua-xa-len/")[0] + "/dua-xa-len/")
    row = page.locator('tr[data-commune="ls-tan-tien"]')
    expect(row.locator('[data-col="units"]')).to_have_text("30")
    expect(row.locator('[data-col="set_up"]')).to_have_text("60 / 60")
    expect(row.locator('[data-col="plan"]')).to_have_text("Chưa có")

    # -- the programme owner logs in, uploads the commune's plan and checks the draft ---------------------
    owner = get_user_model().objects.get(username=f"{code}.vhxh")
    page.context.clear_cookies()
    login_as(page, owner, password=PASSWORD)
    page.get_by_role("link", name="Kế hoạch từ văn bản").click()
    page.set_input_files(
        "input[name=file]",
        files=[
            FilePayload(
                name="Kế hoạch 33-KH-UBND.docx", mimeType=DOCX, buffer=docx_bytes(commune_plan_text("Tân Tiến"))
            )
        ],
    )
    page.get_by_role("button", name="Tải lên và đọc văn bản").click()
    expect(page.locator("#draft-state")).to_contain_text("Chờ kiểm tra, xác nhận")
    expect(page.locator("#summary")).to_contain_text("9 mục tiêu, 17 nhiệm vụ trong 3 nhóm")
    # side by side: a target links to its source lines, which light up
    target = page.locator("#muc-tieu-4")
    expect(target).to_contain_text("Cần xem lại")
    expect(target).to_contain_text("giá trị suy ra, văn bản không ghi số")
    target.locator("a.source-link").click()
    first_line = (target.get_attribute("data-lines") or "").split("-")[0]
    expect(page.locator(f"#L{first_line}")).to_have_class(re.compile("is-highlighted"))
    # units named by the plan met the imported units
    expect(page.locator("#nv-1-1")).to_contain_text("Phòng Văn hóa - Xã hội xã → Phòng Văn hóa - Xã hội")
    expect(page.locator("#nv-2-1")).to_contain_text("Trường Mầm non Tân Tiến")

    # -- corrects the target whose value the document does not state ----------------------------------------
    target.get_by_role("link", name="Sửa").click()
    page.get_by_label("Giá trị").first.fill("2")
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".messages")).to_contain_text("Đã lưu")
    expect(page.locator("#muc-tieu-4")).to_contain_text("Đã kiểm tra")
    expect(page.locator("#muc-tieu-4")).to_contain_text("≥ 2 hoạt động")

    # -- and confirms: the commune has its plan -----------------------------------------------------------
    page.get_by_role("button", name="Xác nhận thành kế hoạch của xã").click()
    expect(page.locator(".messages")).to_contain_text("Kế hoạch 33/KH-UBND đã thành kế hoạch của Xã Tân Tiến")
    expect(page.locator("#confirmed")).to_be_visible()
    plan = Plan.objects.get(commune__code=code)
    assert (plan.targets.count(), plan.tasks.count()) == (9, 17)
    assert plan.targets.get(code="MT-2026-2").milestones.get().value == 2

    # -- the province sees the plan confirmed ------------------------------------------------------------
    page.context.clear_cookies()
    login_as(page, demo.quang)
    page.goto("/quan-tri/dua-xa-len/")
    expect(page.locator('tr[data-commune="ls-tan-tien"] [data-col="plan"]')).to_contain_text("Đã có: 33/KH-UBND")
