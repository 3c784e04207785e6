"""Wagtail's screens that the project exposes speak Vietnamese: column headings, group and workflow
names made by Wagtail's migrations, the log-in placeholder, page type names, and a header that names
the screen rather than "Trang chủ"."""

from __future__ import annotations

from django.contrib.admin.utils import label_for_field
from django.contrib.auth.models import Group
from wagtail.models import Task, Workflow

from xaso.channels.broadcast.models import VillageGroup
from xaso.testing.second_factor import login_verified


def _admin():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="quantri")


def test_wagtails_default_groups_and_workflow_have_vietnamese_names(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Biên tập viên (chung)", "Kiểm duyệt viên (chung)"} <= names
    assert not names & {"Editors", "Moderators"}
    assert not Workflow.objects.filter(name="Moderators approval").exists()
    assert not Task.objects.filter(name="Moderators approval").exists()


def test_the_log_in_form_asks_for_the_username_in_lower_case(db, client):
    page = client.get("/quan-tri/login/", follow=True).text
    assert "Nhập tên đăng nhập của bạn" in page
    assert "Nhập Tên đăng nhập" not in page


def test_the_list_of_sites_has_vietnamese_column_headings(demo, client):
    login_verified(client, _admin())
    page = client.get("/quan-tri/sites/").text
    for heading in ("Cổng", "Tên trang web", "Trang gốc"):
        assert heading in page
    for english in (">Port<", "Site name", "Root page"):
        assert english not in page


def test_page_types_are_not_title_cased(demo, client):
    login_verified(client, _admin())
    page = client.get("/quan-tri/reports/page-types-usage/").text
    assert "Bài viết" in page
    assert "Bài Viết" not in page


def test_channel_listings_label_their_computed_columns(demo, client):
    login_verified(client, _admin())
    assert "State label" not in client.get("/quan-tri/kenh/luot-gui/").text
    assert "Trạng thái" in client.get("/quan-tri/kenh/luot-gui/").text
    assert "Villages summary" not in client.get("/quan-tri/kenh/cum-loa/").text
    assert str(label_for_field("villages_summary", VillageGroup)) == "Các thôn"


def test_the_header_names_the_screen(demo, client):
    login_verified(client, demo.lan)
    for url, title in (("/quan-tri/thong-bao/", "Thông báo"), ("/quan-tri/van-ban/", "Văn bản theo Nghị định 30")):
        page = client.get(url).text
        crumbs = page[page.index("w-breadcrumbs") :]
        crumbs = crumbs[: crumbs.index("</nav>")]
        assert title in crumbs, url


def test_the_home_page_offers_no_english_editor_guide(demo, client):
    login_verified(client, _admin())
    page = client.get("/quan-tri/").text
    assert "Tài khoản" in page
    assert "Hướng dẫn biên tập Wagtail" not in page
    assert "guide.wagtail.org" not in page


def _last_crumb(page: str) -> str:
    crumbs = page[page.index("w-breadcrumbs") :]
    return crumbs[: crumbs.index("</nav>")]


def test_the_project_s_own_screens_end_their_breadcrumbs_with_their_name(demo, client):
    from django.urls import reverse

    login_verified(client, _admin())
    for name in (
        "audit_log",
        "reviews_request",
        "signin_logins",
        "signin_lockouts",
        "activities_import",
        "funding_summary",
        "onboarding_province",
        "onboarding_commune_new",
        "intake_drafts",
    ):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        title = response.context["page_title"]
        assert title, name
        crumbs = _last_crumb(response.text)
        assert title in crumbs, (name, title)
