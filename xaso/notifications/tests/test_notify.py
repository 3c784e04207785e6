"""notify and notifications_email: one message per person and key; each e-mail sent once, retried if it failed."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction

from xaso.notifications.models import Notification
from xaso.notifications.services import notifications_email, notify

pytestmark = pytest.mark.django_db


def test_a_person_gets_one_message_per_key(demo):
    first = notify(user=demo.mai, key="reporting.report:1:due:7", subject="Sắp đến hạn", body="Còn 7 ngày.")
    again = notify(user=demo.mai, key="reporting.report:1:due:7", subject="Sắp đến hạn", body="Còn 7 ngày.")
    assert first is not None
    assert again is None
    assert Notification.objects.filter(user=demo.mai).count() == 1
    assert notify(user=demo.ha, key="reporting.report:1:due:7", subject="Sắp đến hạn", body="…") is not None


def test_a_duplicate_inside_a_transaction_does_not_break_it(demo):
    with transaction.atomic():
        notify(user=demo.mai, key="k", subject="A", body="a")
        notify(user=demo.mai, key="k", subject="A", body="a")
        notify(user=demo.mai, key="k2", subject="B", body="b")
    assert Notification.objects.filter(user=demo.mai).count() == 2


def test_the_e_mail_goes_out_once_with_a_link_to_the_back_office(demo, settings):
    settings.BASE_URL = "https://xaso.example"
    notify(
        user=demo.mai, key="k", subject="Sắp đến hạn báo cáo", body="Còn 7 ngày.", url="/quan-tri/bao-cao/", email=True
    )
    assert notifications_email() == 1
    assert notifications_email() == 0
    (message,) = mail.outbox
    assert message.subject == "[Xã số] Sắp đến hạn báo cáo"
    assert message.to == [demo.mai.email]
    assert "Còn 7 ngày." in message.body
    assert "https://xaso.example/quan-tri/bao-cao/" in message.body


def test_a_failed_e_mail_is_retried_by_the_next_run(demo, settings):
    notify(user=demo.mai, key="k", subject="Nhắc", body="…", email=True)
    settings.EMAIL_BACKEND = "xaso.notifications.tests.failing_backend.FailingBackend"
    assert notifications_email() == 0
    assert Notification.objects.get().emailed_at is None
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert notifications_email() == 1
    assert Notification.objects.get().emailed_at is not None


def test_no_address_no_e_mail(demo):
    demo.son.email = ""
    demo.son.save()
    notice = notify(user=demo.son, key="k", subject="Nhắc", body="…", email=True)
    assert notice is not None
    assert notice.wants_email is False
    assert notifications_email() == 0
