"""A school's reporter logs a club session and a contest (a wrong count first refused); the Economic
office records a showcased model and sends it to the portal's typical-models sub-section as a
draft, which the portal editor then finds there to complete."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from xaso.activities.models import Activity
from xaso.outreach.models import Club, ClubSession, SchoolEvent, Showcase
from xaso.outreach.services import ERR_AWARDS_OVER, club_save
from xaso.units.models import OrgUnit

pytestmark = pytest.mark.django_db(transaction=True)


def tick(page: Page, label: str) -> None:
    box = page.get_by_label(re.compile(label))
    # Centred first: at the bottom of the screen Wagtail's sticky "Lưu" bar would take the click.
    box.evaluate("element => element.scrollIntoView({block: 'center'})")
    if not box.is_checked():
        # A click event on the box itself: under load, a pointer click could land while the page
        # still settles and leave the box as it was.
        box.dispatch_event("click")
    expect(box).to_be_checked()


def save(page: Page) -> None:
    # Dates are the browser's own date inputs: no picker is left open over the button.
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(0)
    page.get_by_role("button", name=re.compile("^Lưu")).first.click()


def test_a_school_logs_a_club_session_and_a_contest(demo, page: Page, login_as):
    club_save(club=Club(unit=OrgUnit.objects.get(code="ls-hvt-thcs"), name="Câu lạc bộ Robotics", members_count=24))
    today = timezone.localdate().isoformat()
    login_as(page, demo.mai)
    page.goto("/quan-tri/truong-hoc/sinh-hoat/add/")
    expect(page.locator("select[name=club]")).to_have_value(str(Club.objects.get().pk))
    page.fill("input[name=date]", today)
    page.fill("input[name=topic]", "Lập trình robot dò đường")
    page.fill("input[name=pupils]", "22")
    page.fill("input[name=teachers]", "2")
    tick(page, "NV-2.5")
    save(page)
    expect(page.locator(".messages")).to_contain_text("Lập trình robot dò đường")
    session = ClubSession.objects.get()
    assert Activity.objects.get(source=session.source).kind == "club"

    page.goto("/quan-tri/truong-hoc/cuoc-thi-dien-dan/add/")
    page.select_option("select[name=kind]", "contest")
    page.fill("input[name=title]", "Cuộc thi Em sáng tạo với công nghệ số")
    page.fill("input[name=date_start]", today)
    page.fill("input[name=pupils]", "120")
    page.fill("input[name=teachers]", "8")
    page.fill("input[name=entries]", "30")
    page.fill("input[name=awards]", "31")
    tick(page, "NV-2.5")
    save(page)
    expect(page.locator("body")).to_contain_text(ERR_AWARDS_OVER.format(awards=31, entries=30))
    expect(page.locator("input[name=title]")).to_have_value("Cuộc thi Em sáng tạo với công nghệ số")
    assert not SchoolEvent.objects.exists()
    page.fill("input[name=awards]", "6")
    save(page)
    expect(page.locator(".messages")).to_contain_text("Cuộc thi Em sáng tạo với công nghệ số")
    event = SchoolEvent.objects.get()
    assert Activity.objects.get(source=event.source).participants == 128


def test_an_enterprise_showcase_becomes_a_draft_in_the_typical_models_sub_section(
    demo, portal, page: Page, browser: Browser, live_server, login_as
):
    title = "Máy sấy hồi dùng năng lượng mặt trời"
    login_as(page, demo.tuan)
    page.goto("/quan-tri/doanh-nghiep/mo-hinh/add/")
    page.select_option("select[name=enterprise]", label="Hợp tác xã Nông nghiệp Hoàng Văn Thụ")
    page.fill("input[name=owner_name]", "Hợp tác xã Nông nghiệp Hoàng Văn Thụ")
    page.select_option("select[name=kind]", "initiative")
    page.fill("input[name=title]", title)
    page.fill("textarea[name=summary]", "Buồng sấy mái kính, quạt chạy điện mặt trời: phơi hồi hai ngày thay vì năm.")
    page.fill("input[name=date]", timezone.localdate().isoformat())
    page.fill("input[name=participants]", "35")
    tick(page, "NV-3.2")
    save(page)
    expect(page.locator(".messages")).to_contain_text(title)

    page.goto("/quan-tri/doanh-nghiep/mo-hinh/")
    page.get_by_role("link", name="Đưa lên trang thông tin").click()
    page.get_by_role("button", name="Tạo bản nháp trên trang thông tin").click()
    expect(page.locator(".messages")).to_contain_text("Đã tạo bản nháp")
    expect(page.locator("main")).to_contain_text(f"Bản nháp: {title}")
    article = Showcase.objects.get().article
    assert article is not None
    assert not article.live
    assert article.get_parent().slug == "mo-hinh-dien-hinh"

    # The portal editor finds the draft in the sub-section and opens it to complete it.
    editor = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    other = editor.new_page()
    login_as(other, demo.linh)
    other.goto(f"/quan-tri/pages/{article.get_parent().pk}/")
    row = other.locator("main").get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text(re.compile("nháp", re.IGNORECASE))
    row.get_by_role("link", name=title).first.click()
    expect(other.locator("input[name=title]")).to_have_value(title)
    editor.close()
