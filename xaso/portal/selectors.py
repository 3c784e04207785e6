"""Reads of the public portal: published pages only, in the order readers expect."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from wagtail.models import Page, Site

from xaso.portal.models import ArticlePage, Audience, HomePage, SectionPage
from xaso.units.models import OrgUnit
from xaso.units.selectors import UserLike, communes_readable, scope_for


def articles_live(*, root: Page) -> QuerySet[ArticlePage]:
    """Published, public articles under `root`, newest first, without their bodies (for lists)."""
    return (
        ArticlePage.objects.live()
        .public()
        .descendant_of(root)
        .order_by("-first_published_at", "-pk")
        .select_related("cover", "unit")
        .defer_streamfields()
    )


def article_related(*, article: ArticlePage) -> list[ArticlePage]:
    """The related articles the editor chose (published ones only), else the latest of the same sub-section."""
    chosen_ids = list(article.related_links.values_list("target_id", flat=True))
    if chosen_ids:
        by_id = {
            page.pk: page
            for page in ArticlePage.objects.live().public().filter(pk__in=chosen_ids).select_related("cover")
        }
        return [by_id[pk] for pk in chosen_ids if pk in by_id]
    parent = article.get_parent()
    return list(articles_live(root=parent).exclude(pk=article.pk)[:3]) if parent else []


def home_of_page(*, page: Page) -> HomePage | None:
    return HomePage.objects.ancestor_of(page, inclusive=True).select_related("commune").first()


def commune_of_page(*, page: Page) -> OrgUnit | None:
    home = home_of_page(page=page)
    return home.commune if home else None


def units_for_articles(*, commune: OrgUnit | None) -> QuerySet[OrgUnit]:
    """Units an article of this commune's portal may be credited to: the commune and its units."""
    if commune is None:
        return OrgUnit.objects.none()
    return OrgUnit.objects.filter(commune=commune, is_active=True).order_by("path")


def page_canonical_url(*, page: Page) -> str:
    """The public address of a page, as printed in QR codes and shared on Facebook and Zalo.

    Pages of the default site take the deployment's public address (XASO_BASE_URL); a
    province serving several communes gives each commune's site its own host name."""
    parts = page.get_url_parts()
    if parts is None:
        return ""
    site_id, root_url, path = parts
    return f"{_site_base_url(site_id=site_id, root_url=root_url)}{path}"


def _site_base_url(*, site_id: int, root_url: str) -> str:
    if Site.objects.filter(pk=site_id, is_default_site=True).exists():
        return str(settings.BASE_URL)
    return root_url


def page_absolute_url(*, page: Page, path: str) -> str:
    """`path` of this deployment (a picture's rendition, a route of the page) as an absolute address
    on the page's public host: what Facebook, Zalo and feed readers fetch."""
    if path.startswith(("http://", "https://")):
        return path
    parts = page.get_url_parts()
    if parts is None:
        return f"{settings.BASE_URL}{path}"
    site_id, root_url, _ = parts
    return f"{_site_base_url(site_id=site_id, root_url=root_url)}{path}"


def portal_chrome(*, page: Page) -> dict[str, Any]:
    """What every portal page shows around its content: the commune, navigation, breadcrumbs, footer."""
    home = home_of_page(page=page)
    if home is None:
        return {"home": None, "nav_sections": [], "breadcrumbs": []}
    breadcrumbs = list(page.get_ancestors().filter(depth__gt=home.depth)) if page.depth > home.depth else []
    return {
        "home": home,
        "nav_sections": list(home.get_children().live().public().type(SectionPage).only("title", "url_path")),
        "breadcrumbs": breadcrumbs,
    }


def audiences_readable(*, user: UserLike) -> QuerySet[Audience]:
    """The shared list and the lists of the communes whose portal the person reads."""
    if scope_for(user=user).is_empty:
        return Audience.objects.none()
    return Audience.objects.filter(Q(commune__isnull=True) | Q(commune__in=communes_readable(user=user)))


def audiences_writable(*, user: UserLike) -> QuerySet[Audience]:
    # Shared entries serve every commune: only an operator changes them.
    scope = scope_for(user=user)
    if scope.is_superuser:
        return Audience.objects.all()
    return Audience.objects.filter(commune_id__in=scope.owned_commune_ids)


def audiences_for_commune(*, commune: OrgUnit | None) -> QuerySet[Audience]:
    """What an article of this commune's portal may be written for."""
    shared = Q(commune__isnull=True)
    return Audience.objects.filter(shared | Q(commune=commune) if commune is not None else shared)


def document_published(*, document: Any) -> bool:
    """Is a file linked from a live page (Wagtail's reference index)?"""
    from wagtail.models import ReferenceIndex

    page_type = ContentType.objects.get_for_model(Page)
    pages = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type).values("object_id")
    return Page.objects.filter(live=True, pk__in=[int(row["object_id"]) for row in pages]).exists()
