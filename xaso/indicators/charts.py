"""Charts drawn on the server as small inline SVG: no script to download, readable on a slow line.

Every chart carries a <title> and an aria-label with its figures in words, and the
same figures are in the tables next to it and in the XLSX/CSV downloads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from xaso.indicators.queries import Month

STATUS_COLOURS = {
    "achieved": "#2e7d32",
    "on_track": "#1565c0",
    "at_risk": "#e65100",
    "behind": "#c62828",
    "not_due": "#607d8b",
    "no_data": "#9e9e9e",
    "commune_only": "#9e9e9e",
}
GROUP_COLOURS = (("mass_media", "#1565c0"), ("schools", "#2e7d32"), ("enterprises", "#f9a825"))
GROUP_LABELS = {
    "mass_media": "Nhóm 1: truyền thông đại chúng",
    "schools": "Nhóm 2: trường học",
    "enterprises": "Nhóm 3: doanh nghiệp",
}


def progress_bar(*, share: int, status: str, label: str, width: int = 180) -> SafeString:
    """A bar filled to `share`% of the milestone, with the milestone as the right edge."""
    filled = round(width * max(0, min(share, 100)) / 100)
    return format_html(
        '<svg class="xs-bar" width="{w}" height="14" viewBox="0 0 {w} 14" role="img" aria-label="{label}">'
        "<title>{label}</title>"
        '<rect x="0" y="1" width="{w}" height="12" rx="2" fill="#eceff1"/>'
        '<rect x="0" y="1" width="{f}" height="12" rx="2" fill="{c}"/>'
        '<line x1="{edge}" y1="0" x2="{edge}" y2="14" stroke="#263238" stroke-width="2"/>'
        "</svg>",
        w=width,
        f=filled,
        c=STATUS_COLOURS.get(status, "#9e9e9e"),
        edge=width - 1,
        label=label,
    )


def count_bar(*, value: int, largest: int, label: str, width: int = 180) -> SafeString:
    filled = round(width * value / largest) if largest else 0
    return format_html(
        '<svg class="xs-bar" width="{w}" height="14" viewBox="0 0 {w} 14" role="img" aria-label="{label}">'
        "<title>{label}</title>"
        '<rect x="0" y="1" width="{f}" height="12" rx="2" fill="#1565c0"/>'
        "</svg>",
        w=width,
        f=filled,
        label=label,
    )


def months_chart(months: Sequence[tuple[dt.date, Month]], *, height: int = 200) -> SafeString:
    """Stacked bars per month: activities serving each task group (one activity may serve several)."""
    if not months:
        return mark_safe("")
    slot = max(8, min(28, 720 // len(months)))
    left, bottom, top = 34, 34, 10
    width = left + slot * len(months) + 10
    plot = height - bottom - top
    largest = max((sum(getattr(m, g) for g, _ in GROUP_COLOURS) for _, m in months), default=0) or 1
    step = _nice_step(largest)
    ceiling = step * -(-largest // step)
    parts: list[SafeString] = []
    for tick in range(0, ceiling + 1, step):
        y = top + plot - plot * tick / ceiling
        parts.append(
            format_html(
                '<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#e0e0e0"/>'
                '<text x="{}" y="{ty}" font-size="10" text-anchor="end" fill="#546e7a">{}</text>',
                left,
                width - 10,
                left - 4,
                tick,
                y=f"{y:.1f}",
                ty=f"{y + 3:.1f}",
            )
        )
    for index, (month, counts) in enumerate(months):
        x = left + index * slot + 1
        y = top + plot
        pieces = []
        for group, colour in GROUP_COLOURS:
            value = getattr(counts, group)
            if not value:
                continue
            h = plot * value / ceiling
            y -= h
            pieces.append((x, f"{y:.1f}", slot - 2, f"{h:.1f}", colour))
        words = (
            f"Tháng {month.month}/{month.year}: {counts.activities} hoạt động; nhóm 1: {counts.mass_media}, "
            f"nhóm 2: {counts.schools}, nhóm 3: {counts.enterprises}"
        )
        parts.append(
            format_html(
                "<g><title>{}</title>{}</g>",
                words,
                format_html_join("", '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>', pieces),
            )
        )
        if month.month in (1, 4, 7, 10) or index == 0:
            label = str(month.year) if month.month == 1 or index == 0 else f"T{month.month}"
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="10" fill="#37474f">{}</text>',
                    x,
                    top + plot + 14,
                    label,
                )
            )
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="10" fill="#37474f">{}</text>',
        [
            (left + i * 240, height - 12, colour, left + i * 240 + 14, height - 3, GROUP_LABELS[group])
            for i, (group, colour) in enumerate(GROUP_COLOURS)
        ],
    )
    return format_html(
        '<svg class="xs-chart" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'role="img" aria-label="{label}"><title>{label}</title>{body}{legend}</svg>',
        w=max(width, left + 3 * 240),
        h=height,
        label="Số hoạt động theo tháng, chia theo nhóm nhiệm vụ",
        body=mark_safe("".join(parts)),  # noqa: S308 - every part was built by format_html
        legend=legend,
    )


def _nice_step(largest: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if largest / step <= 5:
            return step
    return 10000
