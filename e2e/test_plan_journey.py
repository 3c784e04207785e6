"""A programme owner reads and edits the seed plan in the browser; others see their scope."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_resident_reads_the_whole_plan_on_a_phone(demo, phone: Page):
    phone.goto("/ke-hoach/")
    expect(phone.locator("h1")).to_contain_text("KẾ HOẠCH")
    expect(phone.locator("#muc-tieu")).to_contain_text("Ít nhất 80% người dân")
    expect(phone.locator("#nhiem-vu")).to_contain_text("Bình dân học vụ số")
    expect(phone.locator(".signature")).to_contain_text("KT. CHỦ TỊCH")
    # No horizontal scrolling on a 360 px screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360


def test_the_programme_owner_edits_a_target_and_the_change_is_in_its_history(demo, page: Page, login_as):
    login_as(page, demo.lan)
    page.get_by_role("button", name="Kế hoạch").click()
    page.get_by_role("link", name="Mục tiêu cụ thể").click()
    page.get_by_role("link", name=re.compile("MT-2028-2030-2")).first.click()
    text = page.locator("textarea[name=text]")
    text.fill(text.input_value() + " (đã rà soát)")
    page.get_by_role("button", name=re.compile("Lưu")).first.click()
    expect(page.locator(".messages")).to_contain_text("MT-2028-2030-2")
    target = demo.plan.targets.get(code="MT-2028-2030-2")
    assert target.text.endswith("(đã rà soát)")
    assert target.revisions.latest("created_at").user == demo.lan


def test_a_school_reporter_reads_the_plan_but_cannot_edit_it(demo, page: Page, login_as):
    login_as(page, demo.mai)
    target = demo.plan.targets.get(code="MT-2025-2")
    page.goto(reverse("wagtailsnippets_plans_target:inspect", args=[target.pk]))
    expect(page.locator("main")).to_contain_text("100% cán bộ, công chức")
    page.goto(reverse("wagtailsnippets_plans_target:edit", args=[target.pk]))
    expect(page).to_have_url(re.compile(r"/quan-tri/$"))
