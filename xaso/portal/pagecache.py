"""Whole-page cache for anonymous readers of the portal, cleared whenever a page is published.

Most readers of a commune's page are anonymous and read the same few articles, so the
rendered page is kept (per host, path and query) and served without touching the session,
the database or the templates. Only responses that opted in are stored: Wagtail pages of
the portal without view restrictions (wagtail_hooks.allow_page_cache) and views decorated
with `page_cached` (search, sitemap). A request with a session or a messages cookie
(a signed-in editor) always gets a fresh page, and a response setting a cookie is never
stored. Publishing or unpublishing any page changes the cache's generation, which makes
every stored page stale at once, in every worker process (the cache must be shared by
them: file or Redis; "memory" is for a single process).

Behind nginx (deploy/nginx) the same answers are kept a second time, in nginx's front cache: each
stored or served page carries X-Accel-Expires (nginx keeps it that long and removes the header),
and nginx keys its copies with the generation it reads from /_xaso/the-he-trang and keeps for a
second. Changing the generation also asks each front nginx (XASO_FRONT_CACHE_URLS) to read it again
at once, so a publication makes nginx's copies stale within milliseconds (a second or two if that
request is lost: nginx's times are whole seconds). Nothing else is kept by nginx: an answer without
that header goes through.

Pages that show data from outside the page tree (the plan's full text, the honour roll)
may lag behind by at most XASO_PAGE_CACHE_SECONDS.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger(__name__)

CACHE_ALIAS = "pages"
GENERATION_KEY = "xaso:pages:generation"
KEPT_HEADERS = ("Content-Type", "Content-Language", "Link")
BYPASS_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


def mark_cacheable(request: HttpRequest) -> None:
    request._xaso_page_cacheable = True  # type: ignore[attr-defined]


def page_cached(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Lets the page cache keep this view's anonymous answers."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        mark_cacheable(request)
        return view(request, *args, **kwargs)

    return wrapper


def page_cache_clear() -> None:
    """Makes every stored page stale (a new generation); old entries expire by themselves."""
    caches[CACHE_ALIAS].set(GENERATION_KEY, secrets.token_hex(8), None)
    front_caches_refresh()


FRONT_REFRESH_PATH = "/_xaso/generation/refresh"


def front_caches_refresh() -> None:
    """Tells each front nginx to read the new generation now (deploy/nginx: a location only the
    app servers may call). A front that does not answer reads it by itself within two seconds."""
    import requests

    for base in settings.FRONT_CACHE_URLS:
        try:
            requests.get(base.rstrip("/") + FRONT_REFRESH_PATH, timeout=1)
        except requests.RequestException:
            logger.warning("Front cache did not answer", extra={"front": base})


def current_generation() -> str:
    return _generation()


def _generation() -> str:
    cache = caches[CACHE_ALIAS]
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        generation = secrets.token_hex(8)
        cache.add(GENERATION_KEY, generation, None)
        generation = cache.get(GENERATION_KEY, generation)
    return str(generation)


def _key(request: HttpRequest) -> str | None:
    try:
        host = request.get_host()
    except DisallowedHost:
        return None  # Django answers it the usual way
    address = f"{request.scheme}://{host}{request.get_full_path()}"
    return f"xaso:page:{_generation()}:{hashlib.sha256(address.encode()).hexdigest()}"


def _anonymous_get(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and not any(name in request.COOKIES for name in BYPASS_COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _storable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        getattr(request, "_xaso_page_cacheable", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not any(word in cache_control for word in ("private", "no-store", "no-cache"))
    )


class PageCacheMiddleware:
    """Put it right after WhiteNoise: a hit skips sessions, authentication and the view."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = settings.PAGE_CACHE_SECONDS
        key = _key(request) if seconds and _anonymous_get(request) else None
        if key is None:
            return self.get_response(request)
        cache = caches[CACHE_ALIAS]
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers.items():
                response[name] = value
            response["X-Page-Cache"] = "hit"
            response["X-Accel-Expires"] = str(seconds)
            return response
        response = self.get_response(request)
        if _storable(request, response):
            headers = {name: response[name] for name in KEPT_HEADERS if name in response}
            cache.set(key, (response.content, headers), seconds)
            response["X-Page-Cache"] = "miss"
            response["X-Accel-Expires"] = str(seconds)
        return response
