"""period_open: the Culture–Social office opens a periodic report or an ad hoc request and assigns it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from xaso.notifications.models import Notification
from xaso.reporting import services
from xaso.reporting.models import EventAction, PeriodKind, ReportingPeriod, ReportState, UnitReport
from xaso.reporting.services import period_assign, period_open, period_unassign
from xaso.reporting.tests.helpers import OPENED_AT, report_of, unit, write

pytestmark = pytest.mark.django_db


def test_a_half_year_period_is_assigned_to_every_reporting_unit_of_the_commune(demo, half_year):
    assert half_year.title == "Báo cáo 6 tháng đầu năm 2026"
    assert (half_year.data_start, half_year.data_end, half_year.deadline) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 5, 31),
        dt.date(2026, 6, 4),
    )
    assert half_year.plan == demo.plan
    reports = UnitReport.objects.filter(period=half_year)
    assert reports.count() == 22
    assert set(reports.values_list("state", flat=True)) == {ReportState.NOT_STARTED}
    assert not reports.filter(unit__code__startswith="ls-tt").exists()
    assert report_of(half_year, "ls-hvt-thcs").events.get().action == EventAction.ASSIGNED


def test_the_units_reporters_are_told_in_the_app_and_by_e_mail(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        period = period_open(commune=unit("ls-hvt"), kind=PeriodKind.YEAR, year=2026, user=demo.lan, now=OPENED_AT)
    notice = Notification.objects.get(user=demo.mai)
    assert notice.subject == "Kỳ báo cáo mới: Báo cáo năm 2026"
    assert "Trường THCS Hoàng Văn Thụ cần gửi “Báo cáo năm 2026”" in notice.body
    assert "chậm nhất ngày 04/01/2027" in notice.body
    assert notice.url == f"/quan-tri/bao-cao/don-vi/{report_of(period, 'ls-hvt-thcs').pk}/"
    to_mai = [m for m in mail.outbox if m.to == [demo.mai.email]]
    assert len(to_mai) == 1
    assert to_mai[0].subject == "[Xã số] Kỳ báo cáo mới: Báo cáo năm 2026"
    assert not Notification.objects.filter(user=demo.thu).exists()


def test_only_some_kinds_of_units_and_named_units_may_be_assigned(demo):
    period = period_open(
        commune=unit("ls-hvt"),
        kind=PeriodKind.HALF_YEAR,
        year=2026,
        user=demo.lan,
        unit_kinds=["school"],
        units=[unit("ls-hvt-t-napan")],
        now=OPENED_AT,
    )
    codes = set(period.reports.values_list("unit__code", flat=True))
    assert codes == {"ls-hvt-mn", "ls-hvt-th", "ls-hvt-thcs", "ls-hvt-t-napan"}
    assert period.unit_kinds == ["school"]


def test_an_ad_hoc_request_has_its_own_deadline_and_questions(demo):
    period = period_open(
        commune=unit("ls-hvt"),
        kind=PeriodKind.AD_HOC,
        year=2026,
        user=demo.lan,
        unit_kinds=["village"],
        title="Báo cáo đột xuất kết quả phong trào “Bình dân học vụ số”",
        deadline=dt.date(2026, 5, 29),
        questions=["Số người dân đã học trên nền tảng?", "  ", "Khó khăn khi triển khai?"],
        now=OPENED_AT,
    )
    assert period.kind == PeriodKind.AD_HOC
    assert (period.data_start, period.data_end, period.deadline, period.expires_on) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 5, 20),
        dt.date(2026, 5, 29),
        None,
    )
    assert list(period.questions.values_list("text", flat=True)) == [
        "Số người dân đã học trên nền tảng?",
        "Khó khăn khi triển khai?",
    ]
    assert period.reports.count() == 5


def test_an_ad_hoc_request_needs_a_title_a_deadline_and_a_question(demo):
    with pytest.raises(ValidationError) as error:
        period_open(commune=unit("ls-hvt"), kind=PeriodKind.AD_HOC, year=2026, user=demo.lan, now=OPENED_AT)
    assert error.value.message_dict == {
        "title": [services.ERR_AD_HOC_TITLE],
        "deadline": [services.ERR_AD_HOC_DEADLINE],
        "questions": [services.ERR_AD_HOC_QUESTIONS],
    }
    assert not ReportingPeriod.objects.exists()


def test_a_periodic_report_is_opened_once_a_year(demo, half_year):
    with pytest.raises(ValidationError) as error:
        period_open(commune=unit("ls-hvt"), kind=PeriodKind.HALF_YEAR, year=2026, user=demo.lan, now=OPENED_AT)
    assert error.value.messages == [services.ERR_PERIOD_EXISTS.format(title="Báo cáo 6 tháng đầu năm 2026")]


def test_the_year_must_be_within_the_plan(demo):
    with pytest.raises(ValidationError) as error:
        period_open(commune=unit("ls-hvt"), kind=PeriodKind.YEAR, year=2031, user=demo.lan, now=OPENED_AT)
    assert error.value.message_dict["year"] == [services.ERR_YEAR.format(start=2025, end=2030)]


def test_a_unit_of_another_commune_cannot_be_assigned(demo):
    with pytest.raises(ValidationError) as error:
        period_open(
            commune=unit("ls-hvt"),
            kind=PeriodKind.HALF_YEAR,
            year=2026,
            user=demo.lan,
            units=[unit("ls-tt-th")],
            now=OPENED_AT,
        )
    assert error.value.message_dict["units"] == [services.ERR_UNIT_OUTSIDE.format(unit="Trường Tiểu học Tân Thanh")]
    assert not ReportingPeriod.objects.exists()


def test_choosing_no_unit_is_refused(demo):
    with pytest.raises(ValidationError) as error:
        period_open(
            commune=unit("ls-hvt"), kind=PeriodKind.HALF_YEAR, year=2026, user=demo.lan, unit_kinds=[], now=OPENED_AT
        )
    assert error.value.message_dict["unit_kinds"] == [services.ERR_NO_UNITS]


@pytest.mark.parametrize("persona", ["hung", "mai", "son", "linh", "quang", "thu", "outsider"])
def test_only_the_communes_culture_social_office_opens_periods(demo, persona):
    with pytest.raises(PermissionDenied) as error:
        period_open(
            commune=unit("ls-hvt"), kind=PeriodKind.HALF_YEAR, year=2026, user=getattr(demo, persona), now=OPENED_AT
        )
    assert str(error.value) == services.ERR_NOT_MANAGER


def test_units_are_added_later_and_a_unit_not_started_is_removed(demo):
    period = period_open(
        commune=unit("ls-hvt"),
        kind=PeriodKind.HALF_YEAR,
        year=2026,
        user=demo.lan,
        unit_kinds=["school"],
        now=OPENED_AT,
    )
    added = period_assign(period=period, units=[unit("ls-hvt-kt"), unit("ls-hvt-thcs")], user=demo.lan, now=OPENED_AT)
    assert [r.unit.code for r in added] == ["ls-hvt-kt"]
    period_unassign(report=report_of(period, "ls-hvt-kt"), user=demo.lan)
    assert not period.reports.filter(unit__code="ls-hvt-kt").exists()


def test_a_unit_that_started_writing_cannot_be_removed(demo, half_year):
    started = write(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    with pytest.raises(ValidationError) as error:
        period_unassign(report=started, user=demo.lan)
    assert error.value.messages == [services.ERR_UNASSIGN_STARTED.format(unit="Trường THCS Hoàng Văn Thụ")]
    assert UnitReport.objects.filter(pk=started.pk).exists()
