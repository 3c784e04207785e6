"""report_submit: mandatory sections, the figures frozen at submission, on time or late."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from xaso.notifications.models import Notification
from xaso.reporting import services
from xaso.reporting.figures import Figures
from xaso.reporting.models import PeriodKind, ReportState, UnitReport
from xaso.reporting.prefill import report_figures
from xaso.reporting.services import ReportText, period_open, report_submit
from xaso.reporting.tests.helpers import FULL_TEXT, OPENED_AT, at, report_of, send, unit, write
from xaso.testing.factories import activity

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC), tick=False),
]


def test_a_missing_mandatory_section_blocks_submission_and_the_draft_stays(demo, half_year):
    saved = write(report_of(half_year, "ls-hvt-thcs"), demo.mai, ReportText(results="Đã làm nhiều việc."))
    with pytest.raises(ValidationError) as error:
        report_submit(report=saved, user=demo.mai, version=saved.version, now=at(1))
    assert error.value.message_dict == {
        "difficulties": [services.ERR_SECTION_MISSING.format(section="Khó khăn, vướng mắc")],
        "proposals": [services.ERR_SECTION_MISSING.format(section="Đề xuất, kiến nghị")],
    }
    stored = UnitReport.objects.get(pk=saved.pk)
    assert (stored.state, stored.results) == (ReportState.DRAFT, "Đã làm nhiều việc.")


def test_sections_of_blanks_only_are_missing_too(demo, half_year):
    saved = write(
        report_of(half_year, "ls-hvt-thcs"), demo.mai, ReportText(results="  ", difficulties="x", proposals="y")
    )
    with pytest.raises(ValidationError) as error:
        report_submit(report=saved, user=demo.mai, version=saved.version, now=at(1))
    assert list(error.value.message_dict) == ["results"]


def test_submitting_by_the_deadline_is_on_time_and_freezes_the_figures(demo, half_year):
    school = unit("ls-hvt-thcs")
    tasks = demo.plan.tasks.filter(code="NV-2.1")
    activity(school, kind="extracurricular", audience="schools", participants=320, officials=0, pupils=300, tasks=tasks)
    activity(school, kind="extracurricular", audience="schools", participants=80, officials=0, pupils=80, tasks=tasks)
    activity(school, kind="conference", date_start=dt.date(2026, 1, 10), participants=40, officials=40)
    activity(school, kind="conference", date_start=dt.date(2025, 12, 20), participants=40, officials=40)  # before
    report = send(
        report_of(half_year, "ls-hvt-thcs"), demo.mai, when=at(4, hour=23)
    )  # the last evening before the plan's 05/6
    assert report.state == ReportState.SUBMITTED
    assert report.on_time is True
    assert report.submitted_by == demo.mai
    figures = Figures.from_json(report.figures or {})
    assert [(k.kind, k.activities, k.participants, k.pupils) for k in figures.kinds] == [
        ("conference", 1, 40, 0),
        ("extracurricular", 2, 400, 380),
    ]
    assert [(t.code, t.activities, t.participants) for t in figures.tasks] == [("NV-2.1", 2, 400)]
    assert {g.group: g.activities for g in figures.groups} == {"mass_media": 0, "schools": 2, "enterprises": 0}
    assert figures.total.activities == 3
    activity(school, kind="club", date_start=dt.date(2026, 5, 2), audience="schools", participants=0, officials=0)
    assert report_figures(report=UnitReport.objects.get(pk=report.pk)).total.activities == 3


def test_a_draft_shows_what_the_unit_has_logged_so_far(demo, half_year):
    report = report_of(half_year, "ls-hvt-t-napan")
    assert report_figures(report=report).total.activities == 0
    activity(unit("ls-hvt-t-napan"), kind="loudspeaker", audience="residents", participants=0, officials=0)
    assert report_figures(report=report).total.activities == 1


def test_submitting_after_the_deadline_is_late_but_accepted(demo, half_year):
    report = send(report_of(half_year, "ls-hvt-t-napan"), demo.son, when=at(6, hour=0))
    assert report.state == ReportState.SUBMITTED
    assert report.on_time is False


def test_the_office_is_told_a_report_arrived(demo, half_year):
    send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    notice = Notification.objects.get(user=demo.lan, key__contains=":submitted:")
    assert notice.subject == "Trường THCS Hoàng Văn Thụ đã gửi “Báo cáo 6 tháng đầu năm 2026”"


def test_an_ad_hoc_request_needs_every_question_answered(demo):
    period = period_open(
        commune=unit("ls-hvt"),
        kind=PeriodKind.AD_HOC,
        year=2026,
        user=demo.lan,
        unit_kinds=["village"],
        title="Báo cáo đột xuất về tổ công nghệ số cộng đồng",
        deadline=dt.date(2026, 6, 10),
        questions=["Tổ có bao nhiêu thành viên?", "Đã hỗ trợ bao nhiêu hộ?"],
        now=OPENED_AT,
    )
    first, second = period.questions.all()
    report = report_of(period, "ls-hvt-t-napan")
    saved = write(report, demo.son, ReportText(answers={str(first.pk): "7 thành viên"}))
    with pytest.raises(ValidationError) as error:
        report_submit(report=saved, user=demo.son, version=saved.version, now=at(2))
    assert error.value.message_dict == {
        f"answer_{second.pk}": [services.ERR_ANSWER_MISSING.format(number=2, question="Đã hỗ trợ bao nhiêu hộ?")]
    }
    saved = write(saved, demo.son, ReportText(answers={str(first.pk): "7", str(second.pk): "45 hộ"}))
    assert report_submit(report=saved, user=demo.son, version=saved.version, now=at(2)).state == ReportState.SUBMITTED


def test_resubmitting_keeps_the_first_submission_for_timeliness(demo, half_year):
    from xaso.reporting.services import report_return

    report = send(report_of(half_year, "ls-hvt-thcs"), demo.mai, when=at(4))
    returned = report_return(report=report, user=demo.lan, comment="Bổ sung số liệu học sinh.", now=at(5))
    again = send(returned, demo.mai, FULL_TEXT, when=at(10))
    assert (again.state, again.on_time, again.first_submitted_at) == (ReportState.SUBMITTED, True, at(4))
    assert again.submitted_at == at(10)
