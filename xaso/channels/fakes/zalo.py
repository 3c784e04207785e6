"""A fake Zalo: the OAuth v4 token endpoint and the OA article and message APIs.

Refresh tokens are single-use, as Zalo documents: using one issues a new pair and spends
it; using a spent one answers an error. Answers have Zalo's shape
{"error": 0, "message": "Success", "data": {...}}.
"""

from __future__ import annotations

import itertools
import secrets
from typing import Any

from xaso.channels.fakes.base import FakeServer, Recorded, Reply


def zalo_error(code: int, message: str) -> Reply:
    return Reply(body={"error": code, "message": message})


class FakeZalo(FakeServer):
    name = "zalo"

    def __init__(self, *, app_id: str, secret_key: str, refresh_token: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.app_id = app_id
        self.secret_key = secret_key
        self.refresh_token = refresh_token
        self.access_tokens: set[str] = set()
        self.articles: list[dict[str, Any]] = []
        self.broadcasts: list[dict[str, Any]] = []
        self.tokens: dict[str, str] = {}
        self.ids = itertools.count(1)
        self.expires_in = 90000

    def route_of(self, request: Recorded) -> str:
        return f"{request.method} {request.path.rstrip('/')}"

    def handle(self, request: Recorded) -> Reply:
        route = self.route_of(request)
        if route == "POST /v4/oa/access_token":
            return self._refresh(request)
        if request.headers.get("access_token") not in self.access_tokens:
            return zalo_error(-216, "Access token is invalid")
        body = request.json if isinstance(request.json, dict) else {}
        if route == "POST /v2.0/article/create":
            return self._create(body)
        if route == "POST /v2.0/article/verify":
            article_id = self.tokens.get(str(body.get("token")))
            if article_id is None:
                return zalo_error(-201, "Token is invalid")
            return Reply(body={"error": 0, "message": "Success", "data": {"id": article_id}})
        if route == "GET /v2.0/article/getslice":
            with self.lock:
                medias = [{"id": a["id"], "title": a["title"], "status": a["status"]} for a in reversed(self.articles)]
            return Reply(body={"error": 0, "message": "Success", "data": {"medias": medias, "total": len(medias)}})
        if route == "POST /v2.0/oa/message":
            return self._broadcast(body)
        return zalo_error(-201, "Unknown API")

    def _refresh(self, request: Recorded) -> Reply:
        form = request.form
        if request.headers.get("secret_key") != self.secret_key or form.get("app_id") != self.app_id:
            return Reply(body={"error": -14002, "error_name": "Invalid app", "error_description": "App is invalid"})
        if form.get("grant_type") != "refresh_token":
            return Reply(body={"error": -14001, "error_name": "Invalid grant", "error_description": "grant_type"})
        with self.lock:
            if form.get("refresh_token") != self.refresh_token:
                return Reply(
                    body={
                        "error": -14014,
                        "error_name": "Invalid refresh token",
                        "error_description": "Refresh token is invalid or has been used",
                    }
                )
            access = "za-" + secrets.token_urlsafe(24)
            self.refresh_token = "zr-" + secrets.token_urlsafe(24)
            self.access_tokens = {access}
            refresh = self.refresh_token
        return Reply(body={"access_token": access, "refresh_token": refresh, "expires_in": str(self.expires_in)})

    def _create(self, body: dict[str, Any]) -> Reply:
        required = ("title", "author", "description", "body", "cover") if body.get("type") == "normal" else ("title",)
        missing = [name for name in required if not body.get(name)]
        if body.get("type") not in ("normal", "video") or missing:
            return zalo_error(-201, "Parameters are invalid: " + ", ".join(missing or ["type"]))
        if len(str(body["title"])) > 150 or len(str(body.get("author", ""))) > 50:
            return zalo_error(-201, "Parameters are invalid: length")
        with self.lock:
            article_id = f"art{next(self.ids)}"
            token = "tok-" + secrets.token_urlsafe(12)
            self.tokens[token] = article_id
            self.articles.append({"id": article_id, **body})
        return Reply(body={"error": 0, "message": "Success", "data": {"token": token}})

    def _broadcast(self, body: dict[str, Any]) -> Reply:
        try:
            element = body["message"]["attachment"]["payload"]["elements"][0]
        except (KeyError, IndexError, TypeError):
            return zalo_error(-201, "Parameters are invalid: message")
        if element.get("media_type") != "article" or "target" not in (body.get("recipient") or {}):
            return zalo_error(-201, "Parameters are invalid: recipient")
        with self.lock:
            if element.get("attachment_id") not in {a["id"] for a in self.articles}:
                return zalo_error(-201, "Article not found")
            message_id = f"msg{next(self.ids)}"
            self.broadcasts.append({"message_id": message_id, **body})
        return Reply(body={"error": 0, "message": "Success", "data": {"message_id": message_id}})
