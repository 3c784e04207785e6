"""An editor drafts and submits; the leader approves (or asks for changes); only then do readers see it."""

from __future__ import annotations

import datetime as dt

import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from xaso.portal.models import ArticlePage
from xaso.testing.second_factor import login_verified
from xaso.units.models import OrgUnit

from ._editor import article_form


def _submit(client, portal, *, title: str, go_live_at: str = "", submit: bool = True) -> ArticlePage:
    login_verified(client, portal.linh)
    data = article_form(
        title=title,
        text="Tổ công nghệ số hướng dẫn bà con.",
        unit=OrgUnit.objects.get(code="ls-hvt-vhxh"),
        go_live_at=go_live_at,
    )
    if submit:
        data["action-submit"] = "Gửi duyệt"
    response = client.post(reverse("wagtailadmin_pages:add", args=["portal", "articlepage", portal.news.pk]), data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return ArticlePage.objects.get(title=title)


def _act(client, user, page: ArticlePage, action: str, **data: str):
    login_verified(client, user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def test_a_submitted_article_waits_for_the_leader(portal, client):
    page = _submit(client, portal, title="Bài chờ duyệt")
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_task.specific.groups.filter(user=portal.hung).exists()
    client.logout()
    assert client.get(page.url).status_code == 404


def test_the_editor_cannot_publish_by_herself(portal, client):
    page = _submit(client, portal, title="Bài biên tập viên tự đăng")
    data = article_form(title=page.title, slug=page.slug, text="Sửa.", unit=page.unit)
    data["action-publish"] = "Đăng"
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    page.refresh_from_db()
    assert not page.live
    assert not page.permissions_for_user(portal.linh).can_publish()
    response = _act(client, portal.linh, page, "approve")
    page.refresh_from_db()
    assert response.status_code in (302, 403)
    assert not page.live


def test_the_leader_approves_and_the_article_is_published(portal, client):
    page = _submit(client, portal, title="Bài lãnh đạo duyệt")
    _act(client, portal.hung, page, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.live_revision.approved_go_live_at is None
    client.logout()
    assert client.get(page.url).status_code == 200
    assert "Bài lãnh đạo duyệt" in client.get(portal.news.url).content.decode()
    actions = list(page.get_latest_revision().object_id and page.revisions.values_list("user__username", flat=True))
    assert "bientap.linh" in actions


def test_the_leader_asks_for_changes_and_nothing_is_published(portal, client):
    page = _submit(client, portal, title="Bài cần sửa")
    _act(client, portal.hung, page, "reject", comment="Cần thêm ảnh và nguồn tin.")
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == "needs_changes"


def test_an_approved_article_with_a_schedule_goes_live_only_at_its_time(portal, client):
    go_live = timezone.localtime() + dt.timedelta(days=1)
    page = _submit(client, portal, title="Bài hẹn giờ", go_live_at=go_live.strftime("%Y-%m-%d %H:%M"))
    _act(client, portal.hung, page, "approve")
    page.refresh_from_db()
    assert not page.live
    assert page.get_latest_revision().approved_go_live_at is not None
    client.logout()
    assert client.get(page.url).status_code == 404
    call_command("publish_scheduled")
    page.refresh_from_db()
    assert not page.live
    with time_machine.travel(go_live + dt.timedelta(minutes=1)):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live
    assert client.get(page.url).status_code == 200


def test_the_editor_previews_her_draft(portal, client):
    page = _submit(client, portal, title="Bài xem trước")
    login_verified(client, portal.linh)
    data = article_form(title="Bài xem trước (sửa)", slug=page.slug, text="Đoạn mới.", unit=page.unit)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    assert client.post(url, data).json()["is_valid"]
    html = client.get(url).content.decode()
    assert "Bài xem trước (sửa)" in html
    assert "Đoạn mới." in html


def test_every_saved_version_is_kept_as_a_revision(portal, client):
    page = _submit(client, portal, title="Bài có nhiều bản", submit=False)
    data = article_form(title="Bài có nhiều bản", slug=page.slug, text="Bản thứ hai.", unit=page.unit)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert page.revisions.count() == 2
    assert client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).status_code == 200


def test_the_article_is_locked_for_the_editor_while_the_leader_reviews_it(portal, client):
    page = _submit(client, portal, title="Bài đang duyệt")
    data = article_form(title="Bài đang duyệt (sửa lén)", slug=page.slug, text="Sửa.", unit=page.unit)
    client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)
    assert page.get_latest_revision_as_object().title == "Bài đang duyệt"
