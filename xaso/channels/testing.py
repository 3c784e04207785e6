"""Helpers shared by the channels' tests and the demo: fake services wired to settings."""

from __future__ import annotations

from typing import Any

from xaso.channels.fakes.facebook import FakeFacebook
from xaso.channels.fakes.zalo import FakeZalo

FB_PAGE_ID = "104857600123456"
FB_PAGE_TOKEN = "EAAPageTokenHoangVanThu0123456789abcdef"  # noqa: S105 - fake services only
FB_USER_TOKEN = "EAAUserTokenOfThePageAdmin9876543210zyx"  # noqa: S105 - fake services only
ZALO_APP_ID = "4318652097531"
ZALO_SECRET = "ZaloSecretKeyHoangVanThu2025xyz"  # noqa: S105 - fake services only
ZALO_REFRESH = "zr-initial-refresh-token-0123456789abcdef"
ZALO_OA_ID = "579745863508352884"


def fake_facebook(**kwargs: Any) -> FakeFacebook:
    fake = FakeFacebook(**kwargs)
    fake.add_page(page_id=FB_PAGE_ID, name="UBND xã Hoàng Văn Thụ", page_token=FB_PAGE_TOKEN, user_token=FB_USER_TOKEN)
    return fake


def fake_zalo(**kwargs: Any) -> FakeZalo:
    return FakeZalo(app_id=ZALO_APP_ID, secret_key=ZALO_SECRET, refresh_token=ZALO_REFRESH, **kwargs)
