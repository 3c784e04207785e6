"""HTTP for channel clients: one `requests` session, JSON in and out, no secret in any log.

Secrets travel in headers or request bodies, never in URLs, because URLs end up in
access and debug logs (urllib3 logs each request line at DEBUG level).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from typing import Any

import requests
from django.conf import settings

from xaso.channels.errors import TemporaryError, UncertainError

logger = logging.getLogger("xaso.channels.http")

ERR_NO_CONNECTION = "Không kết nối được tới {service} ({error}); sẽ thử lại."
ERR_NO_ANSWER = "{service} không trả lời kịp; chưa rõ yêu cầu đã được thực hiện hay chưa, sẽ đối chiếu rồi thử lại."
ERR_NOT_JSON = "{service} trả lời không đúng định dạng (HTTP {status}); sẽ thử lại."


@dataclass
class Response:
    status: int
    data: Any
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""


def request(
    method: str,
    url: str,
    *,
    service: str,
    headers: dict[str, str] | None = None,
    params: dict[str, Any] | None = None,
    data: dict[str, Any] | None = None,
    json_body: Any = None,
    raw: bool = False,
    timeout: float | None = None,
) -> Response:
    """One call. Connection refused before sending -> TemporaryError; a timeout or a dropped
    connection after sending -> UncertainError (the remote side may have acted)."""
    try:
        reply = requests.request(
            method,
            url,
            headers=headers,
            params=params,
            data=data,
            json=json_body,
            timeout=timeout or settings.CHANNEL_HTTP_TIMEOUT,
        )
    except requests.ConnectionError as exc:
        if isinstance(exc, requests.ConnectTimeout) or _refused(exc):
            raise TemporaryError(ERR_NO_CONNECTION.format(service=service, error=type(exc).__name__)) from exc
        raise UncertainError(ERR_NO_ANSWER.format(service=service)) from exc
    except requests.Timeout as exc:
        raise UncertainError(ERR_NO_ANSWER.format(service=service)) from exc
    logger.debug("%s %s -> HTTP %s", method, url.split("?")[0], reply.status_code)
    response_headers = {key.lower(): value for key, value in reply.headers.items()}
    if raw:
        return Response(status=reply.status_code, data=None, headers=response_headers, content=reply.content)
    try:
        payload = reply.json() if reply.content else {}
    except json.JSONDecodeError as exc:
        raise TemporaryError(ERR_NOT_JSON.format(service=service, status=reply.status_code)) from exc
    return Response(status=reply.status_code, data=payload, headers=response_headers)


def _refused(exc: requests.ConnectionError) -> bool:
    text = str(exc)
    return "Connection refused" in text or "Failed to establish a new connection" in text or "Name or service" in text
