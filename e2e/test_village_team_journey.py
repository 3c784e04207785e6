"""A village head, on his phone, logs a support visit of his team, updates the month's household
counts (a negative one is refused first), and sees his village's figures; the office sees them too."""

from __future__ import annotations

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from xaso.units.models import OrgUnit
from xaso.villages.models import ERR_NEGATIVE, Platform
from xaso.villages.services import platform_save, team_member_add

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def napan(demo):
    village = OrgUnit.objects.get(code="ls-hvt-t-napan")
    team_member_add(village=village, full_name="Hoàng Văn Sơn", role="leader")
    team_member_add(village=village, full_name="Nông Thị Hoa", role="deputy")
    for order, name in enumerate(("Postmart", "Voso")):
        platform_save(platform=Platform(commune=village.commune, name=name, sort_order=order))
    return village


def test_the_village_head_logs_a_visit_and_the_months_counts_from_his_phone(demo, napan, phone: Page, login_as):
    login_as(phone, demo.son)
    phone.get_by_role("link", name="Ghi buổi hỗ trợ").click()
    phone.get_by_label("Ngày hỗ trợ").fill(timezone.localdate().isoformat())
    phone.get_by_label("Hoàng Văn Sơn (tổ trưởng)").check()
    phone.get_by_label("Nông Thị Hoa (tổ phó)").check()
    phone.get_by_label("Bán hàng trên sàn thương mại điện tử").check()
    phone.get_by_label("Số hộ được hỗ trợ").fill("6")
    phone.get_by_label("Đã hỗ trợ việc gì").fill("Hướng dẫn 6 hộ chụp ảnh, đăng bán măng khô trên Postmart")
    phone.get_by_label("NV-1.3", exact=False).check()
    phone.get_by_role("button", name="Lưu buổi hỗ trợ").click()
    expect(phone.locator(".messages")).to_contain_text("Đã ghi buổi hỗ trợ")
    expect(phone.locator("[data-figure=visits] strong")).to_have_text("1")
    expect(phone.locator("[data-figure=helped] strong")).to_have_text("6")
    expect(phone.locator("#buoi-ho-tro")).to_contain_text("đăng bán măng khô trên Postmart")

    phone.get_by_role("link", name="Cập nhật số hộ tháng này").click()
    phone.get_by_label("Số hộ thanh toán không dùng tiền mặt").fill("-5")
    phone.get_by_label("Số hộ bán trên Postmart").fill("6")
    phone.get_by_label("Số hộ bán trên Voso").fill("2")
    phone.get_by_label("Số hộ bán hàng trên sàn thương mại điện tử").fill("7")
    phone.get_by_role("button", name="Lưu số hộ").click()
    expect(phone.locator("[data-field=cashless_households] .error-message")).to_have_text(ERR_NEGATIVE)
    # What he typed is still there: only the wrong number needs changing.
    expect(phone.get_by_label("Số hộ bán trên Postmart")).to_have_value("6")
    phone.get_by_label("Số hộ thanh toán không dùng tiền mặt").fill("35")
    phone.get_by_role("button", name="Lưu số hộ").click()
    expect(phone.locator(".messages")).to_contain_text("Đã lưu số hộ tháng")
    expect(phone.locator("[data-figure=ecommerce] strong")).to_have_text("7")
    expect(phone.locator("[data-figure=cashless] strong")).to_have_text("35")
    expect(phone.locator("svg.xs-chart")).to_be_visible()
    month = timezone.localdate().strftime("%Y-%m")
    expect(phone.locator(f"#theo-thang tr[data-month='{month}']")).to_contain_text("35")


def test_the_office_sees_the_village_among_all_villages(demo, napan, page: Page, login_as):
    from xaso.villages.services import support_visit_record

    support_visit_record(
        village=napan,
        date=timezone.localdate(),
        members=list(napan.team_members.all()),
        work="Mở tài khoản, tạo mã QR nhận tiền cho hộ bán hàng ở chợ phiên",
        households_helped=4,
        helped_cashless=True,
    )
    login_as(page, demo.lan)
    page.goto("/quan-tri/to-cong-nghe-so/")
    row = page.locator("#cac-thon tr[data-village=ls-hvt-t-napan]")
    expect(row).to_contain_text("Thôn Nà Pàn")
    expect(page.locator("#cac-thon tr[data-village=ls-hvt-t-banthang]")).to_be_visible()
    row.get_by_role("link", name="Thôn Nà Pàn").click()
    expect(page.locator("[data-figure=helped] strong")).to_have_text("4")
