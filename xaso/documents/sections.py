"""The body of a programme report, taken from the apps through the Wagtail hook
`programme_report_sections`, as the programme dashboard takes its panels from
`programme_dashboard_panels`.

A builder (the consolidated report of a period, the interim and final reviews, the sample report)
says what its report is about in a `ReportContext` — the plan, the period, the reader, the units it
counts and the one count of their activities (xaso.indicators.figures.Counts) that every section
reads, so that no two parts of a document count differently — and writes only what it alone knows
(the opening, the direction, the units' narratives, the assessment, the way forward). An app with
something to say about the programme registers a hook `fn(*, context) -> list[Contribution]`;
contributions go to a slot of the report's outline:

- "results": the start of section "Kết quả thực hiện nhiệm vụ, giải pháp" (what was done overall);
- "results.<task group key>": the subsection of that task group of the plan, in the plan's order;
- "results.more": subsections after the groups (a Section each: learning, honours…);
- "targets": the section on the plan's targets;
- "funding": the funding section (a Section).
Within a slot, by `order`. Their annex sheets follow the same order. The frame (issuer, number,
signature, recipients) is xaso.documents.frame.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from wagtail import hooks

from xaso.documents.model import Block, Paragraph, Section
from xaso.documents.xlsx import Sheet

HOOK = "programme_report_sections"
PERIOD, INTERIM, FINAL, SAMPLE = "period", "interim", "final", "sample"
SLOTS = ("results", "results.group", "results.more", "targets", "funding")
RESULTS_TITLE = "Kết quả thực hiện nhiệm vụ, giải pháp"
TARGETS_TITLE = "Kết quả thực hiện các chỉ tiêu"


@dataclass(frozen=True, kw_only=True)
class ReportContext:
    kind: str  # PERIOD, INTERIM, FINAL or SAMPLE
    plan: Any  # plans.Plan, with its groups, tasks and targets prefetched (plans.selectors.plan_full)
    start: dt.date
    end: dt.date
    user: Any  # the requester: every contribution reads through this person's scope
    words: str  # how the text names the period: "năm 2026", "từ ngày 01/01/2025 đến ngày 31/10/2026"
    counts: Any  # xaso.indicators.figures.Counts of the units' activities over the period
    # The same count unit by unit (unit id -> Counts), for tables with a row per unit.
    unit_counts: Mapping[int, Any] = field(default_factory=dict)
    # The units the report counts (a consolidated report: those whose report was approved); None:
    # every unit of the commune the reader reads.
    unit_ids: frozenset[int] | None = None
    # What the targets are judged over: a reporting.ReportingPeriod or an indicators Period.
    judged: Any = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def commune(self) -> Any:
        return self.plan.commune


@dataclass(frozen=True, kw_only=True)
class Contribution:
    slot: str  # one of SLOTS, "results.group" written "results.<task group key>"
    blocks: tuple[Block, ...] = ()
    annex: tuple[Sheet, ...] = ()
    order: int = 50


@dataclass(frozen=True, kw_only=True)
class ReportBody:
    body: tuple[Block, ...]
    annex: tuple[Sheet, ...]


def report_contributions(*, context: ReportContext) -> list[Contribution]:
    """Every app's contributions to the report, in the outline's order."""
    found = [part for fn in hooks.get_hooks(HOOK) for part in (fn(context=context) or ())]
    groups = [f"results.{group.key}" for group in context.plan.task_groups.all()]
    outline = ["results", *groups, "results.more", "targets", "funding"]
    return sorted(
        (part for part in found if part.slot in outline), key=lambda part: (outline.index(part.slot), part.order)
    )


def programme_report_body(
    *,
    context: ReportContext,
    opening: Paragraph,
    direction: Section,
    more_results: tuple[Section, ...] = (),
    tail: tuple[Block, ...] = (),
    closing: Paragraph,
) -> ReportBody:
    """The report's body in the Decree 30 outline every programme report shares: the builder's opening
    and direction, the results (the apps' contributions, group by group of the plan), the targets,
    the funding, the builder's own closing sections."""
    parts = report_contributions(context=context)

    def blocks(slot: str) -> tuple[Block, ...]:
        return tuple(block for part in parts if part.slot == slot for block in part.blocks)

    groups = tuple(
        Section(title=group.get_key_display(), body=said)
        for group in context.plan.task_groups.all()
        if (said := blocks(f"results.{group.key}"))
    )
    results = Section(title=RESULTS_TITLE, body=(*blocks("results"), *groups, *blocks("results.more"), *more_results))
    targets = blocks("targets")
    body: tuple[Block, ...] = (
        opening,
        direction,
        results,
        *((Section(title=TARGETS_TITLE, body=targets),) if targets else ()),
        *blocks("funding"),
        *tail,
        closing,
    )
    return ReportBody(body=body, annex=tuple(sheet for part in parts for sheet in part.annex))
