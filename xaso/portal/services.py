"""Writes to the portal: pages created as drafts with a first revision, and published.

Editors normally work in the Wagtail page editor; these services are what the demo
loader, tests and other channels use, and they go through the same Wagtail revision
and publish machinery (so the same hooks run).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Collection, Page, Revision

from xaso.activities.models import Activity, ActivityKind
from xaso.activities.models import Audience as ActivityAudience
from xaso.activities.services import activity_delete_by_source, activity_record
from xaso.plans.models import Task, TaskGroupKey
from xaso.portal.models import ArticlePage, ArticleReach, Audience, HomePage, PlanPage, SectionPage, TopicPage
from xaso.units.models import OrgUnit
from xaso.vi.text import fold

logger = logging.getLogger(__name__)

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
    from xaso.portal.pagecache import page_cache_clear
    from xaso.portal.search import search_entry_update

    search_entry_update(page=page)
    specific = page.specific
    if isinstance(specific, ArticlePage):
        article_activity_record(article=specific, user=user)
    # Now, and again once committed: a reader in between may have stored the old page.
    page_cache_clear()
    transaction.on_commit(page_cache_clear)


@transaction.atomic
def portal_page_unpublished(*, page: Page) -> None:
    """A page taken off the public site: its activity goes, and cached copies of the site."""
    from xaso.portal.pagecache import page_cache_clear

    if isinstance(page.specific, ArticlePage):
        activity_delete_by_source(source=article_activity_source(article_id=page.pk))
    page_cache_clear()
    transaction.on_commit(page_cache_clear)


def article_activity_source(*, article_id: int) -> str:
    return f"portal.article:{article_id}"


def _article_tasks(article: ArticlePage) -> list[Task]:
    """The plan task the article delivers: the first mass-media task (the Resolution's section on
    the commune's page, NV-1.1 in the seed plan) of the plan published in the article's section."""
    section = SectionPage.objects.ancestor_of(article).first()
    plan_page = PlanPage.objects.child_of(section).select_related("plan").first() if section else None
    if plan_page is None or plan_page.plan.commune_id != article.unit.commune_id:
        return []
    task = (
        Task.objects.filter(plan_id=plan_page.plan_id, group__key=TaskGroupKey.MASS_MEDIA)
        .order_by("group__number", "sort_order", "pk")
        .first()
    )
    return [task] if task else []


@transaction.atomic
def article_activity_record(*, article: ArticlePage, user: Any = None) -> Activity | None:
    """Records the published article as a news activity of its unit (one per article, updated in
    place), with its reach (unique readers so far). An activity the rules refuse — no active plan
    covering the publication date, say — is logged, and the publication still goes ahead."""
    from xaso.portal.reach import article_readers
    from xaso.portal.selectors import page_canonical_url

    published = article.first_published_at or timezone.now()
    try:
        with transaction.atomic():
            return activity_record(
                unit=article.unit,
                kind=ActivityKind.NEWS_ARTICLE,
                title=article.title,
                date_start=timezone.localdate(published),
                tasks=_article_tasks(article),
                audience=ActivityAudience.RESIDENTS,
                reach=article_readers(article_id=article.pk),
                description=article.intro,
                url=page_canonical_url(page=article),
                source=article_activity_source(article_id=article.pk),
                user=user,
            )
    except ValidationError as error:
        logger.warning("Không ghi được hoạt động cho bài %s: %s", article.pk, error.messages)
        return None


def article_reach_refresh(*, day: dt.date) -> int:
    """Carries the readers counted on `day` into the articles' activities; returns how many."""
    ids = ArticleReach.objects.filter(day=day).values_list("article_id", flat=True)
    articles = ArticlePage.objects.live().filter(pk__in=list(ids)).select_related("unit")
    return sum(1 for article in articles if article_activity_record(article=article) is not None)
