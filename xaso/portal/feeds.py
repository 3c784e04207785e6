"""RSS 2.0 and Atom feeds of a section or sub-section: its latest published articles.

Served by the section's own page (SectionPage/TopicPage routes rss/ and atom/), so the
feed of "Nghị quyết 57" is /nghi-quyet-57/rss/. Items come from selectors.articles_live:
drafts, scheduled and unpublished articles never appear. Links are absolute public
addresses (page_canonical_url), as feed readers and Zalo need.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed, SyndicationFeed

from xaso.portal.models import ArticlePage
from xaso.portal.selectors import articles_live, page_canonical_url

FEED_SIZE = 20


class SectionRssFeed(Feed):
    feed_type: type[SyndicationFeed] = Rss201rev2Feed
    language = "vi"

    def get_object(self, request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
        return kwargs["page"]

    def title(self, obj: Any) -> str:
        from xaso.portal.selectors import home_of_page

        home = home_of_page(page=obj)
        return f"{obj.title} — {home.title}" if home and home.pk != obj.pk else str(obj.title)

    def link(self, obj: Any) -> str:
        return page_canonical_url(page=obj)

    def description(self, obj: Any) -> str:
        return str(getattr(obj, "intro", "") or obj.title)

    def items(self, obj: Any) -> list[ArticlePage]:
        return list(articles_live(root=obj)[:FEED_SIZE])

    def item_title(self, item: ArticlePage) -> str:
        return item.title

    def item_description(self, item: ArticlePage) -> str:
        return item.intro

    def item_link(self, item: ArticlePage) -> str:
        return page_canonical_url(page=item)

    def item_guid(self, item: ArticlePage) -> str:
        return page_canonical_url(page=item)

    def item_pubdate(self, item: ArticlePage) -> dt.datetime | None:
        return item.first_published_at

    def item_updateddate(self, item: ArticlePage) -> dt.datetime | None:
        return item.last_published_at

    def item_author_name(self, item: ArticlePage) -> str:
        return item.author or item.unit.name

    def item_categories(self, item: ArticlePage) -> list[str]:
        parent = item.get_parent()
        return [parent.title] if parent else []


class SectionAtomFeed(SectionRssFeed):
    feed_type = Atom1Feed

    def subtitle(self, obj: Any) -> str:
        return self.description(obj)


rss_feed = SectionRssFeed()
atom_feed = SectionAtomFeed()
