"""Secure log-in in the browser: 30 wrong passwords lock the account and the address (in Vietnamese);
a leader reaches the back office only after setting up the second factor on his phone, and from then
on logs in with his password and the code his authenticator shows."""

from __future__ import annotations

import base64
import re
import time

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Browser, Page, expect

from e2e.csp import no_csp_violations, watch_csp
from xaso.demo.loaders import DEMO_PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)

LOCKED = "Đăng nhập tạm thời bị khóa vì mật khẩu đã bị nhập sai 30 lần"


def _submit(page: Page, username: str, password: str) -> None:
    page.goto("/quan-tri/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("form.login-form button[type=submit]")
    page.wait_for_load_state()


def test_30_wrong_passwords_lock_the_account_and_the_address(demo, page: Page):
    for attempt in range(1, 30):
        _submit(page, "thcs.mai", f"sai-mat-khau-{attempt}")
        expect(page.locator("main")).not_to_contain_text(LOCKED)
    _submit(page, "thcs.mai", "sai-mat-khau-30")
    expect(page.locator("#locked-out")).to_contain_text(LOCKED)
    expect(page.locator("h1")).to_have_text("Đăng nhập bị khóa")
    # The right password is refused while the lock lasts.
    _submit(page, "thcs.mai", DEMO_PASSWORD)
    expect(page.locator("#locked-out")).to_contain_text("kể cả với mật khẩu đúng")
    assert "/quan-tri/login/" in page.url
    # So is another account from the same address (this browser's).
    _submit(page, "kinhte.tuan", DEMO_PASSWORD)
    expect(page.locator("#locked-out")).to_contain_text(LOCKED)
    page.goto("/quan-tri/")
    assert "/quan-tri/login/" in page.url


def _code(secret: str, *, steps_ahead: int = 0) -> str:
    """What an authenticator app computes from the key typed in (RFC 6238, 30 s, 6 digits)."""
    key = base64.b32decode(secret.replace(" ", "") + "=" * (-len(secret.replace(" ", "")) % 8))
    totp = TOTP(key, step=30, t0=0, digits=6)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def test_a_leader_sets_up_the_second_factor_before_the_back_office(demo, browser: Browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True, locale="vi-VN"
    )
    context.set_default_timeout(15_000)
    violations = watch_csp(context)
    phone = context.new_page()
    _submit(phone, "pct.hung", DEMO_PASSWORD)
    # Password right, but the back office stays closed until the second factor is set up.
    expect(phone.locator("h1")).to_have_text("Bật xác thực hai bước")
    expect(phone.locator("main")).to_contain_text("Vai trò của bạn bắt buộc xác thực hai bước")
    phone.goto("/quan-tri/bao-cao/")
    assert "/quan-tri/xac-thuc/thiet-lap/" in phone.url
    expect(phone.locator("#otp-qr svg")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    secret = phone.locator("#otp-secret").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}( [A-Z2-7]{1,4})+", secret)
    phone.fill("input[name=code]", "123456" if _code(secret) != "123456" else "654321")
    phone.click("form.signin-form button[type=submit]")
    expect(phone.locator("#code-error")).to_contain_text("Mã chưa đúng")
    phone.wait_for_timeout(1100)  # django-otp holds the next try back 1 s after a wrong code
    phone.fill("input[name=code]", _code(secret))
    phone.click("form.signin-form button[type=submit]")
    expect(phone.locator("h1")).to_have_text("Mã dự phòng")
    expect(phone.locator("#backup-codes li")).to_have_count(10)
    phone.click("#continue")
    phone.wait_for_url("**/quan-tri/bao-cao/")
    expect(phone.locator("main")).to_contain_text("Báo cáo")

    # Next time: password, then the code the app shows (the next one: a code opens one log-in).
    context.clear_cookies()  # the next day: a new browser session
    _submit(phone, "pct.hung", DEMO_PASSWORD)
    expect(phone.locator("h1")).to_have_text("Nhập mã xác thực")
    phone.goto("/quan-tri/")
    assert "/quan-tri/xac-thuc/" in phone.url
    phone.fill("input[name=code]", "000000" if _code(secret, steps_ahead=1) != "000000" else "111111")
    phone.click("form.signin-form button[type=submit]")
    expect(phone.locator("#code-error")).to_contain_text("Mã xác thực không đúng")
    phone.wait_for_timeout(1100)
    phone.fill("input[name=code]", _code(secret, steps_ahead=1))
    phone.click("form.signin-form button[type=submit]")
    phone.wait_for_url("**/quan-tri/")
    expect(phone.locator("main")).to_contain_text("Hoàng Văn Hùng")
    context.close()
    no_csp_violations(violations)
