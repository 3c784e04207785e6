"""Writes of the channels: accounts and their credentials, publications, deliveries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from xaso.channels.crypto import decrypt, encrypt
from xaso.channels.dispatch import delivery_enqueue
from xaso.channels.facebook.client import GraphClient, exchange_user_token
from xaso.channels.models import (
    ChannelAccount,
    ChannelKind,
    Delivery,
    DeliveryAttempt,
    DeliveryState,
    Publication,
)
from xaso.units.models import OrgUnit

ERR_PAGE_NOT_MANAGED = "Tài khoản Facebook này không quản lý Trang có mã {page_id}."
ERR_NO_PAGES = "Tài khoản Facebook này không quản lý Trang nào (hoặc chưa cấp quyền pages_show_list)."
ERR_MANY_PAGES = "Tài khoản quản lý nhiều Trang; hãy nhập mã Trang (Page ID) của xã trước."
ERR_NO_CREATE_CONTENT = "Tài khoản quản trị Trang không có quyền tạo nội dung (CREATE_CONTENT) trên Trang {name}."
ERR_OTHER_COMMUNE = "Kênh “{account}” không thuộc xã của bài."
ERR_RETRY_STATE = "Chỉ gửi lại được lượt gửi đã thất bại."
ERR_NO_CHANNEL = "Hãy chọn ít nhất một kênh."
ERR_PAST = "Thời điểm đăng đã qua quá lâu; hãy chọn từ bây giờ trở đi."

ERR_NEEDS_APP = (
    "Để lấy mã truy cập dài hạn (khoảng 60 ngày) thay cho mã ngắn hạn (khoảng 1 giờ), hãy nhập Mã ứng dụng (App ID) "
    "và Khóa bí mật ứng dụng (App Secret) của ứng dụng Facebook."
)

# Which keys each kind of account keeps encrypted. Blank values in an update keep the stored one.
CREDENTIAL_FIELDS: dict[str, tuple[str, ...]] = {
    ChannelKind.FACEBOOK: ("page_access_token", "app_id", "app_secret"),
    ChannelKind.ZALO: ("app_id", "secret_key", "access_token", "refresh_token"),
    ChannelKind.LOUDSPEAKER: (),
}


@transaction.atomic
def channel_account_create(
    *,
    commune: OrgUnit,
    kind: str,
    name: str,
    unit: OrgUnit,
    remote_id: str = "",
    credentials: dict[str, str] | None = None,
    token_expires_at: dt.datetime | None = None,
) -> ChannelAccount:
    account = ChannelAccount(commune=commune, kind=kind, name=name, unit=unit, remote_id=remote_id)
    account.full_clean()
    account.save()
    if credentials:
        channel_account_set_credentials(account=account, values=credentials, token_expires_at=token_expires_at)
    return account


@transaction.atomic
def channel_account_set_credentials(
    *, account: ChannelAccount, values: dict[str, str], token_expires_at: dt.datetime | None = None
) -> ChannelAccount:
    """Store credentials encrypted. Keys of other kinds are ignored; blank values keep the old one.
    A new token replaces what was known of the old one: its expiry (`token_expires_at`, None when
    unknown), and for Zalo the refresh token's age and any lost refresh."""
    allowed = CREDENTIAL_FIELDS[account.kind]
    stored = decrypt(account.credentials) if account.credentials else {}
    for key in allowed:
        value = (values.get(key) or "").strip()
        if value:
            stored[key] = value
    changes: dict[str, Any] = {"credentials": encrypt(stored), "problem": ""}
    if account.kind == ChannelKind.ZALO and values.get("access_token"):
        # A hand-entered access token's lifetime is unknown: refresh before first use unless told.
        changes["token_expires_at"] = token_expires_at
    if account.kind == ChannelKind.ZALO and values.get("refresh_token"):
        changes.update(refresh_expires_at=None, refresh_uncertain_since=None)
    if account.kind == ChannelKind.FACEBOOK and values.get("page_access_token"):
        changes["token_expires_at"] = token_expires_at
    ChannelAccount.objects.filter(pk=account.pk).update(credentials_version=F("credentials_version") + 1, **changes)
    account.refresh_from_db()
    return account


@dataclass
class FacebookGrant:
    """What a Page admin's short-lived User token became: the Pages of the long-lived one."""

    pages: list[dict[str, Any]]
    expires_at: dt.datetime | None
    app_id: str
    app_secret: str


def facebook_grant(*, user_token: str, app_id: str, app_secret: str) -> FacebookGrant:
    """Exchange the short-lived User token for a long-lived one (fb_exchange_token, with the app's
    id and secret), then list its Pages (/me/accounts): their tokens live as long as it does, about
    60 days, instead of about an hour. Raises ValidationError or DeliveryError (with its reason)."""
    if not (app_id and app_secret):
        raise ValidationError(ERR_NEEDS_APP)
    long_lived = exchange_user_token(app_id=app_id, app_secret=app_secret, user_token=user_token, now=timezone.now())
    pages = GraphClient(access_token=long_lived.access_token, app_secret=app_secret).page_accounts()
    return FacebookGrant(pages=pages, expires_at=long_lived.expires_at, app_id=app_id, app_secret=app_secret)


def facebook_connect(*, account: ChannelAccount, grant: FacebookGrant, keep_app: bool = True) -> ChannelAccount:
    """Keep the token of this account's Page (choosing the only Page when no Page ID was given),
    with its expiry. `keep_app`: store the app's id and secret on the account (False when they are
    the deployment's XASO_FACEBOOK_APP_ID / XASO_FACEBOOK_APP_SECRET)."""
    pages = grant.pages
    if not pages:
        raise ValidationError(ERR_NO_PAGES)
    if account.remote_id:
        page = next((p for p in pages if str(p.get("id")) == account.remote_id), None)
        if page is None:
            raise ValidationError(ERR_PAGE_NOT_MANAGED.format(page_id=account.remote_id))
    elif len(pages) == 1:
        page = pages[0]
    else:
        raise ValidationError(ERR_MANY_PAGES)
    tasks = page.get("tasks")
    if isinstance(tasks, list) and "CREATE_CONTENT" not in tasks:
        raise ValidationError(ERR_NO_CREATE_CONTENT.format(name=page.get("name", "")))
    values = {"page_access_token": str(page["access_token"])}
    if keep_app:
        values.update(app_id=grant.app_id, app_secret=grant.app_secret)
    with transaction.atomic():
        if not account.remote_id:
            ChannelAccount.objects.filter(pk=account.pk).update(remote_id=str(page["id"]))
            account.refresh_from_db()
        return channel_account_set_credentials(account=account, values=values, token_expires_at=grant.expires_at)


@transaction.atomic
def publication_create(
    *,
    commune: OrgUnit,
    title: str,
    summary: str = "",
    body_html: str = "",
    link: str = "",
    image_url: str = "",
    page: Any = None,
    user: Any = None,
) -> Publication:
    """The snapshot of an article sent out; one per article page (the same one is returned again)."""
    if page is not None:
        existing = Publication.objects.filter(page=page).first()
        if existing is not None:
            return existing
    publication = Publication(
        commune=commune,
        page=page,
        title=title,
        summary=summary,
        body_html=body_html,
        link=link,
        image_url=image_url,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    publication.full_clean()
    publication.save()
    return publication


def deliveries_schedule(
    *,
    publication: Publication,
    accounts: Iterable[ChannelAccount],
    publish_at: dt.datetime | None = None,
    options: dict[str, Any] | None = None,
) -> list[Delivery]:
    """One delivery per chosen channel, queued for `publish_at` (now by default). Choosing a
    channel that already has a delivery of this article returns that delivery unchanged."""
    accounts = list(accounts)
    if not accounts:
        raise ValidationError(ERR_NO_CHANNEL)
    now = timezone.now()
    publish_at = publish_at or now
    if publish_at < now - dt.timedelta(hours=1):
        raise ValidationError(ERR_PAST)
    deliveries: list[Delivery] = []
    for account in accounts:
        if account.commune_id != publication.commune_id:
            raise ValidationError(ERR_OTHER_COMMUNE.format(account=account))
        deliveries.append(_delivery_create(publication=publication, account=account, at=publish_at, options=options))
    return deliveries


def _delivery_create(
    *, publication: Publication, account: ChannelAccount, at: dt.datetime, options: dict[str, Any] | None
) -> Delivery:
    # Facebook publishes scheduled posts itself: send the request now, with the time.
    send_at = timezone.now() if account.kind == ChannelKind.FACEBOOK else at
    try:
        with transaction.atomic():
            delivery = Delivery.objects.create(
                publication=publication, account=account, publish_at=at, not_before=send_at, options=options or {}
            )
            delivery_enqueue(delivery=delivery, at=send_at)
            return delivery
    except IntegrityError:
        # Two editors (or two clicks) scheduled the same channel at once: the constraint keeps one.
        return Delivery.objects.get(publication=publication, account=account)


@transaction.atomic
def delivery_retry(*, delivery: Delivery) -> Delivery:
    """An editor sends a failed delivery again (after fixing its cause)."""
    updated = Delivery.objects.filter(pk=delivery.pk, state=DeliveryState.FAILED).update(
        state=DeliveryState.QUEUED, not_before=timezone.now(), attempts=0, reason=""
    )
    if not updated:
        raise ValidationError(ERR_RETRY_STATE)
    delivery.refresh_from_db()
    if delivery.checkpoint.get("broadcast_started") and not delivery.checkpoint.get("message_id"):
        # The editor checked the OA and asks for the broadcast again: allow it once more.
        Delivery.objects.filter(pk=delivery.pk).update(checkpoint={**delivery.checkpoint, "broadcast_started": False})
    DeliveryAttempt.objects.create(delivery=delivery, outcome="requeued", detail="Biên tập viên cho gửi lại.")
    delivery_enqueue(delivery=delivery)
    return delivery


ERR_NOT_LIVE = "Chỉ gửi được bài đã được duyệt và đăng trên trang thông tin điện tử."


def publication_for_page(*, page: Any, user: Any = None) -> Publication:
    """The publication of an approved (published) portal article; the same one every time."""
    from xaso.channels.pages import (
        ERR_NO_COMMUNE,
        page_body_html,
        page_commune,
        page_image_url,
        page_link,
        page_summary,
    )

    existing = Publication.objects.filter(page=page).first()
    if existing is not None:
        return existing
    if not page.live:
        raise ValidationError(ERR_NOT_LIVE)
    commune = page_commune(page)
    if commune is None:
        raise ValidationError(ERR_NO_COMMUNE)
    return publication_create(
        commune=commune,
        page=page,
        title=page.title,
        summary=page_summary(page),
        body_html=page_body_html(page),
        link=page_link(page),
        image_url=page_image_url(page),
        user=user,
    )
