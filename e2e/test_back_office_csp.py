"""Wagtail's own widgets work under the Content-Security-Policy: an inline panel adds a form whose page
chooser (initialised from data by headers/init.js, not an inline script) opens its modal and picks an
article. The page fixture fails the test on any CSP violation the browser reports."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from xaso.portal.demo import load_home, load_section
from xaso.portal.models import TopicPage
from xaso.testing.factories import article

pytestmark = pytest.mark.django_db(transaction=True)


def _quiet(_: str) -> None:
    return None


def test_an_inline_panel_and_a_page_chooser_modal_work_without_inline_scripts(
    demo, wagtail_roots, page: Page, login_as
):
    load_home(_quiet)
    section = load_section(_quiet)
    news = TopicPage.objects.child_of(section).get(slug="tin-tuc")
    admin = demo.linh.__class__.objects.get(username="quantri")
    article(news, demo.linh, title="Bài đã đăng để liên kết", publish_as=admin)

    login_as(page, demo.linh)
    page.goto(f"/quan-tri/pages/add/portal/articlepage/{news.pk}/")
    page.click("#id_related_links-ADD")
    chooser = page.locator("#id_related_links-0-target-chooser")
    expect(chooser).to_be_attached()
    chooser.locator("[data-chooser-action-choose]").first.click()
    modal = page.locator(".modal")
    expect(modal).to_contain_text("Bài đã đăng để liên kết")
    modal.get_by_role("link", name="Bài đã đăng để liên kết").first.click()
    expect(chooser).to_contain_text("Bài đã đăng để liên kết")
    assert page.locator("#id_related_links-0-target").input_value() != ""
