"""The programme owner renders the sample Decree 30 report and downloads it; progress shows live."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from xaso.documents.models import RenderJob
from xaso.documents.sample import BUILDER
from xaso.documents.services import render_job_run

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_programme_owner_renders_the_sample_report_and_downloads_its_pdf(demo, page: Page, login_as):
    login_as(page, demo.lan)
    page.get_by_role("link", name="Văn bản theo NĐ 30").click()
    page.get_by_label("Kỳ báo cáo").fill("6 tháng đầu năm 2026")
    page.get_by_label("Năm báo cáo").fill("2026")
    # A quick report is a draft (its difficulties and proposals are the office's to write): no number.
    expect(page.get_by_label("Số văn bản")).to_have_count(0)
    page.get_by_role("button", name="Tạo văn bản").click()
    expect(page.locator(".messages")).to_contain_text("Đã đưa")
    row = page.locator("#render-jobs tbody tr").first
    expect(row).to_contain_text("Đã xong")
    with page.expect_download() as download_info:
        row.get_by_role("link", name="Tải PDF").click()
    download = download_info.value
    assert download.suggested_filename == "bao-cao-6-thang-dau-nam-2026.pdf"
    with open(download.path(), "rb") as f:
        assert f.read(5) == b"%PDF-"


def test_progress_updates_on_the_open_page_while_the_worker_renders(demo, page: Page, login_as):
    job = RenderJob.objects.create(
        builder=BUILDER,
        params={"plan_id": demo.plan.pk, "year": 2026, "period": "năm 2026"},
        title="Báo cáo năm 2026",
        unit=demo.plan.commune,
        requested_by=demo.lan,
        want_pdf=False,
        step="Đang chờ đến lượt",
    )
    login_as(page, demo.hung)
    page.goto("/quan-tri/van-ban/")
    row = page.locator("#render-jobs tbody tr").first
    expect(row).to_contain_text("Đang chờ")
    expect(row.get_by_role("link", name=re.compile("Tải"))).to_have_count(0)
    render_job_run(job_id=str(job.pk))  # what the task worker does
    expect(row).to_contain_text("Đã xong")
    expect(row.get_by_role("link", name="Tải DOCX")).to_be_visible()
    expect(row.get_by_role("link", name="Tải XLSX")).to_be_visible()
    assert row.locator("progress").get_attribute("value") is not None
    assert page.evaluate("document.querySelector('#render-jobs progress').value") == 100
