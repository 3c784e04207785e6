"""A Graph API client for Facebook Pages: page tokens, feed and photo posts, usage headers.

The token goes in the Authorization header (never in a URL, which would end up in logs).
Each response's X-App-Usage, X-Page-Usage and X-Business-Use-Case-Usage headers are read
into `last_usage`, so the dispatcher slows down before Facebook starts refusing calls.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings

from xaso.channels import http
from xaso.channels.errors import TemporaryError, UncertainError
from xaso.channels.facebook.errors import classify
from xaso.channels.transport import Usage

SERVICE = "Facebook"
ERR_NO_ID = "Facebook trả lời không có mã bài viết; sẽ đối chiếu rồi thử lại."
USAGE_HEADERS = ("x-app-usage", "x-page-usage", "x-business-use-case-usage")


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


class GraphClient:
    def __init__(self, *, access_token: str) -> None:
        self.access_token = access_token
        self.base = f"{settings.FACEBOOK_GRAPH_URL}/{settings.FACEBOOK_GRAPH_VERSION}"
        self.last_usage = Usage()

    def call(self, method: str, path: str, *, params: dict[str, Any] | None = None) -> dict[str, Any]:
        response = http.request(
            method,
            f"{self.base}/{path.lstrip('/')}",
            service=SERVICE,
            headers={"Authorization": f"Bearer {self.access_token}"},
            params=params if method == "GET" else None,
            data=params if method != "GET" else None,
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
        fields = "id,message,link,created_time,permalink_url"
        published = self.call(
            "GET", f"{page_id}/feed", params={"fields": fields, "since": int(since.timestamp()), "limit": 50}
        )
        scheduled = self.call(
            "GET", f"{page_id}/scheduled_posts", params={"fields": "id,message,scheduled_publish_time", "limit": 50}
        )
        return [*(published.get("data") or []), *(scheduled.get("data") or [])]


def _schedule(scheduled_at: dt.datetime | None) -> dict[str, Any]:
    if scheduled_at is None:
        return {}
    return {"published": "false", "scheduled_publish_time": int(scheduled_at.timestamp())}


def _post_id(data: dict[str, Any]) -> str:
    post_id = str(data.get("id") or "")
    if not post_id:
        raise UncertainError(ERR_NO_ID)
    return post_id
