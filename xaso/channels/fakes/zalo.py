"""A fake Zalo that behaves like the documented OAuth v4 token endpoint and OA article and
message APIs.

Every behaviour names its source: the Zalo for Developers documentation (developers.zalo.me/
docs/official-account/...), the official zalo-java-sdk (its examples under src/test/java show each
call's method, headers and body), or — where the documentation is silent — what API users
reported. The contract test (xaso/channels/tests/test_contract_zalo.py) runs the same cases here
and, given credentials, against Zalo.

Answers of the OA APIs are HTTP 200 with {"error": 0, "message": "Success", "data": {...}}; a
failure is also HTTP 200, with a negative `error` (Official Account API, "Mã lỗi").
"""

from __future__ import annotations

import itertools
import secrets
import time
from dataclasses import dataclass
from typing import Any

from xaso.channels.fakes.base import FakeServer, Recorded, Reply

# Lifetimes: "Xác thực và ủy quyền cho ứng dụng" (developers.zalo.me/docs/official-account/bat-dau/
# xac-thuc-va-uy-quyen-cho-ung-dung-new): the answer's expires_in is the access token's life in
# seconds — 90000 (25 hours) today, as the answers quoted by API users show (hexasync.vn, "Zalo OA
# API: lấy Access Token từ Refresh token": "Access token ... hiệu lực trong vòng 25 tiếng");
# the refresh token "chỉ có thể sử dụng 1 lần" and "có hiệu lực 3 tháng".
ACCESS_SECONDS = 90000
REFRESH_SECONDS = 90 * 86400
# Article creation is asynchronous: article/create answers a token, and article/verify tells the
# progress; the id exists only once Zalo has processed the article (Official Account API, "Bài
# viết": "Tạo bài viết" then "Kiểm tra tiến trình tạo bài viết"; zalo-java-sdk
# CreateNormalArticle.java then GetArticleId.java). How long processing takes is not documented.
PROCESSING_SECONDS = 20
# "Lấy danh sách bài viết" (article/getslice): offset, limit (at most 10), type normal|video; each
# item: id, type, title, status, total_view, total_share, create_date, update_date, thumb,
# link_view (zalo-java-sdk GetListArticle.java; RedAI Zalo SDK docs, ARTICLE_MANAGEMENT.md).
SLICE_LIMIT = 10
ARTICLE_KEYS = frozenset(
    {"type", "title", "author", "cover", "description", "body", "related_medias", "tracking_link", "status", "comment",
     "video_id", "avatar"}
)  # fmt: skip


def zalo_error(code: int, message: str) -> Reply:
    return Reply(body={"error": code, "message": message})


def oauth_error(code: int, name: str, description: str) -> Reply:
    """The token endpoint's failures: HTTP 200 with error, error_name, error_reason,
    error_description, ref_doc — not the OA APIs' {"error", "message"} (reported in
    ChatbotXIO/ChatbotX#1019, "surface real OAuth errors": Zalo's OAuth token endpoint reports
    failures with error_name / error_reason / error_description, sometimes with HTTP 200)."""
    return Reply(
        body={
            "error": code,
            "error_name": name,
            "error_reason": description,
            "error_description": description,
            "ref_doc": "https://developers.zalo.me/docs/official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new",
        }
    )


@dataclass
class Issued:
    value: str
    expires_at: float
    used: bool = False


class FakeZalo(FakeServer):
    name = "zalo"

    def __init__(self, *, app_id: str, secret_key: str, refresh_token: str, oa_id: str = "", **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app_id = app_id
        self.secret_key = secret_key
        self.oa_id = oa_id
        self.refresh_tokens: dict[str, Issued] = {}
        self.access: dict[str, Issued] = {}
        self.articles: list[dict[str, Any]] = []
        self.broadcasts: list[dict[str, Any]] = []
        self.tokens: dict[str, str] = {}
        self.ids = itertools.count(1)
        self.expires_in = ACCESS_SECONDS
        self.processing_seconds = PROCESSING_SECONDS
        self.give_refresh_token(refresh_token)

    # -- set-up and inspection ---------------------------------------------------------------

    def give_refresh_token(self, value: str, *, issued_at: float | None = None) -> None:
        """A refresh token the OA admin obtained (from the permission flow or the API Explorer)."""
        issued = time.time() if issued_at is None else issued_at
        with self.lock:
            self.refresh_tokens[value] = Issued(value=value, expires_at=issued + REFRESH_SECONDS)

    @property
    def refresh_token(self) -> str:
        """The refresh token that works now (the last one issued and not yet used)."""
        with self.lock:
            live = [t for t in self.refresh_tokens.values() if not t.used]
            return live[-1].value if live else ""

    @property
    def access_tokens(self) -> set[str]:
        with self.lock:
            return {t.value for t in self.access.values() if t.expires_at > time.time()}

    def revoke_access_tokens(self) -> None:
        with self.lock:
            self.access.clear()

    def state(self) -> dict[str, Any]:
        """The tokens issued so far, to survive a restart of the demo's fake (refresh tokens are single-use)."""
        with self.lock:
            return {
                "refresh": {t.value: [t.expires_at, t.used] for t in self.refresh_tokens.values()},
                "access": {t.value: t.expires_at for t in self.access.values()},
            }

    def restore(self, state: dict[str, Any]) -> None:
        with self.lock:
            for value, (expires_at, used) in (state.get("refresh") or {}).items():
                self.refresh_tokens[value] = Issued(value=value, expires_at=float(expires_at), used=bool(used))
            for value, expires_at in (state.get("access") or {}).items():
                self.access[value] = Issued(value=value, expires_at=float(expires_at))

    def finish_processing(self) -> None:
        """Zalo is done with every article created so far (tests that do not wait for it)."""
        with self.lock:
            for article in self.articles:
                article["ready_at"] = min(article["ready_at"], time.time())

    def processed(self) -> list[dict[str, Any]]:
        with self.lock:
            return [a for a in self.articles if a["ready_at"] <= time.time()]

    # -- serving ----------------------------------------------------------------------------

    def route_of(self, request: Recorded) -> str:
        return f"{request.method} {request.path.rstrip('/')}"

    def handle(self, request: Recorded) -> Reply:
        route = self.route_of(request)
        if route == "POST /v4/oa/access_token":
            return self._refresh(request)
        token = self.access.get(request.headers.get("access_token", ""))
        if token is None:
            # Official Account API error codes: -216 "Access token is invalid".
            return zalo_error(-216, "Access token is invalid")
        if token.expires_at <= time.time():
            # -124 "Access token has expired": the 25-hour access token is past its expires_in.
            return zalo_error(-124, "Access token has expired")
        body = request.json if isinstance(request.json, dict) else {}
        if route == "POST /v2.0/article/create":
            return self._create(body)
        if route == "POST /v2.0/article/verify":
            return self._verify(body)
        if route == "GET /v2.0/article/getslice":
            return self._slice(request.query)
        if route == "POST /v2.0/article/remove":
            return self._remove(body)
        if route == "POST /v2.0/oa/message":
            return self._broadcast(body)
        return zalo_error(-201, "Unknown API")

    def _refresh(self, request: Recorded) -> Reply:
        """POST https://oauth.zaloapp.com/v4/oa/access_token, header secret_key, form app_id,
        grant_type=refresh_token, refresh_token (zalo-java-sdk GetAccessTokenByRefreshToken.java)
        -> {"access_token", "refresh_token", "expires_in": "90000"} (expires_in is a string)."""
        form = request.form
        if form.get("app_id") != self.app_id:
            return oauth_error(-14002, "Invalid app id", "App id is invalid")
        if request.headers.get("secret_key") != self.secret_key:
            return oauth_error(-14004, "Invalid secret key", "Secret key is invalid")
        if form.get("grant_type") != "refresh_token":
            return oauth_error(-14003, "Invalid parameter", "grant_type is invalid")
        with self.lock:
            issued = self.refresh_tokens.get(form.get("refresh_token", ""))
            # Single use: a refresh token already exchanged is refused like an unknown one.
            if issued is None or issued.used:
                return oauth_error(-14014, "Invalid refresh token", "Refresh token is invalid or has been used")
            if issued.expires_at <= time.time():
                return oauth_error(-14014, "Invalid refresh token", "Refresh token has expired")
            issued.used = True
            now = time.time()
            access = Issued(value="za-" + secrets.token_urlsafe(24), expires_at=now + self.expires_in)
            fresh = Issued(value="zr-" + secrets.token_urlsafe(24), expires_at=now + REFRESH_SECONDS)
            self.access = {access.value: access}
            self.refresh_tokens[fresh.value] = fresh
        return Reply(
            body={"access_token": access.value, "refresh_token": fresh.value, "expires_in": str(self.expires_in)}
        )

    def _create(self, body: dict[str, Any]) -> Reply:
        """Tạo bài viết: type normal needs title (≤150), author (≤50), cover, description (≤300),
        body; answers {"data": {"token": ...}} before the article exists."""
        unknown = sorted(set(body) - ARTICLE_KEYS)
        if unknown:
            # Deliberately stricter than Zalo, which is not documented to refuse extra keys.
            return zalo_error(-201, "Parameters are invalid: " + ", ".join(unknown))
        required = ("title", "author", "description", "body", "cover") if body.get("type") == "normal" else ("title",)
        missing = [name for name in required if not body.get(name)]
        if body.get("type") not in ("normal", "video") or missing:
            return zalo_error(-201, "Parameters are invalid: " + ", ".join(missing or ["type"]))
        too_long = len(str(body["title"])) > 150 or len(str(body.get("author", ""))) > 50
        if too_long or len(str(body.get("description", ""))) > 300:
            return zalo_error(-201, "Parameters are invalid: length")
        cover = body.get("cover") or {}
        if body["type"] == "normal" and not (cover.get("cover_type") == "photo" and cover.get("photo_url")):
            return zalo_error(-201, "Parameters are invalid: cover")
        with self.lock:
            article_id = f"{secrets.token_hex(8)}{next(self.ids)}"
            token = "tok-" + secrets.token_urlsafe(12)
            now = time.time()
            self.tokens[token] = article_id
            self.articles.append(
                {
                    "id": article_id,
                    **body,
                    "created_at": now,
                    "ready_at": now + self.processing_seconds,
                    # The address Zalo shows the article at. Its form is not documented; the client
                    # keeps whatever link_view says.
                    "link_view": f"https://zalo.me/s/{self.oa_id or 'oa'}/{article_id}",
                }
            )
        return Reply(body={"error": 0, "message": "Success", "data": {"token": token}})

    def _verify(self, body: dict[str, Any]) -> Reply:
        article_id = self.tokens.get(str(body.get("token")))
        if article_id is None:
            return zalo_error(-201, "Token is invalid")
        with self.lock:
            article = next(a for a in self.articles if a["id"] == article_id)
            ready = article["ready_at"] <= time.time()
        if not ready:
            # Still being processed: a successful answer without an id.
            return Reply(body={"error": 0, "message": "Success", "data": {"status": "processing"}})
        return Reply(body={"error": 0, "message": "Success", "data": {"id": article_id}})

    def _slice(self, query: dict[str, str]) -> Reply:
        try:
            offset, limit = int(query.get("offset", "0")), int(query.get("limit", "5"))
        except ValueError:
            return zalo_error(-201, "Parameters are invalid: offset, limit")
        if not 0 < limit <= SLICE_LIMIT or offset < 0 or query.get("type") not in ("normal", "video"):
            return zalo_error(-201, "Parameters are invalid: offset, limit, type")
        rows = [a for a in self.processed() if a["type"] == query["type"]]
        rows.sort(key=lambda a: a["created_at"], reverse=True)
        medias = [_listed(a) for a in rows[offset : offset + limit]]
        return Reply(body={"error": 0, "message": "Success", "data": {"medias": medias, "total": len(rows)}})

    def _remove(self, body: dict[str, Any]) -> Reply:
        with self.lock:
            before = len(self.articles)
            self.articles = [a for a in self.articles if a["id"] != body.get("id")]
            removed = len(self.articles) < before
        if not removed:
            return zalo_error(-201, "Article not found")
        return Reply(body={"error": 0, "message": "Success", "data": {}})

    def _broadcast(self, body: dict[str, Any]) -> Reply:
        try:
            element = body["message"]["attachment"]["payload"]["elements"][0]
        except (KeyError, IndexError, TypeError):
            return zalo_error(-201, "Parameters are invalid: message")
        if element.get("media_type") != "article" or "target" not in (body.get("recipient") or {}):
            return zalo_error(-201, "Parameters are invalid: recipient")
        if element.get("attachment_id") not in {a["id"] for a in self.processed()}:
            return zalo_error(-201, "Article not found")
        with self.lock:
            message_id = f"msg{next(self.ids)}"
            self.broadcasts.append({"message_id": message_id, **body})
        return Reply(body={"error": 0, "message": "Success", "data": {"message_id": message_id}})


def _listed(article: dict[str, Any]) -> dict[str, Any]:
    created = int(article["created_at"] * 1000)
    return {
        "id": article["id"],
        "type": article["type"],
        "title": article["title"],
        "status": article.get("status", "show"),
        "total_view": 0,
        "total_share": 0,
        "create_date": created,
        "update_date": created,
        "thumb": (article.get("cover") or {}).get("photo_url", ""),
        "link_view": article["link_view"],
    }
