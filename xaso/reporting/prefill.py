"""A report's figures: frozen at submission, otherwise what the unit has logged so far."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from xaso.reporting.figures import Figures, figures_for_units
from xaso.reporting.models import ReportingPeriod, UnitReport


def live_figures(*, period: ReportingPeriod, unit_ids: Sequence[int]) -> dict[int, Figures]:
    """unit id -> what it has logged in the period's data range, now."""
    return figures_for_units(
        unit_ids=unit_ids, plan_id=period.plan_id, data_start=period.data_start, data_end=period.data_end
    )


def reports_figures(*, reports: Sequence[UnitReport]) -> dict[int, Figures]:
    """report id -> its figures: the submitted snapshot if any, else computed (grouped by period)."""
    result: dict[int, Figures] = {}
    pending: dict[int, list[UnitReport]] = defaultdict(list)
    for report in reports:
        if report.figures:
            result[report.pk] = Figures.from_json(report.figures)
        else:
            pending[report.period_id].append(report)
    for group in pending.values():
        period = group[0].period
        computed = live_figures(period=period, unit_ids=[r.unit_id for r in group])
        for report in group:
            result[report.pk] = computed[report.unit_id]
    return result


def report_figures(*, report: UnitReport) -> Figures:
    return reports_figures(reports=[report])[report.pk]
