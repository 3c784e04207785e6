"""A school proposes a commendation with evidence, the Culture–Social office reviews it, the leader
decides, and the commendation appears on the portal's public honour roll."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from xaso.demo.loaders import load_portal_home, load_portal_section

pytestmark = pytest.mark.django_db(transaction=True)


def _photo(tmp_path) -> str:
    path = tmp_path / "le-trao-giai.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), "blue").save(buffer, "JPEG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def _portal() -> None:
    """The portal's section, rebuilt on the trees Wagtail's migrations made and the browser test's flush removed."""
    from django.conf import settings
    from wagtail.models import Collection, Locale, Page

    Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Gốc", slug="root"))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Gốc")
    load_portal_home(lambda _: None)
    load_portal_section(lambda _: None)


def _open_proposal(page: Page, nominee: str) -> None:
    page.goto("/quan-tri/khen-thuong/")
    page.get_by_role("row", name=nominee).get_by_role("link", name="Xem, xử lý").click()


def test_a_school_proposal_reaches_the_public_honour_roll(demo, page: Page, login_as, tmp_path):
    _portal()

    login_as(page, demo.mai)
    page.goto("/quan-tri/khen-thuong/add/")
    page.locator("#id_kind").select_option(label="Tập thể")
    page.locator("#id_nominee").fill("Câu lạc bộ Tin học trẻ")
    page.locator("#id_achievement").fill("Sản xuất 15 video ngắn về an toàn trên mạng.")
    page.locator("#id_public_summary").fill("Làm video ngắn về an toàn trên mạng.")
    page.locator("#id_public_consent").check()
    page.get_by_role("button", name="Thêm tệp minh chứng").click()
    page.locator("input[type=file]").first.set_input_files(_photo(tmp_path))
    page.get_by_role("button", name="Lưu").first.click()
    expect(page.locator(".messages")).to_be_visible()
    _open_proposal(page, "Câu lạc bộ Tin học trẻ")
    page.get_by_role("button", name="Gửi đề nghị").click()
    expect(page.locator("#trang-thai")).to_contain_text("Đã gửi")
    page.context.clear_cookies()

    login_as(page, demo.lan)
    _open_proposal(page, "Câu lạc bộ Tin học trẻ")
    page.get_by_label("Ý kiến thẩm định").fill("Đủ hồ sơ, đề nghị khen.")
    page.get_by_role("button", name="Nhận thẩm định, trình lãnh đạo").click()
    expect(page.locator("#trang-thai")).to_contain_text("Đang thẩm định")
    expect(page.get_by_role("button", name="Quyết định khen thưởng")).to_have_count(0)
    page.context.clear_cookies()

    login_as(page, demo.hung)
    _open_proposal(page, "Câu lạc bộ Tin học trẻ")
    page.get_by_label("Số quyết định").fill("215/QĐ-UBND")
    page.get_by_label("Ngày quyết định").fill("2026-03-10")
    page.get_by_role("button", name="Quyết định khen thưởng").click()
    expect(page.locator("#trang-thai")).to_contain_text("Đã có quyết định")
    expect(page.locator("#lich-su li")).to_have_count(3)
    page.context.clear_cookies()

    page.goto("/nghi-quyet-57/vinh-danh/")
    roll = page.locator(".honour-roll")
    expect(roll).to_contain_text("Câu lạc bộ Tin học trẻ")
    expect(roll).to_contain_text("Quyết định số 215/QĐ-UBND ngày 10/03/2026")
