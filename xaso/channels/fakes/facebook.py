"""A fake Facebook Graph API that behaves like the documented service for Pages.

Every behaviour below names where Facebook documents it (or, where the documentation is
silent, where the behaviour was observed and reported); a behaviour with no source is marked
as a deliberate strictness of the fake. The contract test (xaso/channels/tests/
test_contract_facebook.py) runs the same cases against this fake and, given credentials,
against graph.facebook.com.

Endpoints: POST|GET /{v}/oauth/access_token (fb_exchange_token), GET /{v}/me/accounts,
POST /{v}/{page}/feed, POST /{v}/{page}/photos, GET /{v}/{page}/feed,
GET /{v}/{page}/scheduled_posts, DELETE /{v}/{post}.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import itertools
import json
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from xaso.channels.fakes.base import FakeServer, Recorded, Reply

# Lifetimes. Source: "Access Token Guide" and "Long-Lived Access Tokens"
# (developers.facebook.com/docs/facebook-login/guides/access-tokens/get-long-lived): default User
# and Page tokens are short-lived, "expiring in hours" (the Business SDK's token-switch scenario
# says Page tokens from a short-lived User token are "valid for 1 hour"); a long-lived User token
# "generally lasts about 60 days" (sample answer: "expires_in": 5183944). "Extending Page Access
# Tokens" (docs/facebook-login/access-tokens/expiration-and-extension): a Page token obtained with a
# short-lived User token is short-lived too; obtained with a long-lived one it lasts 60 days.
SHORT_LIVED_SECONDS = 3600
LONG_LIVED_SECONDS = 5183944

ERRORS: dict[int, tuple[str, str, int]] = {
    # code: (type, message, HTTP status). Source: Graph API "Handling Errors"
    # (developers.facebook.com/docs/graph-api/guides/error-handling), codes and recovery tactics.
    1: ("OAuthException", "An unknown error occurred", 500),
    2: ("OAuthException", "Service temporarily unavailable", 503),
    4: ("OAuthException", "Application request limit reached", 400),
    17: ("OAuthException", "User request limit reached", 400),
    32: ("OAuthException", "Page request limit reached", 400),
    341: ("OAuthException", "Application limit reached", 400),
    613: ("OAuthException", "Calls to this api have exceeded the rate limit.", 400),
    80001: ("OAuthException", "There have been too many calls to this Page account.", 400),
    10: ("OAuthException", "Application does not have permission for this action", 403),
    200: ("OAuthException", "Permissions error", 403),
    104: ("OAuthException", "An access token is required to request this resource.", 400),
    190: ("OAuthException", "Error validating access token", 400),
    368: ("OAuthException", "The action attempted has been deemed abusive or is otherwise disallowed", 400),
    506: ("OAuthException", "Duplicate status message", 400),
    100: ("OAuthException", "Invalid parameter", 400),
    12: ("OAuthException", "Deprecated", 400),
}

# Fields of a Page post (Graph API reference, "Page Post", /{page-post-id}). Since v3.3 the
# following are deprecated for Page posts and asking for them is an error: changelog v3.3
# (developers.facebook.com/docs/graph-api/changelog/version3.3, Pages) and the error observed by
# API users, "(#12) link field is deprecated for versions v3.3 and higher" (reported in
# FriendsOfREDAXO/feeds#154 and pb_social issue 38).
POST_FIELDS = frozenset(
    {
        "id", "message", "created_time", "updated_time", "permalink_url", "is_published",
        "scheduled_publish_time", "status_type", "story", "full_picture", "attachments", "from",
        "is_hidden", "is_expired", "privacy", "shares", "message_tags", "icon",
    }
)  # fmt: skip
DEPRECATED_SINCE_V33 = frozenset({"caption", "description", "link", "name", "object_id", "source", "type"})

# Parameters each endpoint takes (Graph API reference: Page Feed "Creating", Page Photos
# "Creating", Page Feed "Reading", Page Scheduled Posts). A name outside these lists is refused:
# that is stricter than graph.facebook.com, which ignores some unknown parameters silently — on
# purpose, so that a misspelt parameter (say "schedule_publish_time", which would publish at once)
# fails in our tests instead of on a commune's Page.
COMMON_PARAMS = frozenset({"access_token", "appsecret_proof"})
PARAMS = {
    ("POST", "feed"): frozenset({"message", "link", "published", "scheduled_publish_time"}),
    ("POST", "photos"): frozenset({"url", "caption", "published", "scheduled_publish_time"}),
    ("GET", "feed"): frozenset({"fields", "since", "until", "limit", "after", "before"}),
    ("GET", "scheduled_posts"): frozenset({"fields", "limit", "after", "before"}),
    ("GET", "accounts"): frozenset({"fields", "limit", "after", "before"}),
}


def error_reply(
    code: int, *, subcode: int = 0, message: str = "", kind: str = "", headers: dict[str, str] | None = None
) -> Reply:
    """The documented error shape: {"error": {"message", "type", "code", "error_subcode",
    "is_transient", "fbtrace_id"}} (Handling Errors, "Error Responses")."""
    default_kind, default_message, status = ERRORS.get(code, ("OAuthException", "Error", 400))
    error: dict[str, Any] = {
        "message": message or default_message,
        "type": kind or default_kind,
        "code": code,
        "fbtrace_id": "A" + secrets.token_hex(5),
    }
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


def appsecret_proof(token: str, secret: str) -> str:
    """HMAC-SHA256 of the access token keyed with the app secret, hex. Source: "Securing Graph API
    Requests" (developers.facebook.com/docs/graph-api/guides/secure-requests, appsecret_proof)."""
    return hmac.new(secret.encode(), token.encode(), hashlib.sha256).hexdigest()


@dataclass
class Token:
    value: str
    kind: str  # "user" or "page"
    expires_at: float  # epoch seconds; 0 for a token without expiry
    user: str = ""
    page_id: str = ""
    long_lived: bool = False


@dataclass
class Page:
    id: str
    name: str
    admins: set[str] = field(default_factory=set)
    posts: list[dict[str, Any]] = field(default_factory=list)


class FakeFacebook(FakeServer):
    name = "facebook"

    def __init__(
        self,
        *,
        version: str = "v23.0",
        app_id: str = "",
        app_secret: str = "",
        require_proof: bool = False,
        usage_after_calls: int = 5,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.version = version
        self.app_id = app_id
        self.app_secret = app_secret
        # The App Dashboard's "Require App Secret" setting (Securing Graph API Requests).
        self.require_proof = require_proof
        self.usage_after_calls = usage_after_calls
        self.usage_percent = 5
        self.pages: dict[str, Page] = {}
        self.tokens: dict[str, Token] = {}
        self.ids = itertools.count(1001)
        self.counts: Counter[str] = Counter()

    # -- set-up -------------------------------------------------------------------------

    def add_user(self, *, user: str, token: str, long_lived: bool = False, expires_at: float | None = None) -> Token:
        lifetime = LONG_LIVED_SECONDS if long_lived else SHORT_LIVED_SECONDS
        issued = Token(
            value=token,
            kind="user",
            user=user,
            long_lived=long_lived,
            expires_at=time.time() + lifetime if expires_at is None else expires_at,
        )
        self.tokens[token] = issued
        return issued

    def add_page(self, *, page_id: str, name: str, admin: str) -> Page:
        page = Page(id=page_id, name=name, admins={admin})
        self.pages[page_id] = page
        return page

    def issue_page_token(self, *, page_id: str, user_token: str, value: str = "") -> Token:
        """A Page token as /me/accounts hands it out: it lives as long as the User token it came
        from (short-lived from a short-lived one, 60 days from a long-lived one)."""
        user = self.tokens[user_token]
        token = Token(
            value=value or "EAAPage" + secrets.token_urlsafe(24),
            kind="page",
            user=user.user,
            page_id=page_id,
            long_lived=user.long_lived,
            expires_at=user.expires_at,
        )
        self.tokens[token.value] = token
        return token

    def posts(self, page_id: str) -> list[dict[str, Any]]:
        with self.lock:
            return list(self.pages[page_id].posts)

    # -- serving --------------------------------------------------------------------------

    def route_of(self, request: Recorded) -> str:
        parts = request.path.strip("/").split("/")
        if parts[:2] == [self.version, "oauth"]:
            return f"{request.method} oauth"
        if len(parts) == 3 and parts[0] == self.version:
            return f"{request.method} {parts[2]}"
        if len(parts) == 2 and parts[0] == self.version:
            return f"{request.method} node"
        return super().route_of(request)

    def _params(self, request: Recorded) -> dict[str, str]:
        return {**request.query, **request.form}

    def _token(self, request: Recorded) -> str:
        header = request.headers.get("authorization", "")
        if header.startswith(("Bearer ", "OAuth ")):
            return header.split(" ", 1)[1]
        return self._params(request).get("access_token", "")

    def _answer(self, body: dict[str, Any], *, token: Token, route: str) -> Reply:
        # Usage headers appear "with most API responses once enough calls have been made to an
        # endpoint" (Rate Limits, developers.facebook.com/docs/graph-api/overview/rate-limiting).
        # Requests with a Page token count against Business Use Case limits and carry
        # X-Business-Use-Case-Usage; those with a User token, Platform limits and X-App-Usage.
        self.counts[route] += 1
        headers: dict[str, str] = {}
        if self.counts[route] > self.usage_after_calls:
            all_headers = usage_headers(percent=self.usage_percent)
            name = "X-Business-Use-Case-Usage" if token.kind == "page" else "X-App-Usage"
            headers[name] = all_headers[name]
        return Reply(body=body, headers=headers)

    def _check_token(self, request: Recorded) -> Token | Reply:
        value = self._token(request)
        if not value:
            return error_reply(104)
        token = self.tokens.get(value)
        if token is None:
            # Handling Errors: code 190 without subcode, the token cannot be parsed or is revoked.
            return error_reply(190, message="Invalid OAuth access token - Cannot parse access token")
        if token.expires_at and token.expires_at <= time.time():
            # Handling Errors: subcode 463, "Expired".
            expired = dt.datetime.fromtimestamp(token.expires_at, tz=dt.UTC).strftime("%A, %d-%b-%y %H:%M:%S UTC")
            return error_reply(
                190, subcode=463, message=f"Error validating access token: Session has expired on {expired}."
            )
        proof = self._params(request).get("appsecret_proof")
        # Securing Graph API Requests: a wrong proof is refused whatever the app's setting; a missing
        # one only when "Require App Secret" is on. Both answer code 100, type GraphMethodException
        # (the messages as reported in thephpleague/oauth2-facebook#17 and Kdyby/Facebook#22).
        if proof is not None and not hmac.compare_digest(proof, appsecret_proof(value, self.app_secret)):
            return error_reply(
                100, kind="GraphMethodException", message="Invalid appsecret_proof provided in the API argument"
            )
        if proof is None and self.require_proof:
            return error_reply(
                100,
                kind="GraphMethodException",
                message="API calls from the server require an appsecret_proof argument",
            )
        return token

    def _unknown_params(self, request: Recorded, key: tuple[str, str]) -> Reply | None:
        allowed = PARAMS.get(key, frozenset()) | COMMON_PARAMS
        unknown = sorted(set(self._params(request)) - allowed)
        if unknown:
            # Deliberately stricter than the service (see PARAMS).
            return error_reply(100, message=f"(#100) Unknown parameter: {unknown[0]}")
        return None

    def handle(self, request: Recorded) -> Reply:
        parts = request.path.strip("/").split("/")
        if not parts or parts[0] != self.version or len(parts) not in (2, 3):
            # Graph API versioning: an unversioned or unknown path is an unsupported request.
            return error_reply(100, message="Unsupported request - method type or path not supported")
        if len(parts) == 3 and parts[1:] == ["oauth", "access_token"]:
            return self._exchange(request)
        token = self._check_token(request)
        if isinstance(token, Reply):
            return token
        route = self.route_of(request)
        if len(parts) == 2:
            if request.method == "DELETE":
                return self._delete(parts[1], token, route)
            return error_reply(100, message="Unsupported request - method type or path not supported")
        node, edge = parts[1], parts[2]
        refused = self._unknown_params(request, (request.method, edge))
        if refused:
            return refused
        params = self._params(request)
        if node == "me" and edge == "accounts" and request.method == "GET":
            return self._accounts(token, params, route)
        page = self.pages.get(node)
        if page is None:
            return error_reply(100, message=f"(#100) Object with ID '{node}' does not exist")
        if token.kind != "page" or token.page_id != page.id:
            # Page Feed reference: publishing and reading a Page's posts need that Page's token.
            return error_reply(190, subcode=460 if token.kind == "page" else 0)
        if request.method == "POST" and edge in ("feed", "photos"):
            return self._create(page, edge, params, token, route)
        if request.method == "GET" and edge in ("feed", "scheduled_posts"):
            return self._read(page, edge, params, token, route)
        return error_reply(100, message="Unsupported request - method type or path not supported")

    def _exchange(self, request: Recorded) -> Reply:
        """Long-Lived Access Tokens: grant_type=fb_exchange_token, client_id, client_secret,
        fb_exchange_token -> {"access_token", "token_type": "bearer", "expires_in"}. The guide shows
        a GET; a POST with the same form parameters is accepted as by any OAuth token endpoint."""
        params = self._params(request)
        if params.get("grant_type") != "fb_exchange_token":
            return error_reply(100, message="Invalid grant_type")
        if params.get("client_id") != self.app_id:
            return error_reply(101, message="Error validating application. Invalid application ID.")
        if not hmac.compare_digest(params.get("client_secret", ""), self.app_secret):
            return error_reply(1, message="Error validating client secret.")
        short = self.tokens.get(params.get("fb_exchange_token", ""))
        # "You can not use an expired token to request a long-lived token" (Long-Lived Access Tokens).
        if short is None or short.kind != "user":
            return error_reply(190, message="Invalid OAuth access token - Cannot parse access token")
        if short.expires_at <= time.time():
            return error_reply(190, subcode=463, message="Error validating access token: Session has expired.")
        long_token = self.add_user(user=short.user, token="EAALong" + secrets.token_urlsafe(24), long_lived=True)
        expires_in = int(long_token.expires_at - time.time())
        return Reply(body={"access_token": long_token.value, "token_type": "bearer", "expires_in": expires_in})

    def _accounts(self, token: Token, params: dict[str, str], route: str) -> Reply:
        """GET /me/accounts (User reference, /user/accounts): the Pages this person manages, each with
        a Page token for the fields asked (id, name, access_token, tasks)."""
        if token.kind != "user":
            return error_reply(100, message="(#100) Tried accessing nonexisting field (accounts) on node type (Page)")
        data = []
        for page in self.pages.values():
            if token.user not in page.admins:
                continue
            page_token = self.issue_page_token(page_id=page.id, user_token=token.value)
            data.append(
                {
                    "id": page.id,
                    "name": page.name,
                    "access_token": page_token.value,
                    "category": "Government organization",
                    "tasks": ["ANALYZE", "ADVERTISE", "MODERATE", "CREATE_CONTENT", "MANAGE"],
                }
            )
        return self._answer(
            {"data": data, "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}}, token=token, route=route
        )

    def _create(self, page: Page, edge: str, params: dict[str, str], token: Token, route: str) -> Reply:
        message = params.get("message") or params.get("caption") or ""
        if edge == "feed" and not (message or params.get("link")):
            return error_reply(100, message="(#100) Missing message or attachment")
        if edge == "photos" and not params.get("url"):
            return error_reply(100, message="(#100) Missing url")
        published = params.get("published", "true") != "false"
        scheduled = int(params.get("scheduled_publish_time") or 0)
        now = int(time.time())
        # Page Feed reference, "scheduled_publish_time": between 10 minutes and 30 days (75 days in
        # newer versions; 30 is the safe bound Xã số keeps) after the request.
        if scheduled and not (now + 600 <= scheduled <= now + 30 * 86400):
            return error_reply(100, message="(#100) The specified scheduled publish time is invalid.")
        with self.lock:
            # Handling Errors, code 506: "Duplicate posts cannot be published consecutively".
            latest = max(page.posts, key=lambda p: p["created"], default=None)
            if message and latest is not None and latest["message"] == message:
                return error_reply(506)
            post_id = f"{page.id}_{next(self.ids)}"
            page.posts.append(
                {
                    "id": post_id,
                    "message": message,
                    "link": params.get("link", ""),
                    "created": now,
                    "published": published and not scheduled,
                    "scheduled_publish_time": scheduled,
                }
            )
        if edge == "photos":
            return self._answer({"id": str(next(self.ids)), "post_id": post_id}, token=token, route=route)
        return self._answer({"id": post_id}, token=token, route=route)

    def _read(self, page: Page, edge: str, params: dict[str, str], token: Token, route: str) -> Reply:
        fields = [f.strip() for f in (params.get("fields") or "id,message,created_time").split(",") if f.strip()]
        for name in fields:
            if name in DEPRECATED_SINCE_V33:
                return error_reply(12, message=f"(#12) {name} field is deprecated for versions v3.3 and higher")
            if name not in POST_FIELDS:
                return error_reply(
                    100, message=f"(#100) Tried accessing nonexisting field ({name}) on node type (PagePost)"
                )
        since = int(params.get("since") or 0)
        limit = int(params.get("limit") or 25)
        with self.lock:
            if edge == "feed":
                rows = [p for p in page.posts if p["published"] and p["created"] >= since]
            else:
                rows = [p for p in page.posts if not p["published"]]
        rows = sorted(rows, key=lambda p: p["created"], reverse=True)[:limit]
        return self._answer({"data": [_public(p, fields) for p in rows]}, token=token, route=route)

    def _delete(self, post_id: str, token: Token, route: str) -> Reply:
        page = self.pages.get(post_id.split("_")[0])
        if page is None or token.kind != "page" or token.page_id != page.id:
            return error_reply(100, message=f"(#100) Object with ID '{post_id}' does not exist")
        with self.lock:
            page.posts = [p for p in page.posts if p["id"] != post_id]
        return self._answer({"success": True}, token=token, route=route)


def _public(post: dict[str, Any], fields: list[str]) -> dict[str, Any]:
    created = dt.datetime.fromtimestamp(post["created"], tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")
    values: dict[str, Any] = {
        "id": post["id"],
        "message": post["message"],
        "created_time": created,
        "updated_time": created,
        "is_published": post["published"],
        "permalink_url": f"https://www.facebook.com/{post['id']}",
    }
    if post["scheduled_publish_time"]:
        values["scheduled_publish_time"] = post["scheduled_publish_time"]
    # Like the service, a field the post has no value for is left out of the answer.
    return {name: values[name] for name in ["id", *fields] if name in values}
