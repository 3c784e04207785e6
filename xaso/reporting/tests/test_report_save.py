"""report_save: drafts, two people at once, and the states and dates in which nothing may be written."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from xaso.reporting import services
from xaso.reporting.models import EventAction, ReportState, UnitReport
from xaso.reporting.services import ReportConflictError, ReportText, report_approve, report_save, report_unlock
from xaso.reporting.tests.helpers import FULL_TEXT, at, report_of, send, write

pytestmark = pytest.mark.django_db


def test_a_reporter_saves_a_draft_of_her_units_report(demo, half_year):
    report = report_of(half_year, "ls-hvt-thcs")
    saved = write(report, demo.mai)
    assert saved.state == ReportState.DRAFT
    assert saved.version == 1
    assert saved.results == FULL_TEXT.results
    assert saved.updated_by == demo.mai
    assert saved.events.latest("pk").action == EventAction.SAVED


def test_the_second_of_two_people_editing_one_draft_is_told_and_overwrites_nothing(demo, half_year):
    opened = report_of(half_year, "ls-hvt-thcs")  # both open version 0
    write(opened, demo.mai, ReportText(results="Bản của cô Mai."), when=at(1, hour=9))
    with pytest.raises(ReportConflictError) as error:
        report_save(
            report=opened, user=demo.lan, version=opened.version, text=ReportText(results="Bản của chị Lan."), now=at(1)
        )
    assert error.value.messages == [services.ERR_CONFLICT.format(who="Lý Thị Mai", time="09:00 ngày 01/06/2026")]
    assert error.value.current.results == "Bản của cô Mai."
    assert UnitReport.objects.get(pk=opened.pk).results == "Bản của cô Mai."


def test_an_approved_report_is_locked(demo, half_year):
    report = send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    approved = report_approve(report=report, user=demo.lan, now=at(2))
    with pytest.raises(ValidationError) as error:
        report_save(
            report=approved, user=demo.mai, version=approved.version, text=ReportText(results="Sửa."), now=at(3)
        )
    assert error.value.messages == [services.ERR_LOCKED]
    assert UnitReport.objects.get(pk=report.pk).results == FULL_TEXT.results


def test_a_report_waiting_for_review_cannot_be_changed(demo, half_year):
    report = send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    with pytest.raises(ValidationError) as error:
        report_save(report=report, user=demo.mai, version=report.version, text=ReportText(results="Sửa."), now=at(2))
    assert error.value.messages == [services.ERR_SUBMITTED]


def test_after_the_period_expires_nothing_is_written_until_the_office_allows_it(demo, half_year):
    report = write(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    assert half_year.expires_on == dt.date(2026, 7, 4)
    with pytest.raises(ValidationError) as error:
        report_save(report=report, user=demo.mai, version=report.version, text=FULL_TEXT, now=at(6, month=7))
    assert error.value.messages == [services.ERR_EXPIRED.format(date="04/07/2026")]
    unlocked = report_unlock(
        report=report, user=demo.lan, until=dt.date(2026, 7, 10), reason="Trường nghỉ hè", now=at(6, month=7)
    )
    assert unlocked.events.latest("pk").action == EventAction.UNLOCKED
    saved = report_save(report=unlocked, user=demo.mai, version=unlocked.version, text=FULL_TEXT, now=at(8, month=7))
    assert saved.version == report.version + 1
    with pytest.raises(ValidationError):
        report_save(report=saved, user=demo.mai, version=saved.version, text=FULL_TEXT, now=at(11, month=7))


def test_a_period_that_has_not_expired_needs_no_exception(demo, half_year):
    with pytest.raises(ValidationError) as error:
        report_unlock(report=report_of(half_year, "ls-hvt-thcs"), user=demo.lan, until=dt.date(2026, 7, 1), now=at(1))
    assert error.value.messages == [services.ERR_NOT_EXPIRED]


@pytest.mark.parametrize("persona", ["ha", "son", "hung", "quang", "thu", "outsider"])
def test_no_one_else_writes_a_schools_report(demo, half_year, persona):
    with pytest.raises(PermissionDenied) as error:
        write(report_of(half_year, "ls-hvt-thcs"), getattr(demo, persona))
    assert str(error.value) == services.ERR_NOT_WRITER.format(unit="Trường THCS Hoàng Văn Thụ")


def test_the_culture_social_office_may_help_any_unit_of_its_commune(demo, half_year):
    assert write(report_of(half_year, "ls-hvt-t-napan"), demo.lan).state == ReportState.DRAFT


def test_answers_to_questions_of_another_request_are_dropped(demo, half_year):
    saved = write(report_of(half_year, "ls-hvt-thcs"), demo.mai, ReportText(results="x", answers={"999": "lạc"}))
    assert saved.answers == {}
