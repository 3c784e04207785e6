"""The leader who approves is told, in the back office and by e-mail, of each report waiting for approval."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from xaso.notifications.models import Notification
from xaso.reporting import notices
from xaso.reporting.tests.helpers import report_of, send

pytestmark = pytest.mark.django_db
TITLE = "Báo cáo 6 tháng đầu năm 2026"


def test_a_sent_report_reaches_the_leader_in_the_back_office_and_by_e_mail(
    demo, half_year, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    notice = Notification.objects.get(user=demo.hung, key__contains=":awaiting:")
    assert notice.subject == notices.AWAITING.format(title=TITLE, unit="Trường THCS Hoàng Văn Thụ")
    assert notice.url == reverse("reporting_report", args=[report_of(half_year, "ls-hvt-thcs").pk])
    (letter,) = [m for m in mail.outbox if m.to == [demo.hung.email]]
    assert "Chờ anh/chị duyệt" in letter.subject
    assert "mở báo cáo để duyệt" in letter.body
    page = client_for(demo.hung).get(reverse("notifications_list")).text
    assert "Chờ anh/chị duyệt: “Báo cáo 6 tháng đầu năm 2026” của Trường THCS Hoàng Văn Thụ" in page


def test_the_reporters_and_other_communes_leaders_are_not_told(demo, half_year):
    send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    assert not Notification.objects.filter(key__contains=":awaiting:").exclude(user=demo.hung).exists()
