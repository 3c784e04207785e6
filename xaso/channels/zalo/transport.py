"""Delivering a publication to a Zalo OA: create the article, learn its id, broadcast it.

Each step achieved is checkpointed on the delivery, so a retry continues where the last
attempt stopped. Zalo creates an article asynchronously: article/create answers a token and
article/verify gives the id only once Zalo has processed it, so until then the delivery goes
back to the task queue and looks again a little later (PendingError) — no request waits in a
loop. The article's address is its `link_view` in the OA's article list. A creation whose answer
was lost is looked up in that list (same title, created since); as a new article appears there
only once processed, the lookup keeps waiting a few minutes before concluding that it was never
created. The broadcast, which Zalo cannot list back, is sent at most once: an unknown broadcast
outcome stops with a reason for the editor to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.templatetags.static import static
from django.utils import timezone

from xaso.channels.errors import DeliveryError, PendingError, PermanentError, TemporaryError, UncertainError
from xaso.channels.models import ChannelAccount, Delivery
from xaso.channels.public import ERR_NOT_PUBLIC, is_public_url, public_url
from xaso.channels.transport import Checkpoint, Sent, Usage
from xaso.channels.zalo.client import TokenRejectedError, ZaloClient, listed_at
from xaso.channels.zalo.tokens import zalo_access_token
from xaso.vi.markup import html_to_paragraphs

ERR_BROADCAST_UNKNOWN = (
    "Bài đã đăng trên Zalo OA nhưng không rõ tin nhắn giới thiệu bài đã gửi tới người quan tâm hay chưa "
    "(mất kết nối giữa chừng). Kiểm tra trên trang quản lý OA; không gửi lại tự động để tránh gửi hai lần."
)
MSG_PROCESSING = "Zalo đang xử lý bài viết; Xã số sẽ kiểm tra lại sau {seconds} giây."
MSG_NOT_LISTED = "Chưa thấy bài trong danh sách bài viết của OA (Zalo có thể còn đang xử lý bài); sẽ đối chiếu lại sau {seconds} giây."
ERR_TOO_SLOW = "Zalo chưa xử lý xong bài viết sau {minutes} phút; sẽ kiểm tra lại sau."
CLOCK_SLACK = dt.timedelta(minutes=5)
T = TypeVar("T")


def cover_url(delivery: Delivery) -> str:
    """The article's picture, or the commune's default cover, at the public base address: Zalo
    downloads it from there, so a local or private address is refused with a clear message."""
    url = public_url(delivery.publication.image_url) or f"{settings.CHANNEL_PUBLIC_URL}{static('channels/cover.png')}"
    if not is_public_url(url):
        raise PermanentError(ERR_NOT_PUBLIC.format(service="Zalo", what="ảnh bìa", url=url))
    return url


def article_payload(delivery: Delivery, *, cover: str = "") -> dict[str, Any]:
    publication = delivery.publication
    body: list[dict[str, Any]] = [{"type": "text", "content": p} for p in html_to_paragraphs(publication.body_html)]
    if publication.link:
        body.append({"type": "text", "content": f"Xem bài đầy đủ: {public_url(publication.link)}"})
    article: dict[str, Any] = {
        "type": "normal",
        "title": publication.title[:150],
        "author": (delivery.account.name or "UBND xã")[:50],
        "description": (publication.summary or publication.title)[:300],
        "body": body or [{"type": "text", "content": publication.summary or publication.title}],
        "status": "show",
        "comment": "show",
    }
    # Zalo requires a cover photo on a normal article: the commune's default one when the article has none.
    article["cover"] = {"cover_type": "photo", "photo_url": cover or cover_url(delivery), "status": "show"}
    return article


class ZaloTransport:
    def __init__(self, account: ChannelAccount) -> None:
        self.account = account
        self.usage: Usage | None = None
        self.token = ""

    def _with_token(self, action: Callable[[ZaloClient], T]) -> T:
        self.token = self.token or zalo_access_token(account=self.account)
        try:
            return action(ZaloClient(access_token=self.token))
        except TokenRejectedError:
            self.account.refresh_from_db()
            self.token = zalo_access_token(account=self.account, rejected=self.token)
            return action(ZaloClient(access_token=self.token))

    def _address(self, article_id: str) -> str:
        """The article's link_view, read from the OA's latest articles (verify does not give it)."""
        for item in self._with_token(lambda c: c.recent_articles(limit=10)):
            if str(item.get("id")) == article_id:
                return str(item.get("link_view") or "")
        return ""

    def send(self, delivery: Delivery, *, checkpoint: Checkpoint) -> Sent:
        state = dict(delivery.checkpoint)
        if not state.get("article_id"):
            if not state.get("article_token"):
                payload = article_payload(delivery, cover=cover_url(delivery))
                token = self._with_token(lambda c: c.create_article(payload))
                state["article_token"] = token
                checkpoint({"article_token": token, "article_created_at": timezone.now().isoformat()})
            article_id = self._with_token(lambda c: c.verify_article(state["article_token"]))
            if not article_id:
                raise self._still_processing(state)
            state["article_id"] = article_id
            state["article_url"] = self._address(article_id)
            checkpoint({"article_id": state["article_id"], "article_url": state["article_url"]})
        if delivery.options.get("broadcast", True) and not state.get("message_id"):
            if state.get("broadcast_started"):
                raise PermanentError(ERR_BROADCAST_UNKNOWN)
            checkpoint({"broadcast_started": True})
            try:
                message_id = self._with_token(
                    lambda c: c.broadcast_article(article_id=state["article_id"], target=delivery.options.get("target"))
                )
            except UncertainError:
                raise
            except DeliveryError:
                checkpoint({"broadcast_started": False})  # Zalo answered with an error: nothing was sent
                raise
            state["message_id"] = message_id
            checkpoint({"message_id": message_id})
        return Sent(remote_id=state["article_id"], remote_url=state.get("article_url", ""))

    def _still_processing(self, state: dict[str, Any]) -> DeliveryError:
        poll = settings.ZALO_ARTICLE_POLL_SECONDS
        started = state.get("article_created_at")
        waited = timezone.now() - dt.datetime.fromisoformat(started) if started else dt.timedelta(0)
        if waited.total_seconds() > settings.ZALO_ARTICLE_MAX_WAIT_SECONDS:
            # Counted as a failed attempt from now on, so that a stuck article ends in a reason.
            return TemporaryError(ERR_TOO_SLOW.format(minutes=round(waited.total_seconds() / 60)))
        return PendingError(MSG_PROCESSING.format(seconds=poll), retry_after=poll)

    def find_existing(self, delivery: Delivery, *, since: dt.datetime, checkpoint: Checkpoint) -> Sent | None:
        """Only the creation can be lost between request and checkpoint (the broadcast is never
        re-sent): look the article up by title among those created since, and record it, so that
        send() goes on with its id instead of creating it again."""
        if delivery.checkpoint.get("article_id") or delivery.checkpoint.get("article_token"):
            return None
        title = delivery.publication.title[:150]
        for item in self._with_token(lambda c: c.recent_articles(limit=10)):
            created = listed_at(item)
            if item.get("title") == title and (created is None or created >= since - CLOCK_SLACK):
                checkpoint({"article_id": str(item["id"]), "article_url": str(item.get("link_view") or "")})
                return None
        if timezone.now() - since < dt.timedelta(seconds=settings.ZALO_ARTICLE_SETTLE_SECONDS):
            poll = settings.ZALO_ARTICLE_POLL_SECONDS
            raise PendingError(MSG_NOT_LISTED.format(seconds=poll), retry_after=poll, keep_posting=True)
        return None
