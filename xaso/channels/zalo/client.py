"""A client for the Zalo Official Account API: token refresh, articles, broadcast.

OA API answers are HTTP 200 {"error": 0, "message": "Success", "data": {...}}; a failure is
HTTP 200 too, with a negative `error`, classified here into retry / stop. The OAuth token
endpoint answers {"access_token", "refresh_token", "expires_in"} or, on failure, HTTP 200 with
{"error", "error_name", "error_description"}. The access token travels in the `access_token`
header, the app secret in the `secret_key` header, never in a URL.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings

from xaso.channels import http
from xaso.channels.errors import DeliveryError, PermanentError, TemporaryError, ThrottledError, TokenError

SERVICE = "Zalo"
ERR_TEMPORARY = "Zalo đang gặp sự cố tạm thời (mã lỗi {code}); sẽ thử lại."
ERR_THROTTLED = "Zalo yêu cầu giảm tần suất gửi (mã lỗi {code}); sẽ thử lại sau."
ERR_REJECTED = "Zalo từ chối yêu cầu: {message} (mã lỗi {code})."
ERR_REFRESH = (
    "Không làm mới được mã truy cập Zalo OA: {message}. Mã làm mới chỉ dùng được một lần và có hạn 3 tháng; "
    "hãy kết nối lại Official Account trong trang quản trị."
)
ERR_TOKEN = "Mã truy cập Zalo OA không hợp lệ hoặc đã hết hạn (mã lỗi {code})."  # noqa: S105
ERR_NO_DATA = "Zalo trả lời thiếu dữ liệu ({what}); sẽ thử lại."

TOKEN_ERRORS = frozenset({-216, -124, -14014})
THROTTLING = frozenset({-32})
TEMPORARY = frozenset({-1, -100, -500})


class TokenRejectedError(TokenError):
    """The access token was refused: refresh it once, then try again."""


class RefreshRefusedError(TokenError):
    """Zalo refused the refresh token (spent, expired or unknown): a person must reconnect the OA."""


def classify(error: int, message: str) -> DeliveryError:
    label = str(error)
    if error in TOKEN_ERRORS:
        return TokenRejectedError(ERR_TOKEN.format(code=label), code=label)
    if error in THROTTLING:
        return ThrottledError(ERR_THROTTLED.format(code=label), code=label, retry_after=60)
    if error in TEMPORARY:
        return TemporaryError(ERR_TEMPORARY.format(code=label), code=label)
    return PermanentError(ERR_REJECTED.format(message=(message or "lỗi không rõ")[:200], code=label), code=label)


def refresh_tokens(*, app_id: str, secret_key: str, refresh_token: str) -> dict[str, Any]:
    """POST /v4/oa/access_token with grant_type=refresh_token -> access_token, refresh_token, expires_in.
    No answer raises UncertainError: Zalo may have spent the refresh token all the same."""
    response = http.request(
        "POST",
        f"{settings.ZALO_OAUTH_URL}/v4/oa/access_token",
        service=SERVICE,
        headers={"secret_key": secret_key},
        data={"app_id": app_id, "grant_type": "refresh_token", "refresh_token": refresh_token},
    )
    data = response.data if isinstance(response.data, dict) else {}
    if response.status >= 500:
        raise TemporaryError(ERR_TEMPORARY.format(code=f"HTTP {response.status}"))
    if not data.get("access_token") or not data.get("refresh_token"):
        message = str(data.get("error_description") or data.get("error_name") or data.get("message") or "")
        message = message or "không rõ lý do"
        raise RefreshRefusedError(ERR_REFRESH.format(message=message), code=str(data.get("error", "")), detail=message)
    return data


def listed_at(item: dict[str, Any]) -> dt.datetime | None:
    """A listed article's create_date (milliseconds since the epoch) as a datetime."""
    try:
        return dt.datetime.fromtimestamp(int(item["create_date"]) / 1000, tz=dt.UTC)
    except (KeyError, TypeError, ValueError):
        return None


class ZaloClient:
    def __init__(self, *, access_token: str) -> None:
        self.access_token = access_token
        self.base = settings.ZALO_API_URL

    def call(self, method: str, path: str, *, body: Any = None, params: dict[str, Any] | None = None) -> Any:
        response = http.request(
            method,
            f"{self.base}/{path.lstrip('/')}",
            service=SERVICE,
            headers={"access_token": self.access_token},
            params=params,
            json_body=body,
        )
        if response.status >= 500:
            raise TemporaryError(ERR_TEMPORARY.format(code=f"HTTP {response.status}"))
        data = response.data if isinstance(response.data, dict) else {}
        error = int(data.get("error") or 0)
        if error:
            raise classify(error, str(data.get("message") or ""))
        return data.get("data")

    def create_article(self, article: dict[str, Any]) -> str:
        data = self.call("POST", "v2.0/article/create", body=article) or {}
        token = str(data.get("token") or "")
        if not token:
            raise TemporaryError(ERR_NO_DATA.format(what="token"))
        return token

    def verify_article(self, token: str) -> str:
        """The id the creation token became, or "" while Zalo is still processing the article."""
        data = self.call("POST", "v2.0/article/verify", body={"token": token}) or {}
        return str(data.get("id") or "")

    def recent_articles(self, *, offset: int = 0, limit: int = 10) -> list[dict[str, Any]]:
        """The OA's latest articles (at most 10 a page), each with its `link_view` address."""
        params = {"offset": offset, "limit": min(limit, 10), "type": "normal"}
        data = self.call("GET", "v2.0/article/getslice", params=params) or {}
        return list(data.get("medias") or [])

    def remove_article(self, *, article_id: str) -> None:
        self.call("POST", "v2.0/article/remove", body={"id": article_id})

    def broadcast_article(self, *, article_id: str, target: dict[str, Any] | None = None) -> str:
        body = {
            "recipient": {"target": target or {}},
            "message": {
                "attachment": {
                    "type": "template",
                    "payload": {
                        "template_type": "media",
                        "elements": [{"media_type": "article", "attachment_id": article_id}],
                    },
                }
            },
        }
        data = self.call("POST", "v2.0/oa/message", body=body) or {}
        return str(data.get("message_id") or "")
