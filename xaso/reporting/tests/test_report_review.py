"""Return with comments, approve (never one's own report), reopen an approved report with a reason."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from xaso.notifications.models import Notification
from xaso.reporting import services
from xaso.reporting.models import EventAction, ReportState, UnitReport
from xaso.reporting.services import report_approve, report_reopen, report_return
from xaso.reporting.tests.helpers import at, report_of, send

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(demo, half_year):
    return send(report_of(half_year, "ls-hvt-thcs"), demo.mai, when=at(3))


def test_the_office_returns_a_report_with_what_to_fix(demo, sent, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        returned = report_return(report=sent, user=demo.lan, comment="Bổ sung số học sinh tham gia.", now=at(4))
    assert returned.state == ReportState.RETURNED
    assert (returned.reviewed_by, returned.review_comment) == (demo.lan, "Bổ sung số học sinh tham gia.")
    event = returned.events.latest("pk")
    assert (event.action, event.actor, event.comment) == (
        EventAction.RETURNED,
        demo.lan,
        "Bổ sung số học sinh tham gia.",
    )
    notice = Notification.objects.get(user=demo.mai, key__contains=":returned:")
    assert "Bổ sung số học sinh tham gia." in notice.body
    assert [m.subject for m in mail.outbox if m.to == [demo.mai.email]] == [
        "[Xã số] Báo cáo bị trả lại để sửa: Báo cáo 6 tháng đầu năm 2026"
    ]


def test_returning_needs_a_comment(demo, sent):
    with pytest.raises(ValidationError) as error:
        report_return(report=sent, user=demo.lan, comment="  ", now=at(4))
    assert error.value.message_dict == {"comment": [services.ERR_COMMENT_REQUIRED]}
    assert UnitReport.objects.get(pk=sent.pk).state == ReportState.SUBMITTED


@pytest.mark.parametrize("persona", ["lan", "hung"])
def test_the_office_or_the_leader_approves_and_the_report_locks(demo, sent, persona):
    approved = report_approve(report=sent, user=getattr(demo, persona), now=at(4))
    assert approved.state == ReportState.APPROVED
    assert approved.is_locked
    assert approved.reviewed_by == getattr(demo, persona)


def test_approving_ones_own_report_is_refused(demo, half_year):
    own = send(report_of(half_year, "ls-hvt-vhxh"), demo.lan, when=at(3))
    with pytest.raises(PermissionDenied) as error:
        report_approve(report=own, user=demo.lan, now=at(4))
    assert str(error.value) == services.ERR_OWN_REPORT
    assert UnitReport.objects.get(pk=own.pk).state == ReportState.SUBMITTED
    assert report_approve(report=own, user=demo.hung, now=at(4)).state == ReportState.APPROVED


def test_having_edited_a_units_draft_also_counts_as_ones_own(demo, half_year):
    from xaso.reporting.tests.helpers import write

    helped = write(report_of(half_year, "ls-hvt-t-napan"), demo.lan)
    sent = send(helped, demo.son, when=at(3))
    with pytest.raises(PermissionDenied):
        report_approve(report=sent, user=demo.lan, now=at(4))


@pytest.mark.parametrize("persona", ["mai", "ha", "son", "linh", "quang", "thu", "outsider"])
def test_only_the_office_and_the_leaders_review(demo, sent, persona):
    with pytest.raises(PermissionDenied) as error:
        report_approve(report=sent, user=getattr(demo, persona), now=at(4))
    assert str(error.value) == services.ERR_NOT_REVIEWER
    with pytest.raises(PermissionDenied):
        report_return(report=sent, user=getattr(demo, persona), comment="Sửa.", now=at(4))


def test_only_a_report_waiting_for_review_is_approved_or_returned(demo, half_year, sent):
    draft = report_of(half_year, "ls-hvt-th")
    with pytest.raises(ValidationError) as error:
        report_approve(report=draft, user=demo.hung, now=at(4))
    assert error.value.messages == [services.ERR_NOT_WAITING.format(state="chưa bắt đầu")]
    report_return(report=sent, user=demo.lan, comment="Thiếu phần khó khăn.", now=at(4))
    with pytest.raises(ValidationError) as error:
        report_approve(report=sent, user=demo.hung, now=at(4))  # the page was opened before the return
    assert error.value.messages == [services.ERR_NOT_WAITING.format(state="trả lại để sửa")]


def test_reopening_an_approved_report_records_who_when_and_why(demo, sent):
    approved = report_approve(report=sent, user=demo.hung, now=at(4))
    reopened = report_reopen(report=approved, user=demo.lan, reason="Số liệu học sinh bị nhập trùng.", now=at(8))
    assert reopened.state == ReportState.RETURNED
    event = reopened.events.latest("pk")
    assert (event.action, event.actor, event.at, event.comment) == (
        EventAction.REOPENED,
        demo.lan,
        at(8),
        "Số liệu học sinh bị nhập trùng.",
    )
    assert Notification.objects.filter(user=demo.mai, key__contains=":reopened:").exists()


def test_reopening_needs_a_reason_and_an_approved_report(demo, sent):
    with pytest.raises(ValidationError) as error:
        report_reopen(report=sent, user=demo.lan, reason="Sửa.", now=at(4))
    assert error.value.messages == [services.ERR_NOT_APPROVED]
    approved = report_approve(report=sent, user=demo.hung, now=at(4))
    with pytest.raises(ValidationError) as error:
        report_reopen(report=approved, user=demo.lan, reason="", now=at(5))
    assert error.value.message_dict == {"reason": [services.ERR_REASON_REQUIRED]}
    assert UnitReport.objects.get(pk=sent.pk).state == ReportState.APPROVED
