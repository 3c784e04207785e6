"""Counting readers of articles without cookies and without storing addresses.

The article page carries a tiny beacon (xaso/portal/templates/portal/_reach_beacon.html);
the browser calls /luot-doc/<article id>/ after the page — cached or not — has loaded.
`reader_count` keeps only sha256(salt of the day + IP + browser + article) for the day,
and adds one to the article's count of the day the first time that digest is seen.

At the first reading of a new day, `reach_salt_today` makes a new random salt and
deletes the previous days' salts and digests: from then on nobody, not even with the
database, can tell whether yesterday's reader came back today, or who they were.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from xaso.portal.models import ArticlePage, ArticleReach, ReachSalt, ReaderMark

logger = logging.getLogger(__name__)

# Link previews and crawlers fetch pages without a reader behind them.
BOT_MARKERS = ("bot", "crawl", "spider", "slurp", "facebookexternalhit", "zalo", "preview", "headless", "curl", "wget")


def is_robot(user_agent: str) -> bool:
    ua = user_agent.lower()
    return not ua or any(marker in ua for marker in BOT_MARKERS)


@transaction.atomic
def reach_salt_today(*, today: dt.date | None = None) -> str:
    """Today's salt, made on first use; the days before lose their salt and digests for good."""
    today = today or timezone.localdate()
    salt = ReachSalt.objects.filter(day=today).values_list("salt", flat=True).first()
    if salt is not None:
        return salt
    try:
        with transaction.atomic():
            ReachSalt.objects.create(day=today, salt=secrets.token_hex(32))
    except IntegrityError:
        return ReachSalt.objects.get(day=today).salt  # another worker made it first: use theirs
    finished = [day.isoformat() for day in ReachSalt.objects.exclude(day=today).values_list("day", flat=True)]
    ReachSalt.objects.exclude(day=today).delete()
    ReaderMark.objects.exclude(day=today).delete()
    # The days that just ended are complete: their readers go into the articles' activities.
    for day in finished:
        transaction.on_commit(partial(_enqueue_refresh, day))
    return ReachSalt.objects.get(day=today).salt


def _enqueue_refresh(day: str) -> None:
    from xaso.portal.tasks import reach_refresh

    reach_refresh.enqueue(day)


def reader_digest(*, salt: str, ip: str, user_agent: str, article_id: int) -> str:
    return hashlib.sha256(f"{salt}\n{ip}\n{user_agent}\n{article_id}".encode()).hexdigest()


@transaction.atomic
def reader_count(*, article_id: int, ip: str, user_agent: str, today: dt.date | None = None) -> bool:
    """Count one reading; True when this reader is new for the article today."""
    today = today or timezone.localdate()
    if is_robot(user_agent) or not ArticlePage.objects.live().public().filter(pk=article_id).exists():
        return False
    digest = reader_digest(salt=reach_salt_today(today=today), ip=ip, user_agent=user_agent, article_id=article_id)
    try:
        with transaction.atomic():
            ReaderMark.objects.create(day=today, digest=digest)
    except IntegrityError:
        return False
    updated = ArticleReach.objects.filter(article_id=article_id, day=today).update(readers=F("readers") + 1)
    if not updated:
        try:
            with transaction.atomic():
                ArticleReach.objects.create(article_id=article_id, day=today, readers=1)
        except IntegrityError:
            ArticleReach.objects.filter(article_id=article_id, day=today).update(readers=F("readers") + 1)
    return True


def article_readers(*, article_id: int) -> int:
    """Unique readers of an article: the sum of its daily unique readers."""
    total = ArticleReach.objects.filter(article_id=article_id).aggregate(total=Sum("readers"))["total"]
    return int(total or 0)
