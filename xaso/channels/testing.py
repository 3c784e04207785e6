"""Helpers shared by the channels' tests and the demo: fake services wired to settings."""

from __future__ import annotations

from typing import Any

from xaso.channels.fakes.facebook import FakeFacebook
from xaso.channels.fakes.zalo import FakeZalo

FB_PAGE_ID = "104857600123456"
FB_APP_ID = "1234567890123456"
FB_APP_SECRET = "fbAppSecretHoangVanThu0123456789"  # noqa: S105 - fake services only
# A long-lived Page token (60 days from the fake's start), as the connect flow obtains one.
FB_PAGE_TOKEN = "EAAPageTokenHoangVanThu0123456789abcdef"  # noqa: S105 - fake services only
# The Page admin's short-lived User token (one hour from the fake's start), as Graph API Explorer gives it.
FB_USER_TOKEN = "EAAUserTokenOfThePageAdmin9876543210zyx"  # noqa: S105 - fake services only
FB_LONG_USER_TOKEN = "EAALongUserTokenOfThePageAdmin0123456"  # noqa: S105 - fake services only
FB_ADMIN = "page-admin-hvt"
ZALO_APP_ID = "4318652097531"
ZALO_SECRET = "ZaloSecretKeyHoangVanThu2025xyz"  # noqa: S105 - fake services only
ZALO_REFRESH = "zr-initial-refresh-token-0123456789abcdef"
ZALO_OA_ID = "579745863508352884"


def fake_facebook(**kwargs: Any) -> FakeFacebook:
    fake = FakeFacebook(app_id=FB_APP_ID, app_secret=FB_APP_SECRET, **kwargs)
    fake.add_page(page_id=FB_PAGE_ID, name="UBND xã Hoàng Văn Thụ", admin=FB_ADMIN)
    fake.add_user(user=FB_ADMIN, token=FB_USER_TOKEN)
    fake.add_user(user=FB_ADMIN, token=FB_LONG_USER_TOKEN, long_lived=True)
    fake.issue_page_token(page_id=FB_PAGE_ID, user_token=FB_LONG_USER_TOKEN, value=FB_PAGE_TOKEN)
    return fake


def fake_zalo(**kwargs: Any) -> FakeZalo:
    return FakeZalo(app_id=ZALO_APP_ID, secret_key=ZALO_SECRET, refresh_token=ZALO_REFRESH, oa_id=ZALO_OA_ID, **kwargs)
