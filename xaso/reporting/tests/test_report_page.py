"""Back office › a unit's report: write, send, review; every refusal keeps what the person typed."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xaso.reporting import admin_reports, services
from xaso.reporting.models import ReportState, UnitReport
from xaso.reporting.services import report_approve
from xaso.reporting.tests.helpers import FULL_TEXT, report_of, send, write

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 6, 1, 2, 0, tzinfo=dt.UTC), tick=False),
]


def url(report):
    return reverse("reporting_report", args=[report.pk])


def post(report, *, action, version=None, **text):
    fields = {"action": action, "version": report.version if version is None else version}
    fields.update(dict.fromkeys(services.SECTIONS, ""))
    fields.update(text)
    return fields


FULL = {name: getattr(FULL_TEXT, name) for name in services.SECTIONS}


def test_a_reporter_opens_her_schools_report_prefilled_with_what_she_logged(demo, half_year, client_for):
    from xaso.testing.factories import activity
    from xaso.units.models import OrgUnit

    activity(
        OrgUnit.objects.get(code="ls-hvt-thcs"), kind="extracurricular", audience="schools", pupils=40, officials=0
    )
    report = report_of(half_year, "ls-hvt-thcs")
    page = client_for(demo.mai).get(url(report)).text
    assert "Báo cáo 6 tháng đầu năm 2026 — Trường THCS Hoàng Văn Thụ" in page
    assert "Hoạt động ngoại khóa trong trường học" in page
    assert "Kết quả thực hiện (bắt buộc khi gửi)" in page
    assert "Còn 3 ngày" in page
    assert "Gửi báo cáo" in page


def test_she_saves_a_draft_then_sends_it(demo, half_year, client_for):
    report = report_of(half_year, "ls-hvt-thcs")
    client = client_for(demo.mai)
    response = client.post(url(report), post(report, action="save", results="Bản nháp đầu."))
    assert response.status_code == 302
    report.refresh_from_db()
    assert (report.state, report.results) == (ReportState.DRAFT, "Bản nháp đầu.")
    response = client.post(url(report), post(report, action="submit", **FULL), follow=True)
    assert admin_reports.MSG_SUBMITTED in response.text
    report.refresh_from_db()
    assert report.state == ReportState.SUBMITTED


def test_a_missing_section_is_named_the_draft_saved_and_the_text_kept(demo, half_year, client_for):
    report = report_of(half_year, "ls-hvt-thcs")
    response = client_for(demo.mai).post(url(report), post(report, action="submit", results="Chỉ có kết quả."))
    assert response.status_code == 400
    problem = services.ERR_SECTION_MISSING.format(section="Khó khăn, vướng mắc")
    assert problem in response.text
    assert "Đã lưu bản nháp nhưng CHƯA gửi được báo cáo" in response.text
    assert "Chỉ có kết quả." in response.text
    report.refresh_from_db()
    assert (report.state, report.results) == (ReportState.DRAFT, "Chỉ có kết quả.")


def test_the_second_editor_gets_a_clear_message_and_both_texts(demo, half_year, client_for, client):
    report = report_of(half_year, "ls-hvt-thcs")
    write(report, demo.mai, services.ReportText(results="Bản cô Mai vừa lưu."))
    response = client_for(demo.lan).post(
        url(report), post(report, action="save", version=0, results="Bản chị Lan đang gõ.")
    )
    assert response.status_code == 409
    assert "Lý Thị Mai đã lưu báo cáo này lúc" in response.text
    assert "Bản chị Lan đang gõ." in response.text  # her text, still in the form to copy
    assert "Bản cô Mai vừa lưu." in response.text  # and what is saved
    assert UnitReport.objects.get(pk=report.pk).results == "Bản cô Mai vừa lưu."


def test_editing_after_approval_is_refused_and_the_text_shown_to_copy(demo, half_year, client_for):
    report = report_approve(report=send(report_of(half_year, "ls-hvt-thcs"), demo.mai), user=demo.hung)
    response = client_for(demo.mai).post(url(report), post(report, action="save", results="Sửa sau khi duyệt."))
    assert response.status_code == 400
    assert services.ERR_LOCKED in response.text
    assert "Sửa sau khi duyệt." in response.text
    assert 'id="kept-text"' in response.text
    assert UnitReport.objects.get(pk=report.pk).results == FULL_TEXT.results


def test_the_office_cannot_approve_its_own_report_on_the_page(demo, half_year, client_for):
    own = send(report_of(half_year, "ls-hvt-vhxh"), demo.lan)
    client = client_for(demo.lan)
    page = client.get(url(own)).text
    assert "Duyệt báo cáo" not in page
    assert "Bạn đã soạn hoặc gửi báo cáo này nên cần người khác duyệt." in page
    response = client.post(url(own), {"action": "approve"})
    assert response.status_code == 403
    assert services.ERR_OWN_REPORT in response.text
    assert UnitReport.objects.get(pk=own.pk).state == ReportState.SUBMITTED


def test_the_leader_returns_then_approves_and_reopens(demo, half_year, client_for):
    report = send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    client = client_for(demo.hung)
    response = client.post(url(report), {"action": "return", "comment": ""})
    assert response.status_code == 400
    assert services.ERR_COMMENT_REQUIRED in response.text
    response = client.post(url(report), {"action": "return", "comment": "Bổ sung ảnh minh chứng."}, follow=True)
    assert "Đã trả lại báo cáo cho Trường THCS Hoàng Văn Thụ để sửa." in response.text
    report.refresh_from_db()
    send(report, demo.mai)
    client.post(url(report), {"action": "approve"})
    assert UnitReport.objects.get(pk=report.pk).state == ReportState.APPROVED
    response = client.post(url(report), {"action": "reopen", "reason": "Nhập trùng số liệu."}, follow=True)
    assert "Mở lại báo cáo đã duyệt" in response.text
    assert "Nhập trùng số liệu." in response.text
    assert UnitReport.objects.get(pk=report.pk).state == ReportState.RETURNED


def test_another_school_and_outsiders_get_no_page(demo, half_year, client_for):
    report = report_of(half_year, "ls-hvt-thcs")
    assert client_for(demo.ha).get(url(report)).status_code == 404
    assert client_for(demo.thu).get(url(report)).status_code == 404
    assert client_for(demo.outsider).get(url(report)).status_code in (302, 403)


def test_the_leader_sees_that_a_draft_exists_but_not_its_text(demo, half_year, client_for):
    report = write(report_of(half_year, "ls-hvt-thcs"), demo.mai, services.ReportText(results="Bí mật của bản nháp."))
    page = client_for(demo.hung).get(url(report)).text
    assert "Đang soạn" in page
    assert "Bí mật của bản nháp." not in page
    response = client_for(demo.hung).post(url(report), post(report, action="save", results="Lãnh đạo sửa."))
    assert response.status_code == 403
    assert UnitReport.objects.get(pk=report.pk).results == "Bí mật của bản nháp."


def test_the_province_reads_a_sent_report_without_any_button(demo, half_year, client_for):
    report = send(report_of(half_year, "ls-hvt-thcs"), demo.mai)
    page = client_for(demo.quang).get(url(report)).text
    assert FULL_TEXT.results in page
    assert 'name="action"' not in page
