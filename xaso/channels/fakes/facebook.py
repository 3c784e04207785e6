"""A fake Facebook Graph API speaking the documented protocol for Pages.

GET /{v}/me/accounts, POST /{v}/{page}/feed, POST /{v}/{page}/photos, GET /{v}/{page}/feed,
GET /{v}/{page}/scheduled_posts; tokens from the Authorization header or the access_token
parameter; errors as {"error": {"message", "type", "code", "error_subcode", "fbtrace_id"}};
X-App-Usage, X-Page-Usage and X-Business-Use-Case-Usage on every answer.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any

from xaso.channels.fakes.base import FakeServer, Recorded, Reply

ERRORS: dict[int, tuple[str, str, int]] = {
    # code: (type, message, HTTP status) as the Graph API documents them
    1: ("OAuthException", "An unknown error occurred", 500),
    2: ("OAuthException", "Service temporarily unavailable", 503),
    4: ("OAuthException", "Application request limit reached", 400),
    17: ("OAuthException", "User request limit reached", 400),
    341: ("OAuthException", "Application limit reached", 400),
    10: ("OAuthException", "Application does not have permission for this action", 403),
    200: ("OAuthException", "Permissions error", 403),
    190: ("OAuthException", "Error validating access token", 401),
    368: ("OAuthException", "The action attempted has been deemed abusive or is otherwise disallowed", 400),
    506: ("OAuthException", "Duplicate status message", 400),
    100: ("OAuthException", "Invalid parameter", 400),
}


def error_reply(code: int, *, subcode: int = 0, headers: dict[str, str] | None = None) -> Reply:
    kind, message, status = ERRORS.get(code, ("OAuthException", "Error", 400))
    error: dict[str, Any] = {"message": message, "type": kind, "code": code, "fbtrace_id": "AbCdEf123"}
    if subcode:
        error["error_subcode"] = subcode
    if code in (1, 2):
        error["is_transient"] = True
    return Reply(status=status, body={"error": error}, headers=headers or {})


def usage_headers(*, percent: int = 5, regain_minutes: int = 0, business_id: str = "1001") -> dict[str, str]:
    usage = {"call_count": percent, "total_cputime": percent, "total_time": percent}
    business = {business_id: [{"type": "pages", **usage, "estimated_time_to_regain_access": regain_minutes}]}
    return {
        "X-App-Usage": json.dumps(usage),
        "X-Page-Usage": json.dumps(usage),
        "X-Business-Use-Case-Usage": json.dumps(business),
    }


@dataclass
class Page:
    id: str
    name: str
    access_token: str
    posts: list[dict[str, Any]] = field(default_factory=list)


class FakeFacebook(FakeServer):
    name = "facebook"

    def __init__(self, *, version: str = "v23.0", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.version = version
        self.pages: dict[str, Page] = {}
        self.user_tokens: dict[str, list[str]] = {}
        self.ids = itertools.count(1001)
        self.usage_percent = 5

    def add_page(self, *, page_id: str, name: str, page_token: str, user_token: str) -> Page:
        page = Page(id=page_id, name=name, access_token=page_token)
        self.pages[page_id] = page
        self.user_tokens.setdefault(user_token, []).append(page_id)
        return page

    def posts(self, page_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.pages[page_id].posts)

    def route_of(self, request: Recorded) -> str:
        parts = request.path.strip("/").split("/")
        if len(parts) == 3 and parts[0] == self.version:
            return f"{request.method} {parts[2]}"
        return super().route_of(request)

    def _token(self, request: Recorded) -> str:
        header = request.headers.get("authorization", "")
        if header.startswith(("Bearer ", "OAuth ")):
            return header.split(" ", 1)[1]
        return request.form.get("access_token") or request.query.get("access_token", "")

    def _answer(self, body: dict[str, Any]) -> Reply:
        return Reply(body=body, headers=usage_headers(percent=self.usage_percent))

    def handle(self, request: Recorded) -> Reply:
        parts = request.path.strip("/").split("/")
        if len(parts) != 3 or parts[0] != self.version:
            return error_reply(100)
        node, edge = parts[1], parts[2]
        token = self._token(request)
        if node == "me" and edge == "accounts" and request.method == "GET":
            if token not in self.user_tokens:
                return error_reply(190, subcode=463)
            data = [
                {
                    "id": p.id,
                    "name": p.name,
                    "access_token": p.access_token,
                    "category": "Government organization",
                    "tasks": ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"],
                }
                for p in (self.pages[i] for i in self.user_tokens[token])
            ]
            return self._answer({"data": data, "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}})
        page = self.pages.get(node)
        if page is None:
            return error_reply(100)
        if token != page.access_token:
            return error_reply(190, subcode=460 if token else 0)
        params = request.form if request.method == "POST" else request.query
        if request.method == "POST" and edge in ("feed", "photos"):
            return self._create(page, edge, params)
        if request.method == "GET" and edge == "feed":
            since = int(params.get("since") or 0)
            with self.lock:
                data = [p for p in page.posts if p["published"] and p["created"] >= since]
            return self._answer({"data": [_public(p) for p in reversed(data)]})
        if request.method == "GET" and edge == "scheduled_posts":
            with self.lock:
                data = [p for p in page.posts if not p["published"]]
            return self._answer({"data": [_public(p) for p in data]})
        return error_reply(100)

    def _create(self, page: Page, edge: str, params: dict[str, str]) -> Reply:
        message = params.get("message") or params.get("caption") or ""
        if edge == "feed" and not (message or params.get("link")):
            return error_reply(100)
        if edge == "photos" and not params.get("url"):
            return error_reply(100)
        published = params.get("published", "true") != "false"
        scheduled = int(params.get("scheduled_publish_time") or 0)
        now = int(time.time())
        if not published and not (now + 600 <= scheduled <= now + 30 * 86400):
            return error_reply(100)
        with self.lock:
            if any(p["message"] == message and message for p in page.posts):
                return error_reply(506)
            post_id = f"{page.id}_{next(self.ids)}"
            page.posts.append(
                {
                    "id": post_id,
                    "message": message,
                    "link": params.get("link", ""),
                    "created": now,
                    "published": published,
                    "scheduled_publish_time": scheduled,
                }
            )
        if edge == "photos":
            return self._answer({"id": str(next(self.ids)), "post_id": post_id})
        return self._answer({"id": post_id})


def _public(post: dict[str, Any]) -> dict[str, Any]:
    created = dt.datetime.fromtimestamp(post["created"], tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")
    data = {"id": post["id"], "message": post["message"], "created_time": created}
    if post["link"]:
        data["link"] = post["link"]
    if not post["published"]:
        data["scheduled_publish_time"] = post["scheduled_publish_time"]
    else:
        data["permalink_url"] = f"https://www.facebook.com/{post['id']}"
    return data
