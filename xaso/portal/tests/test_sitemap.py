"""The sitemap lists every live public page at its public address, never drafts or scheduled pages."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from django.conf import settings
from django.utils import timezone

from xaso.testing.clock import pinned
from xaso.testing.factories import article

# Dates, deadlines and schedules are read on a pinned clock, never at the hour the suite runs.
pytestmark = pinned

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def _locations(client) -> list[str]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return [loc.text or "" for loc in ET.fromstring(response.content).iter(f"{NS}loc")]  # noqa: S314 - our own response


def test_the_sitemap_lists_the_portal_at_its_public_address(portal, client):
    page = article(portal.news, portal.linh, title="Bài đã đăng", publish_as=portal.admin)
    locations = _locations(client)
    assert f"{settings.BASE_URL}{page.url}" in locations
    assert f"{settings.BASE_URL}{portal.section.url}" in locations
    assert f"{settings.BASE_URL}{portal.plan_page.url}" in locations
    assert all(location.startswith(settings.BASE_URL) for location in locations)


def test_the_sitemap_never_lists_drafts_scheduled_or_unpublished_pages(portal, client):
    draft = article(portal.news, portal.linh, title="Bản nháp")
    scheduled = article(
        portal.news,
        portal.linh,
        title="Bài hẹn giờ",
        go_live_at=timezone.now() + dt.timedelta(days=1),
        publish_as=portal.admin,
    )
    gone = article(portal.news, portal.linh, title="Bài đã gỡ", publish_as=portal.admin)
    gone.unpublish(user=portal.admin)
    locations = " ".join(_locations(client))
    for page in (draft, scheduled, gone):
        assert f"/{page.slug}/" not in locations
