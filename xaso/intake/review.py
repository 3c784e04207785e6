"""What the review screen shows: the document's lines (restored words marked) beside the draft's
items, each with the lines it came from and, when it deserves a second look, why — in Vietnamese."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from xaso.intake import draft as d
from xaso.intake.convert import target_codes, task_codes
from xaso.intake.models import PlanDraft
from xaso.plans.models import Comparison, FundingKind, IndicatorKey, Recurrence, ResponsibilityKind, TaskGroupKey
from xaso.units.models import OrgUnit
from xaso.vi.accents import WORD

FLAG_LABELS = {
    **d.FLAG_LABELS,
    "unit_guess": "đơn vị được khớp gần đúng hoặc theo loại, hãy kiểm tra",
}
# Marks that only say what was done, not that something may be wrong.
QUIET_FLAGS = frozenset({"edited"})
COMPARISON_SIGNS = {"at_least": "≥", "at_most": "≤", "equal": "=", "done": ""}


@dataclass
class Row:
    anchor: str
    label: str
    text: str
    lines: list[int]
    flags: list[str] = field(default_factory=list)
    edit_url: str = ""
    details: list[tuple[str, str]] = field(default_factory=list)

    @property
    def span(self) -> str:
        if not self.lines:
            return ""
        first, last = self.lines[0], self.lines[-1]
        return f"{first}" if first == last else f"{first}–{last}"

    @property
    def doubtful(self) -> bool:
        return any(flag not in QUIET_FLAGS for flag in self.flags)

    @property
    def reasons(self) -> list[str]:
        return [FLAG_LABELS.get(flag, flag) for flag in self.flags]


def edit_url(draft: PlanDraft, section: str, number: str = "") -> str:
    query = {"phan": section} | ({"so": number} if number else {})
    return reverse("intake_draft_edit", args=[draft.pk]) + "?" + urlencode(query)


def source_lines(draft: PlanDraft) -> list[tuple[int, SafeString, bool]]:
    """(number, line as HTML with restored words marked, has a doubtful word)."""
    restored_words = draft.restored_words or []
    result = []
    for number, line in enumerate(draft.lines, start=1):
        words = {
            int(index): (original, doubtful)
            for index, original, doubtful in (restored_words[number - 1] if number - 1 < len(restored_words) else [])
        }
        if not words:
            result.append((number, mark_safe(escape(line)), False))  # noqa: S308 - escaped just before
            continue
        pieces: list[str] = []
        last = 0
        for index, match in enumerate(WORD.finditer(line)):
            if index not in words:
                continue
            original, doubtful = words[index]
            pieces.append(escape(line[last : match.start()]))
            pieces.append(
                format_html(
                    '<mark class="restored{}" title="Văn bản gốc: {}">{}</mark>',
                    " doubtful" if doubtful else "",
                    original,
                    match.group(0),
                )
            )
            last = match.end()
        pieces.append(escape(line[last:]))
        result.append((number, mark_safe("".join(pieces)), any(doubtful for _, doubtful in words.values())))  # noqa: S308
    return result


def _milestones(target: d.Target) -> str:
    parts = []
    for m in target.milestones:
        if m.comparison == "done":
            parts.append(f"{m.year}: hoàn thành")
        else:
            value = f"{m.value:g}".replace(".", ",") if m.value is not None else "?"
            unit = m.unit if m.unit == "%" else f" {m.unit}" if m.unit else ""
            parts.append(f"{m.year}: {COMPARISON_SIGNS.get(m.comparison, '')} {value}{unit}".replace("  ", " "))
    return "; ".join(parts)


def _unit_flags(names: list[str], unit_map: dict[str, Any]) -> list[str]:
    flags = []
    entries = [unit_map.get(name) or {} for name in names]
    if any(not entry.get("units") for entry in entries):
        flags.append("unknown_unit")
    elif any(entry.get("how") in ("partial", "kind") and not entry.get("chosen") for entry in entries):
        flags.append("unit_guess")
    return flags


def _unit_names(names: list[str], unit_map: dict[str, Any], units: dict[str, OrgUnit]) -> str:
    shown = []
    for name in names:
        codes = (unit_map.get(name) or {}).get("units") or []
        found = ", ".join(units[c].name for c in codes if c in units)
        shown.append(f"{name} → {found}" if found and found != name else name if found else f"{name} (chưa khớp)")
    return "; ".join(shown)


def review_sections(draft: PlanDraft) -> dict[str, Any]:
    plan = d.Draft.from_json(draft.draft)
    unit_map = draft.unit_map or {}
    units = {u.code: u for u in OrgUnit.objects.filter(commune=draft.commune)}
    ident = plan.identity
    general = edit_url(draft, "chung")

    identity = [
        Row(
            "id-code",
            "Số, ký hiệu",
            ident.code or "—",
            ident.lines.get("code", []),
            ident.flags.get("code", []),
            general,
        ),
        Row("id-date", "Ngày ban hành", _date(ident.issued_on), ident.lines.get("issued_on", []), [], general),
        Row("id-issuer", "Cơ quan ban hành", ident.issuer or "—", ident.lines.get("issuer", []), [], general),
        Row("id-title", "Trích yếu", ident.title or "—", ident.lines.get("title", []), [], general),
        Row(
            "id-signer",
            "Người ký",
            " ".join(p for p in (ident.signer_authority, ident.signer_title, ident.signer_name) if p) or "—",
            ident.lines.get("signer", []),
            ident.flags.get("signer", []),
            general,
        ),
        Row("id-years", "Giai đoạn", f"{plan.start_year}–{plan.end_year}", [], [], general),
    ]
    bases = [
        Row(
            f"cc-{n}",
            f"Căn cứ {n}",
            f"{b.kind} {b.code} ngày {_date(b.issued_on)} của {b.issuer}: {b.summary}",
            b.lines,
            b.flags,
            edit_url(draft, "can-cu"),
        )
        for n, b in enumerate(plan.legal_bases, 1)
    ]
    purposes = [
        Row(f"md-{n}", f"{n}.", p.text, p.lines, p.flags, edit_url(draft, "muc-dich"))
        for n, p in enumerate(plan.purposes, 1)
    ]
    paragraphs = []
    for anchor, label, item in (
        ("mt-chung", "Mục tiêu chung", plan.general_objective),
        ("kinh-phi", "Kinh phí", plan.funding),
        ("bao-cao", "Chế độ báo cáo", plan.reporting),
    ):
        paragraphs.append(
            Row(
                anchor,
                label,
                item.text if item else "— chưa có —",
                item.lines if item else [],
                item.flags if item else ["inferred"],
                general,
            )
        )
    sources = ", ".join(FundingKind(s.text).label for s in plan.funding_sources if s.text in FundingKind.values)
    paragraphs.append(Row("nguon", "Nguồn kinh phí", sources or "— chưa có —", [], [], general))

    targets = []
    for n, (target, code) in enumerate(zip(plan.targets, target_codes(plan), strict=True), 1):
        indicator = IndicatorKey(target.indicator).label if target.indicator in IndicatorKey.values else "— chưa chọn —"
        details = [("Giai đoạn", target.period or "—"), ("Mốc", _milestones(target) or "—"), ("Chỉ số đo", indicator)]
        if target.tiers:
            details.append(("Các mức theo cấp", "; ".join(target.tiers)))
        targets.append(
            Row(
                f"muc-tieu-{n}",
                f"{n}. {code}",
                target.text,
                target.lines,
                target.flags,
                edit_url(draft, "muc-tieu", str(n)),
                details,
            )
        )

    groups = []
    for g, (group, codes) in enumerate(zip(plan.task_groups, task_codes(plan), strict=True), 1):
        key = TaskGroupKey(group.key).label if group.key in TaskGroupKey.values else "— chưa chọn loại —"
        head = Row(
            f"nhom-{g}",
            f"Nhóm {g}",
            group.text,
            group.lines,
            group.flags,
            edit_url(draft, "nhom"),
            [("Loại nhóm", key)],
        )
        tasks = []
        for k, (task, code) in enumerate(zip(group.tasks, codes, strict=True), 1):
            flags = task.flags + _unit_flags(task.lead + task.coordinating, unit_map)
            details = [
                ("Chủ trì", _unit_names(task.lead, unit_map, units) or "— chưa có —"),
                ("Phối hợp", _unit_names(task.coordinating, unit_map, units) or "—"),
                (
                    "Tần suất",
                    Recurrence(task.recurrence).label if task.recurrence in Recurrence.values else task.recurrence,
                ),
            ]
            if task.deadline:
                details.append(("Thời hạn", task.deadline))
            if task.output:
                details.append(("Sản phẩm", task.output))
            tasks.append(
                Row(f"nv-{g}-{k}", code, task.text, task.lines, flags, edit_url(draft, "nhiem-vu", f"{g}.{k}"), details)
            )
        groups.append((head, tasks))

    responsibilities = [
        Row(
            f"tc-{n}",
            r.heading,
            "; ".join(r.items),
            r.lines,
            r.flags,
            edit_url(draft, "to-chuc"),
            [
                (
                    "Là",
                    ResponsibilityKind(r.unit_kind).label if r.unit_kind in ResponsibilityKind.values else r.unit_kind,
                )
            ],
        )
        for n, r in enumerate(plan.responsibilities, 1)
    ]
    deadlines = [f"Trước ngày {x.day:02d}/{x.month:02d}: {x.label}" for x in plan.deadlines]
    if plan.reporting_ad_hoc:
        deadlines.append("Đột xuất khi có yêu cầu")
    recipients = [
        Row(f"nn-{n}", f"{n}.", r.text, r.lines, r.flags, edit_url(draft, "noi-nhan"))
        for n, r in enumerate(plan.recipients, 1)
    ]
    ignored = [Row(f"bo-qua-{n}", "Phần bỏ qua", i.text[:300], i.lines) for n, i in enumerate(plan.ignored, 1)]
    unit_rows: list[Row] = []
    for name, entry in unit_map.items():
        codes = entry.get("units") or []
        how = entry.get("how", "")
        flags = (
            []
            if entry.get("chosen")
            else (["unknown_unit"] if not codes else ["unit_guess"] if how in ("partial", "kind") else [])
        )
        unit_rows.append(
            Row(
                f"dv-{len(unit_rows) + 1}",
                name,
                ", ".join(units[c].name for c in codes if c in units) or "— chưa khớp —",
                [],
                flags,
                reverse("intake_draft_units", args=[draft.pk]),
            )
        )
    every = identity + bases + purposes + paragraphs + targets + [r for head, ts in groups for r in (head, *ts)]
    every += responsibilities + recipients
    return {
        "identity": identity,
        "bases": bases,
        "purposes": purposes,
        "paragraphs": paragraphs,
        "targets": targets,
        "groups": groups,
        "responsibilities": responsibilities,
        "deadlines": deadlines,
        "recipients": recipients,
        "ignored": ignored,
        "unit_rows": unit_rows,
        "doubtful_count": sum(1 for row in every if row.doubtful) + sum(1 for row in unit_rows if row.doubtful),
        "counts": {"targets": len(plan.targets), "tasks": len(plan.tasks), "groups": len(plan.task_groups)},
        "add_target_url": edit_url(draft, "muc-tieu", "moi"),
        "add_task_url": edit_url(draft, "nhiem-vu", "moi"),
    }


def _date(iso: str) -> str:
    if len(iso) == 10 and iso[4] == "-":
        return f"{iso[8:]}/{iso[5:7]}/{iso[:4]}"
    return iso or "—"


__all__ = ["Comparison", "Row", "review_sections", "source_lines"]
