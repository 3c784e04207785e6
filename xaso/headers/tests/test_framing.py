"""Framing has one rule: X-Frame-Options decides (DENY, or SAMEORIGIN on Wagtail's previews) and the
CSP's frame-ancestors, which browsers obey first, says the same."""

from __future__ import annotations

from django.http import HttpResponse
from django.test import RequestFactory

from xaso.headers.middleware import ContentSecurityPolicyMiddleware


def _policy(response: HttpResponse, path: str = "/") -> str:
    request = RequestFactory().get(path)
    answer = ContentSecurityPolicyMiddleware(lambda r: response)(request)
    assert isinstance(answer, HttpResponse)
    return answer["Content-Security-Policy"]


def test_a_page_may_not_be_framed(client, db):
    answer = client.get("/quan-tri/login/")
    assert answer["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in answer["Content-Security-Policy"]


def test_a_preview_wagtail_frames_itself_allows_its_own_origin():
    response = HttpResponse("aperçu")
    response["X-Frame-Options"] = "SAMEORIGIN"
    policy = _policy(response, "/quan-tri/pages/3/edit/preview/")
    assert "frame-ancestors 'self'" in policy
    assert "'none'" not in policy.split("frame-ancestors")[1].split(";")[0]


def test_the_portal_allows_no_style_attribute_and_the_back_office_does():
    assert "style-src-attr" not in _policy(HttpResponse("trang"), "/nghi-quyet-57/")
    assert "style-src-attr 'unsafe-inline'" in _policy(HttpResponse("quản trị"), "/quan-tri/")
