"""Controls of Wagtail's screens that the project names or rewires (xaso/adminvi), used as a person
would in the browser: the "Vai trò" button of the user form opens the roles tab, the tag box and the
multiple upload's file picker are read out by the name of their label."""

from __future__ import annotations

from playwright.sync_api import Page, expect


def _admin(demo):
    return demo.linh.__class__.objects.get(username="quantri")


def test_the_roles_button_opens_the_roles_tab(demo, wagtail_roots, page: Page, login_as):
    login_as(page, _admin(demo))
    page.goto("/quan-tri/users/new/")
    roles = page.locator("#tab-roles")
    expect(roles).to_be_hidden()
    page.locator('#tab-account a[href="#tab-roles"]').click()
    expect(roles).to_be_visible()
    expect(page.get_by_role("tab", name="Vai trò")).to_have_attribute("aria-selected", "true")


def test_the_tag_box_and_the_file_picker_have_the_names_of_their_labels(demo, wagtail_roots, page: Page, login_as):
    login_as(page, _admin(demo))
    page.goto("/quan-tri/documents/add/")
    expect(page.get_by_role("textbox", name="Thẻ")).to_be_visible()
    page.goto("/quan-tri/images/multiple/add/")
    expect(page.get_by_label("Hoặc chọn từ máy tính của bạn")).to_be_attached()
