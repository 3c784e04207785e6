"""Which renderings a person may see and download: those of the units they read."""

from __future__ import annotations

from django.db.models import QuerySet

from xaso.documents.models import RenderJob
from xaso.units.selectors import UserLike, units_readable


def render_jobs_readable(*, user: UserLike) -> QuerySet[RenderJob]:
    return RenderJob.objects.filter(unit__in=units_readable(user=user)).select_related("unit", "requested_by")
