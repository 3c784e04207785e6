"""Delivering a publication to a Facebook Page, and finding it again after a crash."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from xaso.channels.crypto import decrypt
from xaso.channels.errors import PermanentError
from xaso.channels.facebook.client import GraphClient
from xaso.channels.models import ChannelAccount, Delivery
from xaso.channels.transport import Checkpoint, Sent, Usage

ERR_NOT_CONNECTED = (
    "Kênh Facebook chưa được kết nối (chưa có mã truy cập Trang). Hãy kết nối kênh trong trang quản trị."
)
ERR_NO_PAGE = "Kênh Facebook chưa có mã Trang (Page ID)."
# Facebook schedules posts only between 10 minutes and 30 days ahead; sooner is posted now.
SCHEDULE_MIN = dt.timedelta(minutes=10)
SCHEDULE_MAX = dt.timedelta(days=30)


def post_message(delivery: Delivery) -> str:
    publication = delivery.publication
    parts = [publication.title.strip(), publication.summary.strip()]
    return "\n\n".join(part for part in parts if part)


def post_url(post_id: str) -> str:
    return f"https://www.facebook.com/{post_id}"


class FacebookTransport:
    def __init__(self, account: ChannelAccount) -> None:
        self.account = account
        self.usage: Usage | None = None

    def client(self) -> GraphClient:
        token = decrypt(self.account.credentials).get("page_access_token", "")
        if not token:
            raise PermanentError(ERR_NOT_CONNECTED)
        if not self.account.remote_id:
            raise PermanentError(ERR_NO_PAGE)
        return GraphClient(access_token=token)

    def send(self, delivery: Delivery, *, checkpoint: Checkpoint) -> Sent:
        client = self.client()
        publication = delivery.publication
        ahead = delivery.publish_at - timezone.now()
        scheduled_at = delivery.publish_at if SCHEDULE_MIN <= ahead <= SCHEDULE_MAX else None
        try:
            if publication.image_url and not publication.link:
                post_id = client.post_photo(
                    page_id=self.account.remote_id,
                    image_url=publication.image_url,
                    caption=post_message(delivery),
                    scheduled_at=scheduled_at,
                )
            else:
                post_id = client.post_feed(
                    page_id=self.account.remote_id,
                    message=post_message(delivery),
                    link=publication.link,
                    scheduled_at=scheduled_at,
                )
        finally:
            self.usage = client.last_usage
        return Sent(remote_id=post_id, remote_url=post_url(post_id))

    def find_existing(self, delivery: Delivery, *, since: dt.datetime, checkpoint: Checkpoint) -> Sent | None:
        client = self.client()
        message = post_message(delivery).strip()
        link = delivery.publication.link
        try:
            posts = client.recent_posts(page_id=self.account.remote_id, since=since - dt.timedelta(minutes=5))
        finally:
            self.usage = client.last_usage
        for post in posts:
            if (post.get("message") or "").strip() == message or (link and post.get("link") == link):
                post_id = str(post["id"])
                return Sent(remote_id=post_id, remote_url=post.get("permalink_url") or post_url(post_id))
        return None
