"""A checked draft becomes the plans app's document (xaso/plans/document.py), the same one the
YAML import reads, so that a confirmed draft goes through `plan_import` like a file would.

`draft_document` returns the document, the source line of each of its fields (plan_import names
them in its messages, so "Dòng 57" points at the document's own line 57 on the review screen),
and every problem that stops it, in Vietnamese, each saying what to fix and where.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from xaso.intake import draft as d
from xaso.intake.structure import parse_date
from xaso.plans.document import PlanDocument, field_path
from xaso.plans.document import _message as schema_message
from xaso.plans.models import IndicatorKey, ResponsibilityKind, TaskGroupKey
from xaso.units.models import OrgUnit

ERR_NO_NUMBER = "Thông tin chung: văn bản chưa ghi số, ký hiệu (“{code}”); hãy ghi số của kế hoạch, ví dụ 12/KH-UBND."
ERR_NO_DATE = "Thông tin chung: chưa có ngày ban hành; hãy ghi ngày ký văn bản."
ERR_IDENTITY_FIELD = "Thông tin chung: chưa có {label}."
ERR_YEARS = "Thông tin chung: giai đoạn của kế hoạch chưa đúng (từ năm {start} đến năm {end})."
ERR_NO_GENERAL = "Mục tiêu chung: chưa có; hãy chép đoạn mục tiêu chung của kế hoạch."
ERR_NO_FUNDING = "Kinh phí: chưa có nội dung kinh phí; hãy chép đoạn nói về kinh phí."
ERR_NO_REPORTING = "Chế độ báo cáo: chưa có; hãy chép đoạn nói về chế độ báo cáo."
ERR_BASIS_DATE = "Căn cứ {n} ({code}): chưa có ngày ban hành; hãy ghi ngày hoặc bỏ căn cứ này."
ERR_BASIS_FIELD = "Căn cứ {n} ({code}): chưa có {label}."
ERR_NO_TARGETS = "Mục tiêu cụ thể: chưa có mục tiêu nào; kế hoạch cần ít nhất một chỉ tiêu."
ERR_TARGET_INDICATOR = (
    "Mục tiêu {n} (dòng {line}): chưa chọn chỉ số đo. Xã số đo được chín loại chỉ tiêu của Kế hoạch 1169; "
    "hãy chọn loại phù hợp, hoặc bỏ mục tiêu này nếu Xã số chưa đo được nó."
)
ERR_TARGET_YEAR = "Mục tiêu {n} (dòng {line}): chưa có năm hoặc giai đoạn; hãy ghi năm phải đạt."
ERR_TARGET_MILESTONES = "Mục tiêu {n} (dòng {line}): chưa có mốc nào (năm, giá trị); hãy thêm mốc."
ERR_TARGET_VALUE = "Mục tiêu {n} (dòng {line}), mốc năm {year}: chỉ tiêu định lượng cần giá trị."
ERR_NO_TASKS = "Nhiệm vụ: chưa có nhiệm vụ nào; kế hoạch cần ít nhất một nhiệm vụ."
ERR_GROUP_KEY = "Nhóm nhiệm vụ {n} (dòng {line}): chưa chọn loại nhóm."
ERR_GROUP_KEY_TWICE = (
    "Nhóm nhiệm vụ {a} và {b} cùng loại “{label}”. Xã số theo dõi ba nhóm (truyền thông đại chúng, trường học, "
    "doanh nghiệp), mỗi loại một nhóm: hãy chọn loại khác cho một nhóm hoặc chuyển nhiệm vụ sang nhóm kia."
)
ERR_NO_LEAD = "Nhiệm vụ {code} (dòng {line}): chưa có đơn vị chủ trì; hãy ghi đơn vị chủ trì."
ERR_UNIT_UNMATCHED = (
    "Nhiệm vụ {code} (dòng {line}): đơn vị “{name}” chưa khớp với đơn vị nào của xã. Hãy chọn đơn vị ở phần "
    "“Đơn vị trong kế hoạch”, tạo đơn vị mới, hoặc nhập danh sách đơn vị của xã trước."
)
ERR_SCHEMA = "{where}: {message}."

TARGET_LABEL = "Mục tiêu {n}"
TASK_LABEL = "Nhiệm vụ {code}"


@dataclass
class Conversion:
    document: PlanDocument | None
    lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def target_codes(draft: d.Draft) -> list[str]:
    counts: dict[str, int] = {}
    codes = []
    for target in draft.targets:
        counts[target.period] = counts.get(target.period, 0) + 1
        codes.append(f"MT-{target.period or 'x'}-{counts[target.period]}")
    return codes


def task_codes(draft: d.Draft) -> list[list[str]]:
    return [[f"NV-{g}.{k}" for k in range(1, len(group.tasks) + 1)] for g, group in enumerate(draft.task_groups, 1)]


def deadline_iso(text: str) -> str:
    """A task's deadline as written ("30/6/2026", "ngày 30 tháng 6 năm 2026") or ISO; "" when none."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        return text.strip()
    return parse_date(text) if text else ""


def _line(item: d.Item | None) -> int:
    return item.lines[0] if item and item.lines else 1


def _decimal(value: float | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(str(value)).normalize()
    except InvalidOperation:
        return None


def _unit_codes(names: list[str], unit_map: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(codes, names that match no unit) in the order written, without repeats."""
    codes: list[str] = []
    missing: list[str] = []
    for name in names:
        found = (unit_map.get(name) or {}).get("units") or []
        if not found:
            missing.append(name)
        for code in found:
            if code not in codes:
                codes.append(code)
    return codes, missing


def draft_document(*, draft: d.Draft, commune: OrgUnit, unit_map: dict[str, Any]) -> Conversion:
    problems: list[str] = []
    lines: dict[tuple[Any, ...], int] = {}
    ident = draft.identity
    root = ("plan",)

    number = ident.code.split("/", 1)[0]
    if not number.strip() or "/" not in ident.code:
        problems.append(ERR_NO_NUMBER.format(code=ident.code or "trống"))
    if not ident.issued_on:
        problems.append(ERR_NO_DATE)
    for key, label in (("issuer", "cơ quan ban hành"), ("place", "địa danh"), ("title", "trích yếu")):
        if not getattr(ident, key).strip():
            problems.append(ERR_IDENTITY_FIELD.format(label=label))
    if not draft.start_year or not draft.end_year or draft.start_year > draft.end_year:
        problems.append(ERR_YEARS.format(start=draft.start_year or "?", end=draft.end_year or "?"))
    for key, span in ident.lines.items():
        lines[(*root, key)] = span[0]
    if draft.general_objective is None or not draft.general_objective.text.strip():
        problems.append(ERR_NO_GENERAL)
    if draft.funding is None or not draft.funding.text.strip():
        problems.append(ERR_NO_FUNDING)
    if draft.reporting is None or not draft.reporting.text.strip():
        problems.append(ERR_NO_REPORTING)

    bases = []
    for n, basis in enumerate(draft.legal_bases, 1):
        lines[(*root, "legal_bases", n - 1)] = _line(basis)
        if not basis.issued_on:
            problems.append(ERR_BASIS_DATE.format(n=n, code=basis.code or basis.text))
        for key, label in (("code", "số, ký hiệu"), ("issuer", "cơ quan ban hành"), ("summary", "trích yếu")):
            if not getattr(basis, key).strip():
                problems.append(ERR_BASIS_FIELD.format(n=n, code=basis.code or basis.text, label=label))
        bases.append(
            {"code": basis.code, "issued_on": basis.issued_on, "issuer": basis.issuer, "summary": basis.summary}
        )

    targets = []
    if not draft.targets:
        problems.append(ERR_NO_TARGETS)
    for n, (target, code) in enumerate(zip(draft.targets, target_codes(draft), strict=True), 1):
        line = _line(target)
        lines[(*root, "targets", n - 1)] = line
        if target.indicator not in IndicatorKey.values:
            problems.append(ERR_TARGET_INDICATOR.format(n=n, line=line))
        if not target.period:
            problems.append(ERR_TARGET_YEAR.format(n=n, line=line))
        if not target.milestones:
            problems.append(ERR_TARGET_MILESTONES.format(n=n, line=line))
        milestones = []
        for milestone in target.milestones:
            done = milestone.comparison == "done"
            if not done and milestone.value is None:
                problems.append(ERR_TARGET_VALUE.format(n=n, line=line, year=milestone.year))
            milestones.append(
                {
                    "year": milestone.year,
                    "comparison": milestone.comparison,
                    "value": None if done else _decimal(milestone.value),
                    "unit": None if done else (milestone.unit or None),
                }
            )
        targets.append(
            {
                "code": code,
                "period": target.period,
                "text": target.text,
                "indicator": target.indicator,
                "milestones": milestones,
            }
        )

    groups = []
    seen_keys: dict[str, int] = {}
    if not draft.tasks:
        problems.append(ERR_NO_TASKS)
    for g, (group, codes) in enumerate(zip(draft.task_groups, task_codes(draft), strict=True), 1):
        lines[(*root, "task_groups", g - 1)] = _line(group)
        if group.key not in TaskGroupKey.values:
            problems.append(ERR_GROUP_KEY.format(n=g, line=_line(group)))
        elif group.key in seen_keys:
            label = TaskGroupKey(group.key).label
            problems.append(ERR_GROUP_KEY_TWICE.format(a=seen_keys[group.key], b=g, label=label))
        else:
            seen_keys[group.key] = g
        tasks = []
        for k, (task, code) in enumerate(zip(group.tasks, codes, strict=True)):
            line = _line(task)
            lines[(*root, "task_groups", g - 1, "tasks", k)] = line
            lead, missing = _unit_codes(task.lead, unit_map)
            coordinating, missing_too = _unit_codes(task.coordinating, unit_map)
            coordinating = [c for c in coordinating if c not in lead]
            for name in missing + missing_too:
                problems.append(ERR_UNIT_UNMATCHED.format(code=code, line=line, name=name))
            if not task.lead:
                problems.append(ERR_NO_LEAD.format(code=code, line=line))
            deadline = deadline_iso(task.deadline)
            tasks.append(
                {
                    "code": code,
                    "text": task.text,
                    "lead": lead,
                    "coordinating": coordinating,
                    "recurrence": task.recurrence,
                    "deadline": deadline or None,
                }
            )
        groups.append({"number": g, "key": group.key, "title": group.text, "tasks": tasks})

    responsibilities = []
    for n, resp in enumerate(draft.responsibilities, 1):
        lines[(*root, "responsibilities", n - 1)] = _line(resp)
        codes, _ = _unit_codes([resp.heading], unit_map)
        kind = resp.unit_kind if resp.unit_kind in ResponsibilityKind.values else "office"
        responsibilities.append(
            {
                "number": n,
                "heading": resp.heading,
                "unit_kind": kind,
                "unit": codes[0] if kind == "office" and len(codes) == 1 else None,
                "items": [item for item in resp.items if item.strip()],
            }
        )
    via = next((r["unit"] for r in responsibilities if r["unit"]), None)

    if problems:
        return Conversion(None, lines, problems)
    data = {
        "format": "xaso.plan/1",
        "plan": {
            "code": ident.code,
            "document_type": ident.document_type or "KẾ HOẠCH",
            "issuer": ident.issuer,
            "issuer_header": [line for line in ident.issuer_header if line.strip()],
            "commune": commune.code,
            "place": ident.place,
            "issued_on": ident.issued_on,
            "title": ident.title,
            "start_year": draft.start_year,
            "end_year": draft.end_year,
            "signer": {
                "authority": ident.signer_authority,
                "title": ident.signer_title,
                "name": ident.signer_name,
            },
            "legal_bases": bases,
            "preamble": [p.text for p in draft.preamble if p.text.strip()],
            "purposes": [p.text for p in draft.purposes if p.text.strip()],
            "objectives_heading": draft.objectives_heading or "MỤC TIÊU",
            "general_objective": draft.general_objective.text if draft.general_objective else "",
            "targets": targets,
            "task_groups": groups,
            "funding": {
                "text": draft.funding.text if draft.funding else "",
                "sources": [{"kind": s.text, "text": _funding_label(s.text)} for s in draft.funding_sources],
            },
            "responsibilities": responsibilities,
            "reporting": {
                "text": draft.reporting.text if draft.reporting else "",
                "deadlines": [{"month": x.month, "day": x.day, "label": x.label} for x in draft.deadlines],
                "ad_hoc": draft.reporting_ad_hoc,
                "via_unit": via,
                "recipient_unit": None,
            },
            "closing": draft.closing,
            "recipients": [{"text": r.text, "unit": None} for r in draft.recipients if r.text.strip()],
        },
    }
    try:
        document = PlanDocument.model_validate(_dates(data))
    except ValidationError as exc:
        for error in exc.errors():
            loc = tuple(error["loc"])
            problems.append(ERR_SCHEMA.format(where=describe(loc, draft), message=schema_message(error)))
        return Conversion(None, lines, problems)
    return Conversion(document, lines, [])


def _funding_label(kind: str) -> str:
    from xaso.plans.models import FundingKind

    return FundingKind(kind).label if kind in FundingKind.values else kind


def _dates(data: Any) -> Any:
    """Dates as the schema reads them (ISO strings, or real dates)."""
    if isinstance(data, dict):
        return {key: _dates(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_dates(value) for value in data]
    if isinstance(data, dt.date):
        return data.isoformat()
    return data


def describe(loc: tuple[Any, ...], draft: d.Draft) -> str:
    """A schema location in the words of the review screen: "Mục tiêu 3, trường text"."""
    parts = list(loc[1:]) if loc and loc[0] == "plan" else list(loc)
    if len(parts) >= 2 and parts[0] == "targets" and isinstance(parts[1], int):
        rest = field_path(tuple(parts[2:]))
        return TARGET_LABEL.format(n=parts[1] + 1) + (f", trường {rest}" if rest else "")
    if len(parts) >= 4 and parts[0] == "task_groups" and parts[2] == "tasks":
        code = f"NV-{parts[1] + 1}.{parts[3] + 1}"
        rest = field_path(tuple(parts[4:]))
        return TASK_LABEL.format(code=code) + (f", trường {rest}" if rest else "")
    return "Trường " + field_path(tuple(parts))
