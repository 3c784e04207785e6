"""The Culture–Social office records a spending: beyond the budget line it is refused in Vietnamese with
what was typed kept; within it, it is saved and the funding summary shows it. The leader reads the
summary and has nothing to change; the programme dashboard shows the same figures."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from xaso.funding.models import BudgetLine, Spending
from xaso.funding.services import budget_line_save

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_spending_beyond_the_line_is_refused_then_one_within_shows_in_the_summary(
    demo, page: Page, browser: Browser, live_server, login_as
):
    year = timezone.localdate().year
    line = budget_line_save(
        line=BudgetLine(
            plan=demo.plan,
            year=year,
            source="state_budget",
            title=f"Chi khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số năm {year}",
            amount=20_000_000,
        )
    )
    login_as(page, demo.lan)
    page.goto("/quan-tri/kinh-phi/khoan-chi/add/")
    page.select_option("select[name=line]", str(line.pk))
    page.fill("input[name=date]", timezone.localdate().isoformat())
    page.fill("input[name=amount]", "25000000")
    page.fill("input[name=description]", "Sản xuất video về chuyển đổi số")
    page.select_option("select[name=task]", str(demo.plan.tasks.get(code="NV-1.5").pk))
    page.get_by_role("button", name=re.compile("^Lưu")).first.click()
    expect(page.locator("body")).to_contain_text("vượt số còn lại của khoản dự toán")
    expect(page.locator("body")).to_contain_text("còn 20.000.000 đồng")
    expect(page.locator("input[name=description]")).to_have_value("Sản xuất video về chuyển đổi số")
    assert not Spending.objects.exists()

    page.fill("input[name=amount]", "12500000")
    page.get_by_role("button", name=re.compile("^Lưu")).first.click()
    expect(page.locator(".messages")).to_contain_text("Sản xuất video về chuyển đổi số")
    assert BudgetLine.objects.get(pk=line.pk).spent == 12_500_000

    page.goto(f"/quan-tri/kinh-phi/?nam={year}")
    row = page.locator("#theo-nguon tr[data-source=state_budget]")
    expect(row).to_contain_text("20.000.000")
    expect(row).to_contain_text("12.500.000")
    expect(row).to_contain_text("7.500.000")
    expect(page.locator("#theo-nhom")).to_contain_text("1. ")

    leader = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    other = leader.new_page()
    login_as(other, demo.hung)
    other.goto(f"/quan-tri/kinh-phi/?nam={year}")
    expect(other.locator("#tong-cong")).to_contain_text("12.500.000")
    expect(other.get_by_role("link", name="Ghi khoản chi")).to_have_count(0)
    # The programme dashboard carries the same figures, next to the schools' and enterprises'.
    other.goto(f"/quan-tri/chuong-trinh/?ky={year}")
    expect(other.locator("#kinh-phi")).to_contain_text("12.500.000")
    expect(other.locator("#truong-hoc-doanh-nghiep")).to_contain_text("buổi phổ biến cho doanh nghiệp")
    leader.close()
