"""An editor drafts an article, the leader approves it, and a resident finds it on a phone without accents."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Browser, Page, expect

from e2e.signin import log_in
from xaso.portal.demo import load_home, load_section
from xaso.portal.models import ArticlePage, TopicPage

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Chuyển đổi số ở thôn Khuổi Nhàn"


def _quiet(_: str) -> None:
    return None


def _login(page: Page, username: str) -> None:
    log_in(page, get_user_model().objects.get(username=username))


def test_draft_approval_publication_and_an_accentless_search_on_a_phone(
    demo, wagtail_roots, browser: Browser, live_server, phone: Page
):
    load_home(_quiet)
    section = load_section(_quiet)
    news = TopicPage.objects.child_of(section).get(slug="tin-tuc")

    # The editor writes the article and sends it to the leader.
    editor = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = editor.new_page()
    page.set_default_timeout(20_000)
    _login(page, demo.linh.username)
    page.goto(f"/quan-tri/pages/add/portal/articlepage/{news.pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_intro", "Tổ công nghệ số cộng đồng thôn Khuổi Nhàn giúp bà con thanh toán không dùng tiền mặt.")
    page.locator("button.c-sf-add-button").first.click()
    page.get_by_role("option", name="Đoạn văn").click()
    body = page.locator(".public-DraftEditor-content").first
    expect(body).to_be_visible()
    body.click()
    body.press_sequentially("Bà con được hướng dẫn mở tài khoản và quét mã QR khi mua bán ở chợ phiên.")
    # Draftail writes the text into the form a moment after typing.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("chợ phiên"))
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    article = ArticlePage.objects.get(title=TITLE)
    assert not article.live
    assert article.slug == "chuyen-doi-so-o-thon-khuoi-nhan"
    editor.close()

    # Nobody outside sees it yet.
    phone.goto("/tim-kiem/?q=khuoi+nhan")
    expect(phone.locator("main")).not_to_contain_text(TITLE)

    # The leader approves it from the page editor.
    leader = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = leader.new_page()
    page.set_default_timeout(20_000)
    _login(page, demo.hung.username)
    expect(page.locator("main")).to_contain_text(TITLE)  # "waiting for your review" on the dashboard
    page.goto(f"/quan-tri/pages/{article.pk}/edit/")
    page.locator("footer .w-dropdown__toggle").click()
    page.locator("[data-workflow-action-name=approve]").first.click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    article.refresh_from_db()
    assert article.live
    leader.close()

    # A resident on a phone searches without accents and opens the article.
    phone.goto("/")
    phone.fill("#tu-khoa", "chuyen doi so khuoi nhan")
    phone.keyboard.press("Enter")
    expect(phone).to_have_url(re.compile(r"/tim-kiem/\?q=chuyen"))
    phone.get_by_role("link", name=re.compile("Khuổi Nhàn")).first.click()
    expect(phone.locator("h1")).to_have_text(TITLE)
    expect(phone.locator("main")).to_contain_text("quét mã QR khi mua bán")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360
