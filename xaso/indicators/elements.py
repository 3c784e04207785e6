"""Data elements per unit of the tree and period, assembled from the grouped queries.

`compute` returns, for each key (a commune, or a unit when grouping by unit) and each
period asked, the dictionary of data elements that indicators divide (definitions.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from xaso.indicators import queries
from xaso.indicators.definitions import Indicator
from xaso.indicators.periods import Period

Elements = dict[str, int]
QUALITY_CHECKS = 3


@dataclass(frozen=True)
class Context:
    """What the computation needs besides the rows: when each commune's plan was issued, and today."""

    issued_on: dict[int, dt.date]  # commune id -> plan issued on
    commune_of: dict[int, int]  # unit id -> commune id (only when grouping by unit)
    today: dt.date


def _quarter(month: dt.date) -> tuple[int, int]:
    return month.year, (month.month - 1) // 3


def _sum(months: dict[dt.date, queries.Month], period: Period) -> queries.Month:
    total = queries.Month()
    for month, counts in months.items():
        if period.contains(month):
            total.add(counts)
    return total


def _due_months(period: Period, *, issued_on: dt.date | None, today: dt.date) -> list[dt.date]:
    """Months of the period from the plan's issue to the end of the period, or to this month if running."""
    start = max(period.start, issued_on) if issued_on else period.start
    end = min(period.end, today)
    return [month for month in period.months() if start.replace(day=1) <= month <= end]


def _elapsed(period: Period, today: dt.date) -> Decimal:
    if today >= period.end:
        return Decimal(1)
    if today < period.start:
        return Decimal(0)
    return Decimal((today - period.start).days + 1) / Decimal(period.days)


def compute(
    where: queries.Where,
    *,
    periods: Sequence[Period],
    context: Context,
    months: dict[int, dict[dt.date, queries.Month]] | None = None,
    villages: list[queries.Village] | None = None,
) -> dict[int, list[Elements]]:
    """key -> one Elements per period of `periods`, in the same order.

    `months`: the monthly counts when the caller already scanned every month these periods
    (and the ones before them) cover, so the tally is read once per page; `villages`: the
    villages with their residents met in each of `periods`, when the caller read them already.
    """
    earlier = [prior for p in periods if (prior := p.previous()) is not None]
    wanted = list(dict.fromkeys([*periods, *earlier]))
    start, end = min(p.start for p in wanted), max(p.end for p in wanted)
    if months is None:
        months = queries.activity_months(where, start=start, end=end)
    if where.unit_id or where.by_unit:
        broadcasts = queries.broadcast_months(where.commune_ids, start=start, end=end)
    else:
        broadcasts = {key: {m for m, counts in rows.items() if counts.broadcasts} for key, rows in months.items()}
    ends = [p.end for p in periods]
    people = queries.people(where, ends=ends)
    commune_of = context.commune_of if where.by_unit else {c: c for c in where.commune_ids}
    documents = queries.documents(where, ends=ends, commune_of=commune_of)
    science = queries.science_tasks(where, ends=ends, commune_of=commune_of)
    if villages is None:
        villages = queries.villages(where, periods=periods)

    def regular(commune_id: int, period: Period) -> tuple[bool, set[tuple[int, int]], set[tuple[int, int]]]:
        """Did the commune broadcast in every quarter of the period that is due so far?"""
        due = {
            _quarter(m) for m in _due_months(period, issued_on=context.issued_on.get(commune_id), today=context.today)
        }
        aired = {_quarter(m) for m in broadcasts.get(commune_id, set()) if period.contains(m)}
        return bool(due) and due <= aired, due, aired

    coverage = {(c, p): regular(c, p) for c in {v.commune_id for v in villages} for p in periods}

    keys = list(commune_of) if where.by_unit else list(where.commune_ids)
    result: dict[int, list[Elements]] = {}
    for key in keys:
        commune_id = commune_of.get(key, key)
        issued_on = context.issued_on.get(commune_id)
        own_months = months.get(key, {})
        entries = []
        for index, period in enumerate(periods):
            totals = _sum(own_months, period)
            due = _due_months(period, issued_on=issued_on, today=context.today)
            section_months = sum(1 for m in due if (c := own_months.get(m)) and c.section)
            is_regular, due_quarters, aired = coverage.get((commune_id, period)) or regular(commune_id, period)
            own_villages = [v for v in villages if (v.unit_id if where.by_unit else v.commune_id) == key]
            person = people.get(key) or queries.People(informed=[0] * len(ends), trained=[0] * len(ends))
            document = documents.get(key) or queries.Provided(listed=[0] * len(ends), provided=[0] * len(ends))
            task = science.get(key) or queries.Provided(listed=[0] * len(ends), provided=[0] * len(ends))
            previous = period.previous()
            before = _sum(own_months, previous).activities if previous else None
            checks = [
                totals.activities > 0
                if before is None
                else totals.activities >= before * _elapsed(period, context.today),
                bool(totals.mass_media and totals.schools and totals.enterprises),
                bool(due) and section_months == len(due),
            ]
            entries.append(
                {
                    "activities": totals.activities,
                    "activities_mass_media": totals.mass_media,
                    "activities_schools": totals.schools,
                    "activities_enterprises": totals.enterprises,
                    "commendations": totals.commendations,
                    "trainings": totals.trainings,
                    "publications": totals.publications,
                    "participants": totals.participants,
                    "reach": totals.reach,
                    "section_months": section_months,
                    "section_months_due": len(due),
                    "broadcast_quarters": len(aired & due_quarters),
                    "broadcast_quarters_due": len(due_quarters),
                    "previous_activities": before or 0,
                    "officials_registered": person.registered,
                    "officials_informed": person.informed[index],
                    "officers_registered": person.officers,
                    "officers_trained": person.trained[index],
                    "documents_listed": document.listed[index],
                    "documents_provided": document.provided[index],
                    "science_tasks_listed": task.listed[index],
                    "science_tasks_communicated": task.provided[index],
                    "residents_total": sum(v.residents for v in own_villages),
                    "residents_reached": sum(
                        v.residents if v.has_loudspeaker and is_regular else min(v.residents, v.met[index])
                        for v in own_villages
                    ),
                    "villages_covered": sum(1 for v in own_villages if v.has_loudspeaker and is_regular),
                    "villages": len(own_villages),
                    "quality_checks": QUALITY_CHECKS,
                    "quality_checks_met": sum(checks),
                    "quality_check_volume": int(checks[0]),
                    "quality_check_groups": int(checks[1]),
                    "quality_check_section": int(checks[2]),
                }
            )
        result[key] = entries
    return result


@dataclass(frozen=True)
class Value:
    """One indicator computed: numerator / denominator × factor, or None when the denominator is 0."""

    indicator: Indicator
    numerator: int
    denominator: int | None
    value: Decimal | None

    @property
    def display(self) -> str:
        if self.value is None:
            return "—"
        text = f"{self.value.normalize():f}".replace(".", ",")
        return f"{text}%" if self.indicator.is_percentage else text


def value_of(indicator: Indicator, elements: Elements) -> Value:
    numerator = elements[indicator.numerator.key]
    if indicator.denominator is None:
        return Value(indicator, numerator, None, Decimal(numerator))
    denominator = elements[indicator.denominator.key]
    if not denominator:
        return Value(indicator, numerator, denominator, None)
    value = (Decimal(numerator) * indicator.factor / Decimal(denominator)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return Value(indicator, numerator, denominator, value)
