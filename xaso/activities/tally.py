"""The monthly tally of recorded activities per unit (models.ActivityMonth), kept exact.

Every write of an activity refreshes the (unit, month) buckets it left and entered, by
recounting them from the activities themselves: no increments that could drift.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet
from django.db.models.functions import TruncMonth

from xaso.activities.models import Activity, ActivityMonth, ActivityStatus
from xaso.indicators.figures import FIGURES, TALLIED
from xaso.units.models import OrgUnit

Bucket = tuple[int, dt.date]  # (unit id, first day of the month)

# Each column keeps one figure of xaso.indicators.figures, month by month: the same declaration.
COUNTS = {column: FIGURES[key].aggregate() for column, key in TALLIED.items()}


def bucket_of(*, unit_id: int, day: dt.date) -> Bucket:
    return unit_id, day.replace(day=1)


def _recount(activities: QuerySet[Activity]) -> list[ActivityMonth]:
    rows = (
        activities.filter(status=ActivityStatus.RECORDED)
        .annotate(month=TruncMonth("date_start"))
        .order_by()
        .values("commune_id", "unit_id", "month")
        .annotate(**COUNTS)
    )
    tallies = []
    for row in rows:
        month = row["month"]
        row["month"] = month.date() if isinstance(month, dt.datetime) else month
        tallies.append(ActivityMonth(**{key: value or 0 for key, value in row.items()}))
    return tallies


def tally_refresh(*, buckets: Iterable[Bucket]) -> None:
    """Recount the given (unit, month) buckets from the activities."""
    by_unit: dict[int, set[dt.date]] = defaultdict(set)
    for unit_id, month in buckets:
        by_unit[unit_id].add(month)
    if not by_unit:
        return
    # Writers of the same unit take turns from here (its row locked, in a fixed order; NO KEY
    # so that inserting activities, which only share-locks the unit, is not blocked): the
    # second one recounts after the first committed, so neither can leave a stale count or
    # collide on the (unit, month) row the other just wrote.
    list(OrgUnit.objects.select_for_update(no_key=True).filter(pk__in=sorted(by_unit)).order_by("pk").values("pk"))
    which = Q()
    for unit_id, months in by_unit.items():
        for month in months:
            which |= Q(unit_id=unit_id, month=month)
    ActivityMonth.objects.filter(which).delete()
    scope = Q()
    for unit_id, months in by_unit.items():
        scope |= Q(unit_id=unit_id, date_start__gte=min(months), date_start__lt=_next(max(months)))
    wanted = {(u, m) for u, months in by_unit.items() for m in months}
    ActivityMonth.objects.bulk_create(
        [t for t in _recount(Activity.objects.filter(scope)) if (t.unit_id, t.month) in wanted]
    )


def tally_rebuild(*, commune_ids: Iterable[int] | None = None) -> int:
    """Recount every bucket (of some communes): after a bulk load, or to check the tally."""
    activities = Activity.objects.all()
    tallies = ActivityMonth.objects.all()
    if commune_ids is not None:
        ids = list(commune_ids)
        activities, tallies = activities.filter(commune_id__in=ids), tallies.filter(commune_id__in=ids)
    tallies.delete()
    created = ActivityMonth.objects.bulk_create(_recount(activities), batch_size=5000)
    return len(created)


def _next(month: dt.date) -> dt.date:
    return (month + dt.timedelta(days=32)).replace(day=1)
