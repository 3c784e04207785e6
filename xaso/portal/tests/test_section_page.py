"""A resident opens the Resolution 57 section and the plan published inside it, on a small page."""

from __future__ import annotations


def test_it_lists_the_sub_sections_and_the_plan(portal, client):
    response = client.get("/nghi-quyet-57/")
    assert response.status_code == 200
    html = response.content.decode()
    for topic in portal.topics.values():
        assert topic.title in html
    assert portal.plan_page.title in html


def test_the_plan_page_renders_the_plan_from_the_plans_app(portal, client):
    html = client.get(portal.plan_page.url).content.decode()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in html
    assert portal.plan.title in html
    assert "Bình dân học vụ số" in html
    # Exactly one h1 (the plan document's), under the portal's header.
    assert html.count("<h1") == 1


def test_the_plan_page_follows_edits_of_the_plan(portal, client):
    plan = portal.plan
    plan.general_objective = "Mục tiêu chung đã được sửa."
    plan.save()
    assert "Mục tiêu chung đã được sửa." in client.get(portal.plan_page.url).content.decode()


def test_the_home_page_leads_to_the_section(portal, client):
    html = client.get("/").content.decode()
    assert 'href="/nghi-quyet-57/"' in html
    assert "Cơ quan chủ quản" in html
