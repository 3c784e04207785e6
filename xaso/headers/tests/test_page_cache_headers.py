"""A page served from the portal's page cache carries the same security headers as a fresh one."""

from __future__ import annotations

from xaso.testing.factories import article

HEADERS = (
    "Content-Security-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


def test_a_cache_hit_has_every_security_header_of_the_first_answer(portal, client, cached):
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    first = client.get(page.url)
    hit = client.get(page.url)
    assert hit["X-Page-Cache"] == "hit"
    for name in HEADERS:
        assert hit[name] == first[name], name
    assert hit["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in hit["Content-Security-Policy"]
    assert "script-src 'self' 'sha256-" in hit["Content-Security-Policy"]


def test_the_hit_of_a_secure_deployment_carries_hsts(portal, client, cached, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    page = article(portal.news, portal.linh, publish_as=portal.admin)
    client.get(page.url, secure=True)
    hit = client.get(page.url, secure=True)
    assert hit["X-Page-Cache"] == "hit"
    assert hit["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
