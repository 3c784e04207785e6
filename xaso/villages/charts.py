"""The village chart, drawn on the server as inline SVG like the programme dashboard's charts:
nothing to download, readable on a slow line, its figures spelt out in <title> and in the
table under it."""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from xaso.villages.selectors import MonthRow

HELPED = "#90caf9"
ECOMMERCE = "#2e7d32"
CASHLESS = "#e65100"
LEGEND = (
    (HELPED, "Hộ được hỗ trợ trong tháng"),
    (ECOMMERCE, "Hộ bán hàng trên sàn"),
    (CASHLESS, "Hộ thanh toán không dùng tiền mặt"),
)


def nice_step(largest: int) -> int:
    for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
        if largest / step <= 5:
            return step
    return 10000


def _words(row: MonthRow) -> str:
    parts = [
        f"Tháng {row.month.month}/{row.month.year}: {row.visits} buổi hỗ trợ, {row.households_helped} hộ được hỗ trợ"
    ]
    if row.snapshot is not None:
        parts.append(f"{row.ecommerce} hộ bán hàng trên sàn, {row.cashless} hộ thanh toán không dùng tiền mặt")
    else:
        parts.append("chưa ghi số hộ")
    return "; ".join(parts)


def village_chart(months: Sequence[MonthRow], *, height: int = 220) -> SafeString:
    """Bars: households helped each month; lines: households selling online and paying without cash."""
    if not months:
        return mark_safe("")
    slot = max(10, min(36, 720 // len(months)))
    left, bottom, top = 34, 40, 10
    width = left + slot * len(months) + 10
    plot = height - bottom - top
    largest = max(
        [row.households_helped for row in months]
        + [row.ecommerce or 0 for row in months]
        + [row.cashless or 0 for row in months]
        + [1]
    )
    step = nice_step(largest)
    ceiling = step * -(-largest // step)

    def y(value: int) -> float:
        return top + plot - plot * value / ceiling

    parts: list[SafeString] = []
    for tick in range(0, ceiling + 1, step):
        parts.append(
            format_html(
                '<line x1="{}" y1="{y}" x2="{}" y2="{y}" stroke="#e0e0e0"/>'
                '<text x="{}" y="{ty}" font-size="10" text-anchor="end" fill="#546e7a">{}</text>',
                left,
                width - 10,
                left - 4,
                tick,
                y=f"{y(tick):.1f}",
                ty=f"{y(tick) + 3:.1f}",
            )
        )
    lines: dict[str, list[str]] = {ECOMMERCE: [], CASHLESS: []}
    for index, row in enumerate(months):
        x = left + index * slot
        centre = x + slot / 2
        bar = ""
        if row.households_helped:
            bar = format_html(
                '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
                x + 2,
                f"{y(row.households_helped):.1f}",
                slot - 4,
                f"{plot * row.households_helped / ceiling:.1f}",
                HELPED,
            )
        parts.append(format_html("<g><title>{}</title>{}</g>", _words(row), bar))
        if row.snapshot is not None:
            lines[ECOMMERCE].append(f"{centre:.1f},{y(row.ecommerce or 0):.1f}")
            lines[CASHLESS].append(f"{centre:.1f},{y(row.cashless or 0):.1f}")
        if row.month.month in (1, 4, 7, 10) or index == 0:
            label = str(row.month.year) if row.month.month == 1 or index == 0 else f"T{row.month.month}"
            parts.append(
                format_html('<text x="{}" y="{}" font-size="10" fill="#37474f">{}</text>', x, top + plot + 14, label)
            )
    for colour, points in lines.items():
        if len(points) > 1:
            parts.append(
                format_html(
                    '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5"/>', " ".join(points), colour
                )
            )
        parts.append(
            format_html_join("", '<circle cx="{}" cy="{}" r="3" fill="{}"/>', ((*p.split(","), colour) for p in points))
        )
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="10" height="10" fill="{}"/>'
        '<text x="{}" y="{}" font-size="10" fill="#37474f">{}</text>',
        [
            (left + i * 200, height - 12, colour, left + i * 200 + 14, height - 3, text)
            for i, (colour, text) in enumerate(LEGEND)
        ],
    )
    return format_html(
        '<svg class="xs-chart" viewBox="0 0 {w} {h}" width="100%" preserveAspectRatio="xMinYMin meet" '
        'role="img" aria-label="{label}"><title>{label}</title>{body}{legend}</svg>',
        w=max(width, left + 3 * 200),
        h=height,
        label="Số hộ được hỗ trợ, bán hàng trên sàn và thanh toán không dùng tiền mặt theo tháng",
        body=mark_safe("".join(parts)),  # noqa: S308 - every part was built by format_html
        legend=legend,
    )


def share_bar(*, share: int | None, label: str, colour: str = ECOMMERCE, width: int = 120) -> SafeString:
    """A small bar filled to `share`% (of the village's households)."""
    filled = round(width * max(0, min(share or 0, 100)) / 100)
    return format_html(
        '<svg class="xs-bar" width="{w}" height="12" viewBox="0 0 {w} 12" role="img" aria-label="{label}">'
        "<title>{label}</title>"
        '<rect x="0" y="1" width="{w}" height="10" rx="2" fill="#eceff1"/>'
        '<rect x="0" y="1" width="{f}" height="10" rx="2" fill="{c}"/></svg>',
        w=width,
        f=filled,
        c=colour,
        label=label,
    )
