from types import SimpleNamespace
from typing import Any

import pytest

from xaso.outreach.models import Club
from xaso.outreach.services import club_save
from xaso.units.models import OrgUnit


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def units(demo: Any) -> SimpleNamespace:
    codes = {
        "thcs": "ls-hvt-thcs",
        "th": "ls-hvt-th",
        "kt": "ls-hvt-kt",
        "htx": "ls-hvt-dn-htx",
        "napan": "ls-hvt-t-napan",
        "tt_school": "ls-tt-th",
        "tt_vhxh": "ls-tt-vhxh",
    }
    return SimpleNamespace(**{key: OrgUnit.objects.get(code=code) for key, code in codes.items()})


@pytest.fixture
def robotics(units: SimpleNamespace) -> Club:
    return club_save(
        club=Club(unit=units.thcs, name="Câu lạc bộ Robotics và lập trình", field="Lập trình", members_count=24)
    )


def portal_loaded() -> Any:
    from xaso.portal.demo import load_home, load_section

    def quiet(_: str) -> None:
        return None

    load_home(quiet)
    return load_section(quiet)


@pytest.fixture
def portal(demo: Any) -> Any:
    return portal_loaded()
