"""Delivering a publication to a Facebook Page, and finding it again after a lost answer."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone

from xaso.channels.crypto import decrypt
from xaso.channels.errors import PermanentError
from xaso.channels.facebook.client import GraphClient
from xaso.channels.models import ChannelAccount, Delivery
from xaso.channels.public import ERR_NOT_PUBLIC, is_public_url, public_url
from xaso.channels.transport import Checkpoint, Sent, Usage

ERR_NOT_CONNECTED = (
    "Kênh Facebook chưa được kết nối (chưa có mã truy cập Trang). Hãy kết nối kênh trong trang quản trị."
)
ERR_NO_PAGE = "Kênh Facebook chưa có mã Trang (Page ID)."
# Facebook schedules posts only between 10 minutes and 30 days ahead; sooner is posted now.
SCHEDULE_MIN = dt.timedelta(minutes=10)
SCHEDULE_MAX = dt.timedelta(days=30)
# A post found again must have been created this close to the attempt whose answer was lost
# (clocks differ a little), or be scheduled this close to the delivery's time.
CLOCK_SLACK = dt.timedelta(minutes=5)


def post_message(delivery: Delivery) -> str:
    publication = delivery.publication
    parts = [publication.title.strip(), publication.summary.strip()]
    return "\n\n".join(part for part in parts if part)


def post_url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


def facebook_app(credentials: dict[str, Any]) -> tuple[str, str]:
    """(App ID, App Secret) of the account, else of the deployment (XASO_FACEBOOK_APP_*)."""
    app_id = str(credentials.get("app_id") or "")
    secret = str(credentials.get("app_secret") or "")
    if not secret and (not app_id or app_id == settings.FACEBOOK_APP_ID):
        return settings.FACEBOOK_APP_ID, settings.FACEBOOK_APP_SECRET
    return app_id, secret


def _same_text(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def _created(post: dict[str, Any]) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(str(post.get("created_time")), "%Y-%m-%dT%H:%M:%S%z")
    except ValueError:
        return None


class FacebookTransport:
    def __init__(self, account: ChannelAccount) -> None:
        self.account = account
        self.usage: Usage | None = None

    def client(self) -> GraphClient:
        credentials = decrypt(self.account.credentials)
        token = credentials.get("page_access_token", "")
        if not token:
            raise PermanentError(ERR_NOT_CONNECTED)
        if not self.account.remote_id:
            raise PermanentError(ERR_NO_PAGE)
        return GraphClient(access_token=token, app_secret=facebook_app(credentials)[1])

    def send(self, delivery: Delivery, *, checkpoint: Checkpoint) -> Sent:
        client = self.client()
        publication = delivery.publication
        ahead = delivery.publish_at - timezone.now()
        scheduled_at = delivery.publish_at if SCHEDULE_MIN <= ahead <= SCHEDULE_MAX else None
        # Facebook fetches the picture and the link's preview itself: from the public address.
        image_url, link = public_url(publication.image_url), public_url(publication.link)
        if image_url and not link and not is_public_url(image_url):
            raise PermanentError(ERR_NOT_PUBLIC.format(service="Facebook", what="ảnh của bài", url=image_url))
        try:
            if image_url and not link:
                post_id = client.post_photo(
                    page_id=self.account.remote_id,
                    image_url=image_url,
                    caption=post_message(delivery),
                    scheduled_at=scheduled_at,
                )
            else:
                post_id = client.post_feed(
                    page_id=self.account.remote_id,
                    message=post_message(delivery),
                    link=link,
                    scheduled_at=scheduled_at,
                )
        finally:
            self.usage = client.last_usage
        return Sent(remote_id=post_id, remote_url=post_url(post_id))

    def find_existing(self, delivery: Delivery, *, since: dt.datetime, checkpoint: Checkpoint) -> Sent | None:
        """The Page's post with this delivery's message, created since the attempt whose answer was
        lost (or scheduled for this delivery's time). Matched by message and time only: the `link`
        field of Page posts cannot be read any more (deprecated since Graph API v3.3)."""
        client = self.client()
        message = post_message(delivery)
        try:
            posts = client.recent_posts(page_id=self.account.remote_id, since=since - CLOCK_SLACK)
        finally:
            self.usage = client.last_usage
        matches = []
        for post in posts:
            if not _same_text(str(post.get("message") or ""), message):
                continue
            scheduled = int(post.get("scheduled_publish_time") or 0)
            created = _created(post)
            on_time = (
                bool(scheduled) and abs(scheduled - delivery.publish_at.timestamp()) <= CLOCK_SLACK.total_seconds()
            )
            if on_time or (created is not None and created >= since - CLOCK_SLACK):
                matches.append((created or since, post))
        if not matches:
            return None
        _, post = min(matches, key=lambda item: item[0])  # the first one, should there be two
        post_id = str(post["id"])
        return Sent(remote_id=post_id, remote_url=str(post.get("permalink_url") or post_url(post_id)))
