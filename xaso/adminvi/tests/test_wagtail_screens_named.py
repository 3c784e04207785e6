"""Wagtail's own screens, as an administrator meets them: permission names, the roots of the page tree
and of the collections, and titles that tell one screen from another (the audit crawl reads them all,
e2e/test_audit_crawl.py)."""

from __future__ import annotations

import html
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from django.utils import translation
from wagtail.models import Collection, Page

from xaso.adminvi.permissions import permission_label
from xaso.adminvi.titles import WORKFLOW_REPORT, WORKFLOW_TASKS_REPORT
from xaso.testing.second_factor import login_verified


def _admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="quantri")


@pytest.fixture
def admin_client(demo, client):
    login_verified(client, _admin())
    return client


def _title(response) -> str:
    found = re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)
    assert found is not None
    return " ".join(html.unescape(found.group(1)).split())


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def test_permission_names_read_in_vietnamese_whatever_django_stored(db):
    with translation.override("vi"):
        assert _permission("auth", "add_group").name == "Can add group"  # as Django stores it
        assert permission_label(_permission("auth", "add_group")) == "Thêm nhóm"
        assert permission_label(_permission("wagtailredirects", "delete_redirect")) == "Xóa chuyển hướng"
        assert permission_label(_permission("wagtailcore", "publish_page")) == "Xuất bản mọi trang"
        assert permission_label(_permission("wagtailcore", "bulk_delete_page")) == "Xóa trang có trang con"
        assert permission_label(_permission("wagtailadmin", "access_admin")) == "Được vào trang quản trị"
        assert permission_label(_permission("wagtailimages", "choose_image")) == "Chọn ảnh"


def test_the_group_form_names_permissions_in_vietnamese_and_keeps_their_codenames(admin_client):
    group = Group.objects.get(name="Kiểm duyệt viên (chung)")
    page = admin_client.get(reverse("wagtailusers_groups:edit", args=[group.pk])).text
    for label in ("Thêm nhóm", "Sửa chuyển hướng", "Xóa trang web", "Xuất bản mọi trang", "Mở khóa mọi trang"):
        assert label in page
    assert "Can add" not in page
    assert "Can change" not in page
    assert "Publish any page" not in page
    # Only what is shown changed: the page permissions are still sent by their codenames.
    assert 'value="publish_page"' in page
    assert 'value="bulk_delete_page"' in page


def test_the_roots_of_pages_and_collections_are_named_in_vietnamese(admin_client):
    assert Page.objects.get(depth=1).title == "Gốc"
    assert Collection.objects.get(depth=1).name == "Gốc"
    assert "Root" not in admin_client.get(reverse("wagtailadmin_explore_root")).text


def test_the_workflow_reports_are_not_titled_as_the_workflow_lists(admin_client):
    report = _title(admin_client.get(reverse("wagtailadmin_reports:workflow")))
    listing = _title(admin_client.get(reverse("wagtailadmin_workflows:index")))
    assert report.startswith(WORKFLOW_REPORT)
    assert report != listing
    tasks_report = _title(admin_client.get(reverse("wagtailadmin_reports:workflow_tasks")))
    tasks_listing = _title(admin_client.get(reverse("wagtailadmin_workflows:task_index")))
    assert tasks_report.startswith(WORKFLOW_TASKS_REPORT)
    assert tasks_report != tasks_listing


def test_importing_redirects_is_titled_as_such(admin_client):
    assert _title(admin_client.get(reverse("wagtailredirects:start_import"))).startswith("Nhập chuyển hướng")
    assert _title(admin_client.get(reverse("wagtailredirects:index"))).startswith("Chuyển hướng")


def test_reverting_a_page_says_which_version_it_brings_back(admin_client):
    page = Page.objects.filter(depth=2).first().specific
    revision = page.save_revision(user=_admin())
    edit = _title(admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    revert = _title(admin_client.get(reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, revision.pk])))
    assert revert.startswith("Khôi phục phiên bản lúc ")
    assert revert != edit


def test_moving_a_page_and_confirming_the_move_have_their_own_titles(admin_client):
    page = Page.objects.filter(depth=2).first()
    target = page.get_parent()
    choose = _title(admin_client.get(reverse("wagtailadmin_pages:move", args=[page.pk])))
    confirm = _title(admin_client.get(reverse("wagtailadmin_pages:move_confirm", args=[page.pk, target.pk])))
    assert confirm.startswith("Xác nhận di chuyển")
    assert choose != confirm


def test_the_steps_of_a_password_reset_have_their_own_titles(db, client):
    titles = {
        _title(client.get(reverse(name)))
        for name in (
            "wagtailadmin_password_reset",
            "wagtailadmin_password_reset_done",
            "wagtailadmin_password_reset_complete",
        )
    }
    assert len(titles) == 3


def test_the_roles_button_of_the_user_form_is_a_link_not_a_stray_tab(admin_client):
    page = admin_client.get(reverse("wagtailusers_users:add")).text
    link = re.search(r'<a href="#tab-roles"[^>]*>', page)
    assert link is not None
    assert 'role="tab"' not in link.group(0)
    assert 'data-w-tabs-id-param="tab-roles"' in link.group(0)


def test_each_step_of_a_workflow_is_a_list_item_holding_its_link(admin_client):
    page = admin_client.get(reverse("wagtailadmin_workflows:index")).text
    assert re.search(r'<ul class="workflow-tasks">\s*<li class="workflow-tasks__task"', page)
    assert not re.search(r'<ul class="workflow-tasks">\s*<a ', page)


def test_the_pages_search_counts_pages_not_none(admin_client):
    page = admin_client.get(reverse("wagtailadmin_pages:search")).text
    assert not re.search(r"trên \d+ None", page)


def test_the_page_fields_of_workflows_and_group_permissions_are_labelled_in_vietnamese(admin_client):
    group = Group.objects.get(name="Kiểm duyệt viên (chung)")
    for url in (reverse("wagtailusers_groups:edit", args=[group.pk]), reverse("wagtailadmin_workflows:add")):
        page = admin_client.get(url).text
        assert not re.search(r">\s*Page<span", page), url
        assert re.search(r">\s*Trang<span", page), url
