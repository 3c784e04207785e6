"""Sending the consolidated report to the Department: the commune records which signed version went,
the province is told and downloads exactly that version, reminders stop; mistakes change nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from xaso.documents.models import RenderJob, RenderStatus
from xaso.notifications.models import Notification
from xaso.reporting import consolidated, sending
from xaso.reporting.models import EDITABLE_STATES, PeriodKind, ReportingPeriod
from xaso.reporting.reminders import reminders_send
from xaso.reporting.services import period_open
from xaso.reporting.tests.helpers import OPENED_AT, at

pytestmark = pytest.mark.django_db


def page(period: ReportingPeriod) -> str:
    return reverse("reporting_period", args=[period.pk])


def finished_version(period: ReportingPeriod, *, number: int) -> RenderJob:
    """A finished consolidated report of `period` (its DOCX only: what sending needs)."""
    job = RenderJob.objects.create(
        builder=consolidated.BUILDER,
        params={"period_id": period.pk, "number": number, "issued_on": None},
        title=f"Báo cáo tổng hợp — {period.title}",
        unit=period.commune,
        status=RenderStatus.DONE,
        progress=100,
    )
    job.docx.save("bao-cao-tong-hop.docx", ContentFile(b"PK docx"), save=True)
    return job


def test_the_leader_records_the_signed_version_and_the_province_downloads_it(
    demo, cycle, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        job = consolidated.consolidation_request(period=cycle, user=demo.lan, number=12)
    leader = client_for(demo.hung)
    assert "Chưa gửi Sở." in leader.get(page(cycle)).content.decode()

    response = leader.post(page(cycle), {"action": "send", "job": str(job.pk)}, follow=True)

    html = response.content.decode()
    assert "Đã ghi nhận gửi báo cáo tổng hợp lên Sở Khoa học và Công nghệ" in html
    assert "Đã gửi Sở" in html
    assert "Bản đã gửi Sở" in html
    assert "(số 12/BC-UBND)" in html
    cycle.refresh_from_db()
    assert (cycle.sent_job, cycle.sent_by) == (job, demo.hung)
    told = Notification.objects.get(user=demo.quang)
    assert told.subject == "Xã Hoàng Văn Thụ đã gửi “Báo cáo 6 tháng đầu năm 2026”"
    province = client_for(demo.quang)
    row = province.get(
        reverse("reporting_province"), {"province": cycle.commune.get_parent().pk, "kind": "half_year", "year": 2026}
    )
    assert f"Đã gửi {cycle.sent_at.astimezone(dt.timezone(dt.timedelta(hours=7))):%d/%m/%Y}" in row.content.decode()
    assert reverse("documents:file", args=[job.pk, "docx"]) in row.content.decode()
    assert province.get(reverse("documents:file", args=[job.pk, "docx"])).status_code == 200


def test_a_corrected_version_replaces_the_one_sent_and_the_province_is_told_again(demo, cycle):
    first, second = finished_version(cycle, number=12), finished_version(cycle, number=15)
    sending.period_send(period=cycle, job=first, user=demo.hung, now=at(8))
    sending.period_send(period=cycle, job=second, user=demo.lan, now=at(9))

    cycle.refresh_from_db()
    assert (cycle.sent_job, cycle.sent_by, cycle.sent_at) == (second, demo.lan, at(9))
    latest = Notification.objects.filter(user=demo.quang).latest("pk")
    assert "Bản này thay cho bản đã gửi lúc 09:00 ngày 08/06/2026." in latest.body


def test_the_same_version_twice_is_refused_and_the_first_record_stays(demo, cycle):
    job = finished_version(cycle, number=12)
    sending.period_send(period=cycle, job=job, user=demo.hung, now=at(8))
    with pytest.raises(ValidationError) as refused:
        sending.period_send(period=cycle, job=job, user=demo.hung, now=at(9))
    assert refused.value.messages == [sending.ERR_ALREADY_SENT.format(time="09:00 ngày 08/06/2026")]
    cycle.refresh_from_db()
    assert cycle.sent_at == at(8)


def test_an_unfinished_version_cannot_be_sent(demo, cycle, client_for):
    job = RenderJob.objects.create(
        builder=consolidated.BUILDER, params={"period_id": cycle.pk}, title="Báo cáo tổng hợp", unit=cycle.commune
    )
    response = client_for(demo.hung).post(page(cycle), {"action": "send", "job": str(job.pk)})
    assert response.status_code == 400
    assert sending.ERR_NOT_READY in response.content.decode()
    cycle.refresh_from_db()
    assert cycle.sent_at is None
    assert not Notification.objects.filter(user=demo.quang).exists()


def test_a_draft_cannot_be_sent(demo, cycle):
    job = finished_version(cycle, number=12)
    RenderJob.objects.filter(pk=job.pk).update(is_draft=True)
    job.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        sending.period_send(period=cycle, job=job, user=demo.hung)
    assert error.value.messages == [sending.ERR_DRAFT]
    cycle.refresh_from_db()
    assert cycle.sent_at is None


def test_another_periods_report_cannot_be_sent_for_this_one(demo, cycle):
    annual = period_open(commune=cycle.commune, kind=PeriodKind.YEAR, year=2026, user=demo.lan, now=OPENED_AT)
    other = finished_version(annual, number=3)
    with pytest.raises(ValidationError) as refused:
        sending.period_send(period=cycle, job=other, user=demo.hung)
    assert refused.value.messages == [sending.ERR_OTHER_PERIOD.format(title=cycle.title)]


@pytest.mark.parametrize("job", ["", "khong-phai-ma", "5d0c4c3e-0000-4000-8000-000000000000"])
def test_a_missing_or_garbled_version_is_not_found(demo, cycle, client_for, job):
    assert client_for(demo.hung).post(page(cycle), {"action": "send", "job": job}).status_code == 404


@pytest.mark.parametrize("persona", ["mai", "quang", "outsider"])
def test_only_the_office_and_the_leaders_send(demo, cycle, client_for, persona):
    job = finished_version(cycle, number=12)
    response = client_for(getattr(demo, persona)).post(page(cycle), {"action": "send", "job": str(job.pk)})
    assert response.status_code in (302, 403, 404)  # Wagtail sends a refused person to its home page
    with pytest.raises(PermissionDenied):
        sending.period_send(period=cycle, job=job, user=getattr(demo, persona))
    cycle.refresh_from_db()
    assert cycle.sent_at is None


def test_reminders_stop_once_the_report_is_sent(demo, cycle):
    overdue_day = dt.date(2026, 6, 6)  # one day after the deadline: the returned report would be reminded
    assert cycle.reports.filter(state__in=EDITABLE_STATES).exists()
    sending.period_send(period=cycle, job=finished_version(cycle, number=12), user=demo.hung)
    assert reminders_send(today=overdue_day) == 0


def test_the_database_refuses_a_sending_without_its_document(cycle):
    with pytest.raises(IntegrityError), transaction.atomic():
        ReportingPeriod.objects.filter(pk=cycle.pk).update(sent_at=at(8))
