from __future__ import annotations

from typing import Any

import pytest

from xaso.onboarding.communes import wards_of
from xaso.onboarding.services import commune_create
from xaso.units.models import OrgUnit


@pytest.fixture
def province(demo) -> OrgUnit:
    return OrgUnit.objects.get(code="ls")


@pytest.fixture
def tan_tien(demo, province) -> OrgUnit:
    """Xã Tân Tiến (Lạng Sơn), created from the national list by the province's administrator."""
    ward = next(w for w in wards_of(province.name) if w.name == "Xã Tân Tiến")
    return commune_create(province=province, user=demo.hoa, ward_code=ward.code)


@pytest.fixture
def post_roster(client_for, demo):
    """post_roster(commune, data, user=hoa, name=...) -> the response of the commune page's import."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    def post(commune: OrgUnit, data: bytes, *, user: Any = None, name: str = "danh-sach.xlsx") -> Any:
        client = client_for(user or demo.hoa)
        return client.post(
            reverse("onboarding_commune", args=[commune.pk]),
            {"action": "import", "file": SimpleUploadedFile(name, data)},
        )

    return post
