"""The site tree is locked: each page type goes only where the plan's structure puts it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from xaso.portal.models import ArticlePage, HomePage, PlanPage, SectionPage, TopicPage
from xaso.portal.models.pages import ERR_HOME_COMMUNE


def test_it_allows_only_the_planned_children_under_each_page_type(portal):
    assert TopicPage.can_create_at(portal.section)
    assert not TopicPage.can_create_at(portal.home)
    assert ArticlePage.can_create_at(portal.news)
    assert not ArticlePage.can_create_at(portal.section)
    assert not ArticlePage.can_create_at(portal.home)
    assert SectionPage.can_create_at(portal.home)
    assert not SectionPage.can_create_at(portal.section)
    assert ArticlePage.allowed_subpage_models() == []


def test_it_allows_one_plan_page_per_section(portal):
    assert PlanPage.objects.child_of(portal.section).count() == 1
    assert not PlanPage.can_create_at(portal.section)


def test_the_seed_section_has_the_sub_sections_the_plan_asks_for(portal):
    titles = [topic.title for topic in TopicPage.objects.child_of(portal.section).order_by("path")]
    assert titles == [
        "Tin tức, sự kiện",
        "Văn bản chỉ đạo của Đảng, Nhà nước",
        "Thành tựu khoa học, công nghệ trong nước và quốc tế",
        "Mô hình hay, sáng kiến điển hình",
        "Vinh danh tập thể, cá nhân tiêu biểu",
        "Bình dân học vụ số",
        "Khoa học, công nghệ trong trường học",
        "Doanh nghiệp đổi mới sáng tạo",
    ]
    assert all(page.live for page in TopicPage.objects.all())


def test_a_home_page_must_belong_to_a_commune(portal):
    home = HomePage(title="Trang thử", slug="trang-thu")
    with pytest.raises(ValidationError) as error:
        home.clean()
    assert error.value.message_dict["commune"] == [ERR_HOME_COMMUNE]
