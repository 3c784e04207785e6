"""Writes to the portal: pages created as drafts with a first revision, and published.

Editors normally work in the Wagtail page editor; these services are what the demo
loader, tests and other channels use, and they go through the same Wagtail revision
and publish machinery (so the same hooks run).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Collection, Page, Revision

from xaso.portal.models import ArticlePage, Audience, HomePage, TopicPage
from xaso.units.models import OrgUnit
from xaso.vi.text import fold

SLUG_MAX = 80


def vi_slug(text: str) -> str:
    """ "Chuyển đổi số ở thôn Nà Pàn" -> "chuyen-doi-so-o-thon-na-pan" (ASCII, whole words)."""
    slug = slugify(fold(text))
    if len(slug) > SLUG_MAX:
        slug = slug[:SLUG_MAX].rsplit("-", 1)[0]
    return slug


@transaction.atomic
def page_add_draft(*, parent: Page, page: Page, user: Any) -> Page:
    """Adds `page` under `parent` as an unpublished draft with its first revision."""
    if not page.slug:
        page.slug = vi_slug(page.title)
    page.live = False
    page.owner = user
    parent.add_child(instance=page)
    page.save_revision(user=user, log_action=True)
    return page


@transaction.atomic
def article_draft_create(
    *,
    topic: TopicPage,
    title: str,
    intro: str,
    body: list[dict[str, Any]],
    unit: OrgUnit,
    user: Any,
    audiences: Iterable[Audience] = (),
    cover: Any = None,
    cover_alt: str = "",
    slug: str = "",
    go_live_at: dt.datetime | None = None,
    is_demo: bool = False,
    **details: Any,
) -> ArticlePage:
    """A new article as a draft: `body` is StreamField data ([{"type": "paragraph", "value": "<p>…</p>"}, …]);
    `details` may set author, source, document_number, document_date, document_issuer."""
    article = ArticlePage(
        title=title,
        slug=slug or vi_slug(title),
        intro=intro,
        body=body,
        unit=unit,
        cover=cover,
        cover_alt=cover_alt,
        go_live_at=go_live_at,
        is_demo=is_demo,
        **details,
    )
    article.audiences.set(list(audiences))
    page_add_draft(parent=topic, page=article, user=user)
    return article


@transaction.atomic
def page_publish(*, page: Page, user: Any) -> Revision:
    """Publishes the page's latest revision as `user` (scheduled if its go-live time is still ahead)."""
    revision = page.get_latest_revision() or page.save_revision(user=user)
    revision.publish(user=user)
    return revision


@transaction.atomic
def home_collection(*, home: HomePage) -> Collection:
    """The commune's folder of pictures and files (created on first use), where its editors upload."""
    if home.collection_id:
        collection: Collection = home.collection
        return collection
    name = home.commune.name if home.commune_id else home.title
    collection = Collection.get_first_root_node().add_child(name=name)
    HomePage.objects.filter(pk=home.pk).update(collection=collection)
    home.collection = collection
    return collection


@transaction.atomic
def portal_page_published(*, page: Page, user: Any) -> None:
    """Everything that follows a page going live (called by xaso.portal.actions.PortalPublishAction)."""
    from xaso.portal.search import search_entry_update

    search_entry_update(page=page)
