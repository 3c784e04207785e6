"""Each demo user logs in through the browser and sees exactly their scope; the outsider
gets nothing; no request leaves for another host."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from xaso.demo.loaders import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

UNITS = "wagtailsnippets_units_orgunit:list"

SCOPES = {
    "lan": ({"Trường THCS Hoàng Văn Thụ", "Thôn Nà Pàn", "Phòng Kinh tế"}, {"Xã Tân Thanh"}),
    "hung": ({"Trường THCS Hoàng Văn Thụ", "Thôn Nà Pàn"}, {"Xã Tân Thanh"}),
    "mai": ({"Trường THCS Hoàng Văn Thụ"}, {"Trường Tiểu học Hoàng Văn Thụ", "Thôn Nà Pàn"}),
    "son": ({"Thôn Nà Pàn"}, {"Thôn Bản Thẳng", "Trường THCS Hoàng Văn Thụ"}),
    "quang": ({"Xã Hoàng Văn Thụ", "Xã Tân Thanh", "Trường Tiểu học Tân Thanh"}, set()),
    "thu": ({"Trường Tiểu học Tân Thanh"}, {"Trường THCS Hoàng Văn Thụ"}),
}


@pytest.mark.parametrize("persona", sorted(SCOPES))
def test_each_demo_user_sees_exactly_their_units(demo, page: Page, login_as, outside_requests, persona):
    login_as(page, getattr(demo, persona))
    page.goto(reverse(UNITS))
    listing = page.locator("main")
    visible, hidden = SCOPES[persona]
    for name in visible:
        expect(listing).to_contain_text(name)
    for name in hidden:
        expect(listing).not_to_contain_text(name)
    assert outside_requests == []


def test_the_outsider_is_turned_away_at_the_door(demo, page: Page):
    page.goto("/quan-tri/login/")
    page.fill("input[name=username]", demo.outsider.username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile("/quan-tri/login/"))
    page.goto(reverse(UNITS))
    expect(page.locator("main")).not_to_contain_text("Trường THCS Hoàng Văn Thụ")
