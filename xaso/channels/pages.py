"""What the channels take from a portal page (the article), whatever its page type.

The portal's ArticlePage documents a stable interface for other channels: `title`, `intro`,
`cover` + `cover_alt`, `body` (with `plain_text()` / rendering), `canonical_url()`, `unit`.
Other page types fall back to Wagtail's own fields (search_description, full_url), so the
channels work with any published page.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from wagtail.models import Page

from xaso.units.models import OrgUnit, UnitKind

ERR_NO_COMMUNE = "Bài này không gắn với đơn vị nào của xã nên không gửi lên kênh được."


def page_commune(page: Page) -> OrgUnit | None:
    specific = page.specific
    unit = getattr(specific, "unit", None)
    if isinstance(unit, OrgUnit):
        return unit if unit.kind == UnitKind.COMMUNE else unit.commune
    for ancestor in page.get_ancestors(inclusive=True).specific().reverse():
        commune = getattr(ancestor, "commune", None)
        if isinstance(commune, OrgUnit):
            return commune
    return None


def page_link(page: Page) -> str:
    specific = page.specific
    canonical = getattr(specific, "canonical_url", None)
    url = canonical() if callable(canonical) else page.get_full_url()
    if url and url.startswith("/"):
        url = settings.BASE_URL + url
    return str(url or "")


def page_body_html(page: Page) -> str:
    body = getattr(page.specific, "body", None)
    if body is None:
        return str(getattr(page.specific, "intro", "") or "")
    try:
        return str(body.render_as_block()) if hasattr(body, "render_as_block") else str(body)
    except Exception:  # a block that cannot render outside a request: fall back to the plain text
        plain = getattr(body, "plain_text", None)
        return "".join(f"<p>{line}</p>" for line in (plain() if callable(plain) else "").splitlines() if line.strip())


def page_image_url(page: Page) -> str:
    cover: Any = getattr(page.specific, "cover", None)
    if cover is None:
        return ""
    rendition = cover.get_rendition("fill-1200x630|format-jpeg")
    url = str(rendition.url)
    return settings.BASE_URL + url if url.startswith("/") else url


def page_summary(page: Page) -> str:
    return str(getattr(page.specific, "intro", "") or page.search_description or "")
