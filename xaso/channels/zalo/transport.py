"""Delivering a publication to a Zalo OA: create the article, learn its id, broadcast it.

Each step achieved is checkpointed on the delivery, so a retry continues where the last
attempt stopped. Creating an article whose outcome is unknown is reconciled against the
OA's recent articles (same title); the broadcast, which Zalo cannot list back, is sent at
most once: an unknown broadcast outcome stops with a reason for the editor to check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.templatetags.static import static

from xaso.channels.errors import DeliveryError, PermanentError, UncertainError
from xaso.channels.models import ChannelAccount, Delivery
from xaso.channels.transport import Checkpoint, Sent, Usage
from xaso.channels.zalo.client import TokenRejectedError, ZaloClient
from xaso.channels.zalo.tokens import zalo_access_token
from xaso.vi.markup import html_to_paragraphs

ERR_BROADCAST_UNKNOWN = (
    "Bài đã đăng trên Zalo OA nhưng không rõ tin nhắn giới thiệu bài đã gửi tới người quan tâm hay chưa "
    "(mất kết nối giữa chừng). Kiểm tra trên trang quản lý OA; không gửi lại tự động để tránh gửi hai lần."
)
T = TypeVar("T")


def article_payload(delivery: Delivery) -> dict[str, Any]:
    publication = delivery.publication
    body: list[dict[str, Any]] = [{"type": "text", "content": p} for p in html_to_paragraphs(publication.body_html)]
    if publication.link:
        body.append({"type": "text", "content": f"Xem bài đầy đủ: {publication.link}"})
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
    cover = publication.image_url or f"{settings.BASE_URL}{static('channels/cover.png')}"
    article["cover"] = {"cover_type": "photo", "photo_url": cover, "status": "show"}
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

    def send(self, delivery: Delivery, *, checkpoint: Checkpoint) -> Sent:
        state = dict(delivery.checkpoint)
        if not state.get("article_id"):
            if not state.get("article_token"):
                token = self._with_token(lambda c: c.create_article(article_payload(delivery)))
                state["article_token"] = token
                checkpoint({"article_token": token})
            article = self._with_token(lambda c: c.verify_article(state["article_token"]))
            state["article_id"] = str(article["id"])
            state["article_url"] = str(article.get("link") or article.get("url") or "")
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

    def find_existing(self, delivery: Delivery, *, since: dt.datetime, checkpoint: Checkpoint) -> Sent | None:
        """Only the article step can be lost between request and checkpoint: look it up by title and
        record it, so that send() goes on with the broadcast instead of creating it again."""
        if delivery.checkpoint.get("article_id") or delivery.checkpoint.get("article_token"):
            return None
        title = article_payload(delivery)["title"]
        for article in self._with_token(lambda c: c.recent_articles(limit=10)):
            if article.get("title") == title:
                checkpoint({"article_id": str(article["id"]), "article_url": str(article.get("link") or "")})
                return None
        return None
