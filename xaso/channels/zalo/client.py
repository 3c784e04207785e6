"""A client for the Zalo Official Account API: token refresh, articles, broadcast.

Responses are {"error": 0, "message": "Success", "data": {...}}; a non-zero `error` is
classified into retry / stop. The access token travels in the `access_token` header, the
app secret in the `secret_key` header, never in a URL.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from xaso.channels import http
from xaso.channels.errors import DeliveryError, PermanentError, TemporaryError, ThrottledError

SERVICE = "Zalo"
ERR_TEMPORARY = "Zalo đang gặp sự cố tạm thời (mã lỗi {code}); sẽ thử lại."
ERR_THROTTLED = "Zalo yêu cầu giảm tần suất gửi (mã lỗi {code}); sẽ thử lại sau."
ERR_REJECTED = "Zalo từ chối yêu cầu: {message} (mã lỗi {code})."
ERR_REFRESH = (
    "Không làm mới được mã truy cập Zalo OA: {message}. Mã làm mới chỉ dùng được một lần và có hạn; "
    "hãy kết nối lại Official Account trong trang quản trị."
)
ERR_TOKEN = "Mã truy cập Zalo OA không hợp lệ hoặc đã hết hạn (mã lỗi {code})."  # noqa: S105
ERR_NO_DATA = "Zalo trả lời thiếu dữ liệu ({what}); sẽ thử lại."

TOKEN_ERRORS = frozenset({-216, -124, -14014})
THROTTLING = frozenset({-32})
TEMPORARY = frozenset({-1, -100, -500})


class TokenRejectedError(PermanentError):
    """The access token was refused: refresh it once, then try again."""


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
    """POST /v4/oa/access_token with grant_type=refresh_token -> access_token, refresh_token, expires_in."""
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
        raise PermanentError(ERR_REFRESH.format(message=message or "không rõ lý do"), code=str(data.get("error", "")))
    return data


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

    def verify_article(self, token: str) -> dict[str, Any]:
        """The article a creation token became: {"id": ...}; processing may still be under way."""
        data = self.call("POST", "v2.0/article/verify", body={"token": token}) or {}
        if not data.get("id"):
            raise TemporaryError(ERR_NO_DATA.format(what="id"))
        return dict(data)

    def recent_articles(self, *, limit: int = 10) -> list[dict[str, Any]]:
        data = self.call("GET", "v2.0/article/getslice", params={"offset": 0, "limit": limit, "type": "normal"}) or {}
        return list(data.get("medias") or [])

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
