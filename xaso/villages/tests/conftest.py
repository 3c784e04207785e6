from typing import Any

import pytest

from xaso.units.models import OrgUnit
from xaso.villages.models import TeamMember
from xaso.villages.services import platform_save, team_member_add


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def napan(demo: Any) -> OrgUnit:
    return OrgUnit.objects.get(code="ls-hvt-t-napan")


@pytest.fixture
def banthang(demo: Any) -> OrgUnit:
    return OrgUnit.objects.get(code="ls-hvt-t-banthang")


@pytest.fixture
def team(napan: OrgUnit) -> list[TeamMember]:
    return [
        team_member_add(village=napan, full_name="Hoàng Văn Sơn", role="leader"),
        team_member_add(village=napan, full_name="Nông Thị Hoa", role="deputy"),
    ]


@pytest.fixture
def platforms(napan: OrgUnit) -> list[Any]:
    from xaso.villages.models import Platform

    return [
        platform_save(platform=Platform(commune=napan.commune, name="Postmart", sort_order=0)),
        platform_save(platform=Platform(commune=napan.commune, name="Voso", sort_order=1)),
    ]
