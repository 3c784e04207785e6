"""The portal of the demo commune: home page, the Resolution 57 section, its sub-sections and plan page."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches

from xaso.portal.demo import load_home, load_section
from xaso.portal.models import PlanPage, TopicPage


def _quiet(_: str) -> None:
    return None


@pytest.fixture(autouse=True)
def _fresh_caches() -> None:
    """Wagtail keeps renditions in the default cache by image id; ids repeat once a test's rows are rolled back."""
    caches["default"].clear()
    caches["pages"].clear()


@pytest.fixture
def portal(demo: SimpleNamespace) -> SimpleNamespace:
    home = load_home(_quiet)
    section = load_section(_quiet)
    topics = {topic.slug: topic for topic in TopicPage.objects.child_of(section)}
    return SimpleNamespace(
        home=home,
        section=section,
        topics=topics,
        news=topics["tin-tuc"],
        plan_page=PlanPage.objects.get(),
        admin=get_user_model().objects.get(username="quantri"),
        **vars(demo),
    )
