"""On a 390×844 phone, without ever scrolling sideways: a village head records an activity with a
photo, and a school reporter writes and sends the half-year report."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from PIL import Image
from playwright.sync_api import Browser, FilePayload, Page, expect

from e2e.csp import no_csp_violations, watch_csp
from xaso.activities.models import Activity
from xaso.reporting.models import PeriodKind, ReportState, UnitReport
from xaso.reporting.services import period_open
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)

HANOI = dt.timezone(dt.timedelta(hours=7))
TITLE = "Tổ công nghệ số hướng dẫn bà con cài ứng dụng VNeID"


@pytest.fixture
def phone390(browser: Browser, live_server: Any) -> Iterator[Page]:
    context = browser.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        locale="vi-VN",
    )
    context.set_default_timeout(20_000)
    watched = watch_csp(context)
    yield context.new_page()
    context.close()
    no_csp_violations(watched)


def no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{page.url}: {width[0]} px of content on a {width[1]} px screen"


def photo() -> FilePayload:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 480), (46, 125, 50)).save(buffer, "JPEG")
    return FilePayload(name="huong-dan-vneid.jpg", mimeType="image/jpeg", buffer=buffer.getvalue())


def test_a_village_head_records_an_activity_with_a_photo(demo, phone390: Page, login_as, time_machine):
    time_machine.move_to(dt.datetime(2026, 3, 10, 9, 0, tzinfo=HANOI))
    login_as(phone390, demo.son)
    no_sideways_scroll(phone390)
    phone390.goto("/quan-tri/hoat-dong/danh-sach/add/")
    no_sideways_scroll(phone390)
    # The header (the screen's name, its buttons) is whole within the screen.
    assert phone390.evaluate(
        "() => [...document.querySelectorAll('header *')].filter(e => e.getClientRects().length)"
        ".every(e => e.getBoundingClientRect().left >= -1 && e.getBoundingClientRect().right <= innerWidth + 1)"
    )
    phone390.select_option("select[name=kind]", "digital_support")
    phone390.fill("input[name=title]", TITLE)
    expect(phone390.locator("input[name=date_start]")).to_have_attribute("type", "date")
    phone390.fill("input[name=date_start]", "2026-03-09")
    phone390.select_option("select[name=audience]", "residents")
    phone390.fill("input[name=participants]", "24")
    phone390.fill("input[name=residents]", "24")
    phone390.get_by_role("button", name=re.compile("tệp minh chứng")).first.click()
    phone390.set_input_files("input[name=evidence-0-file]", files=[photo()])
    phone390.fill("input[name=evidence-0-caption]", "Bà con cài VNeID tại nhà văn hóa thôn")
    no_sideways_scroll(phone390)
    save = phone390.get_by_role("button", name=re.compile("^Lưu")).first
    box = save.bounding_box()
    assert box is not None
    assert box["height"] >= 44  # a finger's width
    save.click()
    expect(phone390.locator(".messages")).to_contain_text(TITLE)
    no_sideways_scroll(phone390)
    activity = Activity.objects.get(title=TITLE)
    assert (activity.unit.code, activity.date_start) == ("ls-hvt-t-napan", dt.date(2026, 3, 9))
    assert activity.evidence.get().file.name.endswith(".jpg")


def test_a_school_reporter_sends_the_half_year_report(demo, phone390: Page, login_as, time_machine):
    time_machine.move_to(dt.datetime(2026, 5, 20, 9, 0, tzinfo=HANOI))
    period = period_open(
        commune=OrgUnit.objects.get(code="ls-hvt"), kind=PeriodKind.HALF_YEAR, year=2026, user=demo.lan
    )
    time_machine.move_to(dt.datetime(2026, 6, 4, 20, 0, tzinfo=HANOI))  # the last evening on time
    login_as(phone390, demo.mai)
    phone390.goto("/quan-tri/bao-cao/")
    no_sideways_scroll(phone390)
    phone390.locator("#my-reports a").first.click()
    no_sideways_scroll(phone390)
    expect(phone390.locator("body")).to_contain_text("hết ngày 04/06/2026")
    phone390.get_by_label("Kết quả thực hiện (bắt buộc khi gửi)").fill("Tổ chức 2 buổi ngoại khóa cho 320 học sinh.")
    phone390.get_by_label("Khó khăn, vướng mắc (bắt buộc khi gửi)").fill("Phòng máy tính còn thiếu.")
    phone390.get_by_label("Đề xuất, kiến nghị (bắt buộc khi gửi)").fill("Đề nghị hỗ trợ 10 máy tính.")
    send = phone390.get_by_role("button", name="Gửi báo cáo")
    box = send.bounding_box()
    assert box is not None
    assert box["height"] >= 44
    send.click()
    expect(phone390.locator("[data-role=state]")).to_have_text("Đã gửi, chờ duyệt")
    no_sideways_scroll(phone390)
    report = UnitReport.objects.get(period=period, unit__code="ls-hvt-thcs")
    assert (report.state, report.on_time) == (ReportState.SUBMITTED, True)
