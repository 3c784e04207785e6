"""reminders_send: before the deadline and after it, once per threshold, only to units that owe."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail

from xaso.notifications.models import Notification
from xaso.reporting import notices
from xaso.reporting.models import ReportingCalendar
from xaso.reporting.reminders import reminders_send
from xaso.reporting.tests.helpers import report_of, send, unit

pytestmark = pytest.mark.django_db


def reminders_of(user):
    return list(Notification.objects.filter(user=user, key__contains=":due:").order_by("pk")) + list(
        Notification.objects.filter(user=user, key__contains=":overdue:").order_by("pk")
    )


def test_nothing_is_sent_before_the_first_threshold(demo, half_year):
    assert reminders_send(today=dt.date(2026, 5, 27)) == 0  # 8 days before 4/6, the last day
    assert reminders_of(demo.mai) == []


def test_seven_days_and_one_day_before_the_deadline_each_unit_is_reminded_once(
    demo, half_year, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert reminders_send(today=dt.date(2026, 5, 28)) > 0
    (first,) = reminders_of(demo.mai)
    first.refresh_from_db()
    assert first.subject == notices.DUE.format(days=7, title="Báo cáo 6 tháng đầu năm 2026")
    assert "Trường THCS Hoàng Văn Thụ" in first.body
    assert "04/06/2026" in first.body
    assert first.wants_email
    assert first.emailed_at is not None
    assert any(m.to == [demo.mai.email] and "Sắp đến hạn" in m.subject for m in mail.outbox)

    assert reminders_send(today=dt.date(2026, 5, 29)) == 0  # still the 7-day threshold: sent already
    reminders_send(today=dt.date(2026, 6, 3))
    reminders_send(today=dt.date(2026, 6, 4))  # the last day is still the 1-day threshold
    assert [n.subject for n in reminders_of(demo.mai)] == [
        notices.DUE.format(days=7, title="Báo cáo 6 tháng đầu năm 2026"),
        notices.DUE.format(days=1, title="Báo cáo 6 tháng đầu năm 2026"),
    ]


def test_a_missed_run_is_made_up_at_the_threshold_reached(demo, half_year):
    reminders_send(today=dt.date(2026, 6, 4))  # no run on 28/5 nor 3/6
    (only,) = reminders_of(demo.mai)
    assert only.subject == notices.DUE_TODAY.format(title="Báo cáo 6 tháng đầu năm 2026")


def test_a_unit_that_has_sent_is_not_reminded(demo, half_year):
    send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    reminders_send(today=dt.date(2026, 6, 4))
    assert reminders_of(demo.mai) == []
    assert len(reminders_of(demo.ha)) == 1  # the primary school has not


def test_after_the_deadline_late_units_are_told_on_day_one_and_day_seven(demo, half_year):
    reminders_send(today=dt.date(2026, 6, 5))  # the plan's "trước ngày 05 tháng 6": already a day late
    reminders_send(today=dt.date(2026, 6, 7))
    reminders_send(today=dt.date(2026, 6, 11))
    overdue = [n for n in reminders_of(demo.son) if ":overdue:" in n.key]
    assert [n.subject for n in overdue] == [
        notices.OVERDUE.format(days=1, title="Báo cáo 6 tháng đầu năm 2026"),
        notices.OVERDUE.format(days=7, title="Báo cáo 6 tháng đầu năm 2026"),
    ]
    assert "vẫn được nhận" in overdue[0].body


def test_no_reminders_once_the_period_is_locked(demo, half_year):
    assert half_year.expires_on == dt.date(2026, 7, 4)
    assert reminders_send(today=dt.date(2026, 7, 5)) == 0


def test_the_provinces_calendar_decides_when(demo, half_year):
    ReportingCalendar.objects.create(province=unit("ls"), reminder_days="3", overdue_days="")
    assert reminders_send(today=dt.date(2026, 5, 31)) == 0
    reminders_send(today=dt.date(2026, 6, 1))  # three days before 04/06
    assert [n.subject for n in reminders_of(demo.mai)] == [
        notices.DUE.format(days=3, title="Báo cáo 6 tháng đầu năm 2026")
    ]
    assert reminders_send(today=dt.date(2026, 6, 10)) == 0
