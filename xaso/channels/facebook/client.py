"""A Graph API client for Facebook Pages: long-lived tokens, feed and photo posts, usage headers.

The token goes in the Authorization header (never in a URL, which would end up in logs); with
the app secret known, every call carries `appsecret_proof`, the HMAC-SHA256 of the token keyed
with the secret, which an app with "Require App Secret" on demands (Securing Graph API Requests,
developers.facebook.com/docs/graph-api/guides/secure-requests). Each response's X-App-Usage,
X-Page-Usage and X-Business-Use-Case-Usage headers are read into `last_usage`, so the dispatcher
slows down before Facebook starts refusing calls.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from xaso.channels import http
from xaso.channels.errors import PermanentError, TemporaryError, UncertainError
from xaso.channels.facebook.errors import classify
from xaso.channels.transport import Usage

SERVICE = "Facebook"
ERR_NO_ID = "Facebook trả lời không có mã bài viết; sẽ đối chiếu rồi thử lại."
ERR_EXCHANGE = (
    "Không đổi được mã truy cập ngắn hạn lấy mã dài hạn: {reason} Kiểm tra Mã ứng dụng (App ID), Khóa bí mật "
    "ứng dụng (App Secret) và lấy lại mã truy cập người dùng (mã ngắn hạn chỉ dùng được khoảng 1 giờ)."
)
USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-business-use-case-usage")
# Fields read back when looking for a post whose answer was lost. Not `link`: it is deprecated for
# Page posts since Graph API v3.3 and asking for it is an error (#12), see fakes/facebook.py.
FEED_FIELDS = "id,message,created_time,permalink_url"
SCHEDULED_FIELDS = "id,message,created_time,scheduled_publish_time"


def parse_usage(headers: dict[str, str]) -> Usage:
    """The highest usage percentage any header reports, and the longest wait it asks for."""
    usage = Usage()
    for name in USAGE_HEADERS:
        value = headers.get(name)
        if not value:
            continue
        try:
            data = json.loads(value)
        except json.JSONDecodeError:
            continue
        usage.raw[name] = data
        entries: list[dict[str, Any]] = []
        if name == "x-business-use-case-usage" and isinstance(data, dict):
            for items in data.values():
                entries.extend(item for item in items if isinstance(item, dict))
        elif isinstance(data, dict):
            entries.append(data)
        for entry in entries:
            for key in ("call_count", "total_cputime", "total_time"):
                usage.percent = max(usage.percent, float(entry.get(key) or 0))
            regain = float(entry.get("estimated_time_to_regain_access") or 0) * 60
            usage.regain_seconds = max(usage.regain_seconds, regain)
    return usage


def appsecret_proof(*, access_token: str, app_secret: str) -> str:
    return hmac.new(app_secret.encode(), access_token.encode(), hashlib.sha256).hexdigest()


@dataclass
class LongLivedToken:
    access_token: str
    expires_at: dt.datetime | None


def graph_url(path: str) -> str:
    return f"{settings.FACEBOOK_GRAPH_URL}/{settings.FACEBOOK_GRAPH_VERSION}/{path.lstrip('/')}"


def exchange_user_token(*, app_id: str, app_secret: str, user_token: str, now: dt.datetime) -> LongLivedToken:
    """A short-lived User token for a long-lived one (about 60 days): POST /oauth/access_token with
    grant_type=fb_exchange_token (Long-Lived Access Tokens guide). The guide shows the parameters in
    a GET query string; they go in the body here, so that the app secret never sits in a URL."""
    response = http.request(
        "POST",
        graph_url("oauth/access_token"),
        service=SERVICE,
        data={
            "grant_type": "fb_exchange_token",
            "client_id": app_id,
            "client_secret": app_secret,
            "fb_exchange_token": user_token,
        },
    )
    data = response.data if isinstance(response.data, dict) else {}
    error = data.get("error")
    if isinstance(error, dict) or response.status >= 400 or not data.get("access_token"):
        reason = classify(error if isinstance(error, dict) else {}).reason
        if isinstance(error, dict) and int(error.get("code") or 0) in (1, 101):
            reason = f"Facebook không nhận mã ứng dụng hoặc khóa bí mật ({error.get('message', '')})."
        raise PermanentError(ERR_EXCHANGE.format(reason=reason))
    expires_in = int(data.get("expires_in") or 0)
    return LongLivedToken(
        access_token=str(data["access_token"]),
        expires_at=now + dt.timedelta(seconds=expires_in) if expires_in else None,
    )


class GraphClient:
    def __init__(self, *, access_token: str, app_secret: str = "") -> None:
        self.access_token = access_token
        self.app_secret = app_secret
        self.last_usage = Usage()

    def call(self, method: str, path: str, *, params: dict[str, Any] | None = None) -> dict[str, Any]:
        params = dict(params or {})
        if self.app_secret:
            params["appsecret_proof"] = appsecret_proof(access_token=self.access_token, app_secret=self.app_secret)
        response = http.request(
            method,
            graph_url(path),
            service=SERVICE,
            headers={"Authorization": f"Bearer {self.access_token}"},
            params=params if method in ("GET", "DELETE") else None,
            data=params if method not in ("GET", "DELETE") else None,
        )
        self.last_usage = parse_usage(response.headers)
        data = response.data if isinstance(response.data, dict) else {}
        if response.status >= 400 or "error" in data:
            error = data.get("error")
            if not isinstance(error, dict):
                raise TemporaryError(http.ERR_NOT_JSON.format(service=SERVICE, status=response.status))
            raise classify(error, retry_after=self.last_usage.regain_seconds or None)
        return data

    def page_accounts(self) -> list[dict[str, Any]]:
        """GET /me/accounts: the Pages this user token manages, each with its page access token."""
        pages: list[dict[str, Any]] = []
        params: dict[str, Any] = {"fields": "id,name,access_token,tasks", "limit": 100}
        while True:
            data = self.call("GET", "me/accounts", params=params)
            pages.extend(data.get("data") or [])
            after = ((data.get("paging") or {}).get("cursors") or {}).get("after")
            if not after or not (data.get("paging") or {}).get("next"):
                return pages
            params = {**params, "after": after}

    def post_feed(self, *, page_id: str, message: str, link: str = "", scheduled_at: dt.datetime | None = None) -> str:
        params: dict[str, Any] = {"message": message}
        if link:
            params["link"] = link
        params.update(_schedule(scheduled_at))
        return _post_id(self.call("POST", f"{page_id}/feed", params=params))

    def post_photo(self, *, page_id: str, image_url: str, caption: str, scheduled_at: dt.datetime | None = None) -> str:
        params: dict[str, Any] = {"url": image_url, "caption": caption}
        params.update(_schedule(scheduled_at))
        data = self.call("POST", f"{page_id}/photos", params=params)
        # A photo post answers {"id": photo id, "post_id": page-post id}; the post is what we link to.
        return _post_id({"id": data.get("post_id") or data.get("id")})

    def recent_posts(self, *, page_id: str, since: dt.datetime) -> list[dict[str, Any]]:
        """Published posts since a time, and scheduled ones (which the feed does not list)."""
        published = self.call(
            "GET", f"{page_id}/feed", params={"fields": FEED_FIELDS, "since": int(since.timestamp()), "limit": 50}
        )
        scheduled = self.call("GET", f"{page_id}/scheduled_posts", params={"fields": SCHEDULED_FIELDS, "limit": 50})
        return [*(published.get("data") or []), *(scheduled.get("data") or [])]

    def delete_post(self, *, post_id: str) -> None:
        self.call("DELETE", post_id)


def _schedule(scheduled_at: dt.datetime | None) -> dict[str, Any]:
    if scheduled_at is None:
        return {}
    return {"published": "false", "scheduled_publish_time": int(scheduled_at.timestamp())}


def _post_id(data: dict[str, Any]) -> str:
    post_id = str(data.get("id") or "")
    if not post_id:
        raise UncertainError(ERR_NO_ID)
    return post_id
