"""Demo channels of xã Hoàng Văn Thụ: its Facebook Page and Zalo OA (pointing at the local
fake services that bin/run starts), its loudspeaker station and two loudspeaker groups.

Idempotent: existing accounts and groups are left as users changed them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from xaso.channels.fakes.facebook import LONG_LIVED_SECONDS
from xaso.channels.models import ChannelAccount, ChannelKind, VillageGroup
from xaso.channels.services import channel_account_create
from xaso.channels.testing import (
    FB_APP_ID,
    FB_APP_SECRET,
    FB_PAGE_ID,
    FB_PAGE_TOKEN,
    ZALO_APP_ID,
    ZALO_OA_ID,
    ZALO_REFRESH,
    ZALO_SECRET,
)
from xaso.units.models import OrgUnit

# Made up for the demo (the villages themselves are demo units): households and residents.
VILLAGE_PEOPLE = {
    "ls-hvt-t-napan": (98, 412),
    "ls-hvt-t-banthang": (84, 356),
    "ls-hvt-t-khuoinhan": (71, 298),
    "ls-hvt-t-pacvan": (63, 265),
    "ls-hvt-t-naly": (79, 331),
}
GROUPS = {
    "Cụm loa phía Bắc": ["ls-hvt-t-napan", "ls-hvt-t-banthang", "ls-hvt-t-khuoinhan"],
    "Cụm loa phía Nam": ["ls-hvt-t-pacvan", "ls-hvt-t-naly"],
}


@transaction.atomic
def load_channels(log: Callable[[str], None]) -> None:
    commune = OrgUnit.objects.filter(code="ls-hvt").first()
    if commune is None:
        log("Kênh: chưa có xã Hoàng Văn Thụ, bỏ qua.")
        return
    office = OrgUnit.objects.get(code="ls-hvt-vhxh")
    station = OrgUnit.objects.filter(code="ls-hvt-dtt").first() or office
    accounts = [
        (
            ChannelKind.FACEBOOK,
            "Trang Facebook UBND xã Hoàng Văn Thụ",
            office,
            FB_PAGE_ID,
            {"page_access_token": FB_PAGE_TOKEN, "app_id": FB_APP_ID, "app_secret": FB_APP_SECRET},
        ),
        (
            ChannelKind.ZALO,
            "Zalo OA xã Hoàng Văn Thụ",
            office,
            ZALO_OA_ID,
            {"app_id": ZALO_APP_ID, "secret_key": ZALO_SECRET, "refresh_token": ZALO_REFRESH},
        ),
        (ChannelKind.LOUDSPEAKER, "Đài Truyền thanh xã Hoàng Văn Thụ", station, "", {}),
    ]
    created = 0
    for kind, name, unit, remote_id, credentials in accounts:
        if ChannelAccount.objects.filter(commune=commune, kind=kind).exists():
            continue
        # The fake Facebook's Page token is a long-lived one (60 days), as the connect flow obtains.
        expires = timezone.now() + dt.timedelta(seconds=LONG_LIVED_SECONDS) if kind == ChannelKind.FACEBOOK else None
        channel_account_create(
            commune=commune,
            kind=kind,
            name=name,
            unit=unit,
            remote_id=remote_id,
            credentials=credentials,
            token_expires_at=expires,
        )
        created += 1
    for name, codes in GROUPS.items():
        group, is_new = VillageGroup.objects.get_or_create(commune=commune, name=name)
        if is_new:
            group.villages.set(OrgUnit.objects.filter(code__in=codes))
            created += 1
    _village_people()
    log(f"Kênh truyền thông: thêm {created}.")


DEMO_TITLE = "Xã Hoàng Văn Thụ triển khai Kế hoạch 33/KH-UBND về truyền thông Nghị quyết 57-NQ/TW"
DEMO_SUMMARY = (
    "Ngày 23/8/2025, UBND xã ban hành Kế hoạch 33/KH-UBND; đến năm 2030, ít nhất 80% người dân "
    "được tiếp cận thông tin về KH&CN, ĐMST và CĐS qua hệ thống thông tin cơ sở."
)
DEMO_BODY = (
    "<p>Kế hoạch giao Phòng Văn hóa - Xã hội chủ trì, phối hợp với các thôn, trường học và doanh nghiệp "
    "trên địa bàn. Năm 2025, 100% cán bộ, công chức, viên chức và người lao động được phổ biến Nghị quyết.</p>"
    "<p>Các đơn vị báo cáo kết quả trước ngày 5/6 và trước ngày 5/1 hằng năm.</p>"
)


def load_deliveries(log: Callable[[str], None]) -> None:
    """One demo article sent to every channel (the task worker delivers it to the local fakes),
    and one channel left unconfigured to show how a failure reads."""
    from django.conf import settings

    from xaso.channels.models import Delivery
    from xaso.channels.services import deliveries_schedule, publication_create, publication_for_page

    commune = OrgUnit.objects.filter(code="ls-hvt").first()
    if commune is None or Delivery.objects.filter(publication__commune=commune).exists():
        log("Lượt gửi mẫu: đã có.")
        return
    article = _demo_article()
    with transaction.atomic():
        unconfigured, _ = ChannelAccount.objects.get_or_create(
            commune=commune,
            kind=ChannelKind.FACEBOOK,
            remote_id="",
            defaults={
                "name": "Trang Facebook Đoàn Thanh niên xã (chưa kết nối)",
                "unit": OrgUnit.objects.get(code="ls-hvt-doan"),
            },
        )
        if article is not None:
            publication = publication_for_page(page=article)
        else:
            publication = publication_create(
                commune=commune,
                title=DEMO_TITLE,
                summary=DEMO_SUMMARY,
                body_html=DEMO_BODY,
                link=f"{settings.BASE_URL}/ke-hoach/",
            )
        accounts = ChannelAccount.objects.filter(commune=commune, is_active=True)
        deliveries = deliveries_schedule(publication=publication, accounts=accounts, options={"days": 2})
    log(f"Lượt gửi mẫu: xếp {len(deliveries)} lượt gửi (kể cả kênh chưa kết nối {unconfigured}).")


DEMO_ARTICLE_SLUG = "xa-ra-mat-chuyen-muc-nghi-quyet-57"


def _demo_article() -> Any:
    """The portal's demo article sent out in the demo, when the portal's demo content is loaded."""
    from django.apps import apps

    if not apps.is_installed("xaso.portal"):
        return None
    from wagtail.models import Page

    return Page.objects.live().filter(slug=DEMO_ARTICLE_SLUG).first()


def _village_people() -> None:
    """Residents of the demo villages, so that broadcasts count the people they reach; a
    village whose register a user already filled is left alone."""
    from xaso.registers.models import VillageProfile
    from xaso.registers.services import village_profile_set

    for code, (households, residents) in VILLAGE_PEOPLE.items():
        village = OrgUnit.objects.filter(code=code).first()
        if village is not None and not VillageProfile.objects.filter(unit=village).exists():
            village_profile_set(unit=village, households=households, residents=residents, has_loudspeaker=True)
