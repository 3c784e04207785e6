"""The portal of the demo commune: home page, the Resolution 57 section, its sub-sections and plan page."""

from __future__ import annotations

from collections.abc import Iterator
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import caches
from django.test import override_settings

from xaso.portal.demo import load_home, load_section
from xaso.portal.models import PlanPage, TopicPage
from xaso.portal.pagecache import CACHE_ALIAS


def _quiet(_: str) -> None:
    return None


@pytest.fixture
def cached() -> Iterator[None]:
    """The anonymous page cache switched on (it is off in tests), empty before and after."""
    caches[CACHE_ALIAS].clear()
    with override_settings(PAGE_CACHE_SECONDS=60):
        yield
    caches[CACHE_ALIAS].clear()


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
