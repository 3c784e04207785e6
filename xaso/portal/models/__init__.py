"""Models of the commune's e-information page; see each module's docstring."""

from xaso.portal.models.access import PortalGroup, PortalGroupKind
from xaso.portal.models.audience import Audience
from xaso.portal.models.pages import (
    ArticlePage,
    HomePage,
    PlanPage,
    PortalPage,
    RelatedArticle,
    SectionPage,
    TopicLayout,
    TopicPage,
)
from xaso.portal.models.reach import ArticleReach, ReachSalt, ReaderMark
from xaso.portal.models.search import SearchEntry

__all__ = [
    "ArticlePage",
    "ArticleReach",
    "Audience",
    "HomePage",
    "PlanPage",
    "PortalGroup",
    "PortalGroupKind",
    "PortalPage",
    "ReachSalt",
    "ReaderMark",
    "RelatedArticle",
    "SearchEntry",
    "SectionPage",
    "TopicLayout",
    "TopicPage",
]
