"""The page-cache generation nginx keys its front cache with, and the refresh it is told of."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import Client

from xaso.portal.pagecache import FRONT_REFRESH_PATH, page_cache_clear

pytestmark = pytest.mark.django_db


def test_the_generation_changes_when_the_cache_is_cleared():
    first = Client().get("/_xaso/the-he-trang")
    assert first.status_code == 200
    assert first["X-Xaso-Generation"] == first.json()["generation"]
    assert Client().get("/_xaso/the-he-trang")["X-Xaso-Generation"] == first["X-Xaso-Generation"]
    page_cache_clear()
    assert Client().get("/_xaso/the-he-trang")["X-Xaso-Generation"] != first["X-Xaso-Generation"]


def test_each_front_nginx_is_told_at_once(settings):
    asked: list[str] = []

    class Front(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Front)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings.FRONT_CACHE_URLS = [f"http://127.0.0.1:{server.server_port}", "http://127.0.0.1:9"]
        page_cache_clear()  # the second front does not answer: logged, nothing breaks
    finally:
        server.shutdown()
    assert asked == [FRONT_REFRESH_PATH]
