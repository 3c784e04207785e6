"""Titles of Wagtail screens that share another screen's title (the audit crawl reads every title a
person meets, e2e/test_audit_crawl.py): each says where the person is. Wagtail's views are class
attributes and methods the project cannot reach through its URLs, so they are set here once, at
start-up; the screens drawn by function views have their title in a template (templates/)."""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.pages.revisions import RevisionsRevertView
from wagtail.admin.views.reports.workflows import WorkflowTasksView, WorkflowView

from xaso.adminvi.views import revision_label

# Wagtail's two workflow reports are called as the lists of workflows and steps they report on.
WORKFLOW_REPORT = "Thống kê quy trình duyệt"
WORKFLOW_TASKS_REPORT = "Thống kê các bước duyệt"


def revert_title(view: Any) -> str:
    """ "Khôi phục phiên bản lúc 08:50 ngày 27/11/2026" rather than the edit screen's "Sửa Bài viết"."""
    label = revision_label(view.previous_revision)
    return f"Khôi phục {label[0].lower()}{label[1:]}"


def name_wagtail_screens() -> None:
    WorkflowView.page_title = WORKFLOW_REPORT
    WorkflowTasksView.page_title = WORKFLOW_TASKS_REPORT
    RevisionsRevertView.get_page_title = revert_title
