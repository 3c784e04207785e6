from __future__ import annotations

from typing import Any

import pytest

from xaso.learning.demo import OFFICERS_COURSE, RESOLUTION_COURSE, load_courses
from xaso.learning.models import Course


def _quiet(_: str) -> None:
    return None


@pytest.fixture
def courses(demo: Any) -> dict[str, Course]:
    """The two shipped courses (without the spoken audio, which test_demo_courses covers)."""
    load_courses(_quiet, with_media=False)
    return {
        "resolution": Course.objects.get(slug=RESOLUTION_COURSE),
        "officers": Course.objects.get(slug=OFFICERS_COURSE),
    }
