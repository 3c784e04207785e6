"""The back office, as drawn by the browser (its JavaScript included), is in Vietnamese."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from xaso.adminvi.screen import english_words_on

pytestmark = pytest.mark.django_db(transaction=True)

# Everything a person reads or hears on the page once the scripts have run.
SCREEN_TEXT_JS = """() => {
  const spoken = [...document.querySelectorAll('[aria-label],[title],[placeholder],img[alt]')]
    .filter(el => el.closest('svg') === null)
    .map(el => [el.getAttribute('aria-label'), el.getAttribute('title'),
                el.getAttribute('placeholder'), el.getAttribute('alt')].filter(Boolean).join(' '));
  return document.body.innerText + ' ' + spoken.join(' ') + ' ' + document.title;
}"""


def screen(page: Page) -> str:
    page.wait_for_load_state("networkidle")
    return " ".join(page.evaluate(SCREEN_TEXT_JS).split())


def test_the_sidebar_and_dashboard_drawn_by_javascript_are_in_vietnamese(demo, page: Page, login_as):
    login_as(page, demo.lan)
    expect(page.get_by_role("button", name="Kế hoạch")).to_be_visible()
    text = screen(page)
    assert "Ẩn/hiện thanh bên" in text  # the sidebar's collapse button, from the JavaScript catalogue
    assert "Bảng điều khiển" in text
    assert english_words_on(text) == []


def test_the_target_editor_drawn_by_javascript_is_in_vietnamese(demo, page: Page, login_as):
    login_as(page, demo.lan)
    target = demo.plan.targets.order_by("sort_order").first()
    page.goto(reverse("wagtailsnippets_plans_target:edit", args=[target.pk]))
    expect(page.get_by_role("button", name="Lưu", exact=True)).to_be_visible()
    text = screen(page)
    assert "Ẩn/hiện bảng bên" in text or "Trạng thái" in text
    assert english_words_on(text) == []


def test_a_school_reporter_reads_the_plan_listing_in_vietnamese(demo, page: Page, login_as):
    login_as(page, demo.mai)
    page.goto(reverse("wagtailsnippets_plans_plan:list"))
    text = screen(page)
    assert "Hiện bộ lọc" in text
    assert "Sắp xếp theo 'Ngày ban hành' tăng dần." in text
    assert english_words_on(text) == []
