"""Compressed text responses: pages, feeds, CSV and scripts weigh a third or less on a slow line.

Django's GZipMiddleware, which already mitigates BREACH (it pads each compressed response with
random bytes), restricted to text: photos, audio, PDFs and office files are compressed formats
already, and compressing them again would only cost the server.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponseBase
from django.middleware.gzip import GZipMiddleware

TEXT_TYPES = frozenset(
    {
        "application/atom+xml",
        "application/javascript",
        "application/json",
        "application/rss+xml",
        "application/xml",
        "image/svg+xml",
    }
)


def is_text(response: HttpResponseBase) -> bool:
    content_type = response.get("Content-Type", "").split(";", 1)[0].strip().lower()
    return content_type.startswith("text/") or content_type in TEXT_TYPES


class TextGZipMiddleware(GZipMiddleware):
    def process_response(self, request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
        if not is_text(response):
            return response
        return super().process_response(request, response)
