"""30 wrong passwords lock the account and the address; the right one is refused until the lock ends."""

from __future__ import annotations

from datetime import datetime, timedelta

import time_machine
from django.conf import settings
from django.test import Client
from django.utils import timezone

from xaso.signin.models import LoginEvent, LoginOutcome

START = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.get_current_timezone())


def _wrong(post_login, client, username, times, address="10.0.0.1"):
    return [post_login(client, username, "sai-mat-khau", address) for _ in range(times)]


def test_the_limit_and_the_lock_time_are_the_documented_defaults():
    assert settings.AXES_FAILURE_LIMIT == 30
    assert timedelta(minutes=30) == settings.AXES_COOLOFF_TIME
    assert settings.AXES_LOCKOUT_PARAMETERS == ["username", "ip_address"]


def test_29_wrong_passwords_still_let_the_right_one_in(demo, client, post_login):
    with time_machine.travel(START, tick=False):
        answers = _wrong(post_login, client, "thcs.mai", 29)
        assert all(a.status_code == 200 for a in answers)
        assert "Đăng nhập bị khóa" not in answers[-1].content.decode()
        assert post_login(client, "thcs.mai").status_code == 302


def test_the_30th_wrong_password_locks_with_a_vietnamese_page(demo, client, post_login):
    with time_machine.travel(START, tick=False):
        answers = _wrong(post_login, client, "thcs.mai", 30)
    page = answers[-1].content.decode()
    assert answers[-1].status_code == 429
    assert "Đăng nhập tạm thời bị khóa vì mật khẩu đã bị nhập sai 30 lần" in page
    assert "kể cả với mật khẩu đúng" in page
    assert "08:30 ngày 02/03/2026" in page


def test_the_right_password_is_refused_until_the_lock_ends(demo, post_login):
    client = Client()
    with time_machine.travel(START, tick=False) as clock:
        _wrong(post_login, client, "thcs.mai", 30)
        clock.shift(timedelta(minutes=29))
        refused = post_login(client, "thcs.mai")
        assert refused.status_code == 429
        assert "_auth_user_id" not in client.session
        # Attempts during the lock do not extend it: it ends 30 minutes after the last wrong password.
        clock.shift(timedelta(minutes=1, seconds=1))
        assert post_login(client, "thcs.mai").status_code == 302


def test_the_address_lock_refuses_another_account_from_that_address(demo, post_login):
    with time_machine.travel(START, tick=False):
        for name in ("thcs.mai", "tieuhoc.ha", "thon.napan"):
            _wrong(post_login, Client(), name, 10, address="10.0.0.9")
        other = post_login(Client(), "kinhte.tuan", address="10.0.0.9")
        assert other.status_code == 429
        # The same account from another address is not locked: only 10 wrong passwords were its own.
        assert post_login(Client(), "kinhte.tuan", address="10.0.0.10").status_code == 302


def test_the_account_lock_holds_from_every_address(demo, post_login):
    with time_machine.travel(START, tick=False):
        for i in range(30):
            post_login(Client(), "thcs.mai", "sai-mat-khau", address=f"10.0.1.{i}")
        assert post_login(Client(), "thcs.mai", address="10.0.2.1").status_code == 429


def test_every_attempt_is_recorded_with_its_address_and_outcome(demo, post_login):
    with time_machine.travel(START, tick=False):
        _wrong(post_login, Client(), "thcs.mai", 30, address="10.0.0.7")
        post_login(Client(), "thcs.mai", address="10.0.0.7")
    events = LoginEvent.objects.filter(username="thcs.mai").order_by("pk")
    outcomes = [e.outcome for e in events]
    assert outcomes == [LoginOutcome.FAILURE] * 29 + [LoginOutcome.LOCKED_OUT] * 2
    assert {e.address for e in events} == {"10.0.0.7"}
    assert events[0].user == demo.mai
    assert events[0].get_outcome_display() == "Sai tên đăng nhập hoặc mật khẩu"


def test_a_successful_log_in_does_not_wipe_the_count(demo, post_login):
    with time_machine.travel(START, tick=False):
        _wrong(post_login, Client(), "thcs.mai", 20, address="10.0.0.5")
        # Someone with an account of her own logs in from the same address between guesses…
        assert post_login(Client(), "kinhte.tuan", address="10.0.0.5").status_code == 302
        _wrong(post_login, Client(), "thcs.mai", 10, address="10.0.0.5")
        # …and the 30th wrong guess still locks.
        assert post_login(Client(), "thcs.mai", address="10.0.0.5").status_code == 429


def test_old_failures_are_forgotten_after_the_lock_time(demo, post_login):
    with time_machine.travel(START, tick=False) as clock:
        _wrong(post_login, Client(), "thcs.mai", 29)
        clock.shift(timedelta(minutes=31))
        _wrong(post_login, Client(), "thcs.mai", 1)
        assert post_login(Client(), "thcs.mai").status_code == 302
