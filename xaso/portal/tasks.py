"""Background tasks of the portal (Django Tasks API)."""

from __future__ import annotations

import datetime as dt

from django_tasks import task


@task()
def reach_refresh(day: str) -> int:
    """Carries the unique readers counted on `day` (ISO date) into the articles' activities."""
    from xaso.portal.services import article_reach_refresh

    return article_reach_refresh(day=dt.date.fromisoformat(day))
