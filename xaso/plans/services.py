"""Writes to plans: import of a plan document (create or update in place), export."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError

from xaso.indicators.templatetags.indicators import trong_cau
from xaso.plans.document import (
    DeadlineDoc,
    FundingDoc,
    FundingSourceDoc,
    LegalBasisDoc,
    MilestoneDoc,
    PlanBody,
    PlanDocument,
    PlanDocumentError,
    RecipientDoc,
    ReportingDoc,
    ResponsibilityDoc,
    SignerDoc,
    TargetDoc,
    TaskDoc,
    TaskGroupDoc,
    field_path,
    line_of,
)
from xaso.plans.models import (
    FundingSource,
    LegalBasis,
    Milestone,
    Plan,
    Purpose,
    Recipient,
    ReportingDeadline,
    Responsibility,
    Target,
    Task,
    TaskGroup,
    TaskUnit,
    TaskUnitRole,
)
from xaso.plans.selectors import plan_full
from xaso.units.models import OrgUnit, UnitKind
from xaso.units.selectors import UserLike, scope_for

ERR_UNKNOWN_UNIT = "không có đơn vị mã “{code}”"
ERR_NOT_COMMUNE = "đơn vị “{code}” không phải là một xã"
ERR_OUTSIDE_COMMUNE = "đơn vị “{code}” không thuộc xã của kế hoạch"
ERR_NO_RIGHT = "Bạn không có quyền nhập kế hoạch cho {commune}."
ERR_YEARS = "năm kết thúc không được trước năm bắt đầu"
ERR_PERIOD_OUTSIDE = "giai đoạn phải nằm trong thời gian của kế hoạch ({start}–{end})"
ERR_MILESTONE_YEAR = "năm của mốc phải nằm trong giai đoạn của chỉ tiêu ({period})"
ERR_DUPLICATE = "trùng “{value}” với một mục khác"
ERR_MILESTONE_VALUE = "chỉ tiêu định lượng cần ghi giá trị của mốc"
ERR_MILESTONE_DONE = "chỉ tiêu định tính chỉ ghi đạt hay chưa đạt, không ghi giá trị và đơn vị tính"
ERR_NO_LEAD = "nhiệm vụ cần ít nhất một đơn vị chủ trì"
ERR_PROTECTED = "{what} “{code}” đã có dữ liệu liên quan nên không xóa được; hãy giữ mục này trong tệp."


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    changes: list[str] = field(default_factory=list)


# -- export ------------------------------------------------------------------------------


def _code(unit: OrgUnit | None) -> str | None:
    return unit.code if unit else None


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def target_to_doc(target: Target) -> TargetDoc:
    return TargetDoc(
        code=target.code,
        period=target.period_key,
        text=target.text,
        indicator=target.indicator,
        milestones=[
            MilestoneDoc(
                year=m.year,
                comparison=m.comparison,
                value=m.value.normalize() if m.value is not None else None,
                unit=m.unit if m.comparison != "done" else None,
            )
            for m in sorted(target.milestones.all(), key=lambda m: m.year)
        ],
    )


def task_to_doc(task: Task) -> TaskDoc:
    return TaskDoc(
        code=task.code,
        text=task.text,
        lead=[link.unit.code for link in task.task_units.all() if link.role == TaskUnitRole.LEAD],
        coordinating=[link.unit.code for link in task.task_units.all() if link.role == TaskUnitRole.COORDINATING],
        recurrence=task.recurrence,
        deadline=task.deadline,
    )


def plan_to_document(*, plan: Plan) -> PlanDocument:
    plan = plan_full(plan_id=plan.pk)
    return PlanDocument(
        format="xaso.plan/1",
        plan=PlanBody(
            code=plan.code,
            document_type=plan.document_type,
            issuer=plan.issuer,
            issuer_header=plan.issuer_header_lines,
            commune=plan.commune.code,
            place=plan.place,
            issued_on=plan.issued_on,
            title=plan.title,
            start_year=plan.start_year,
            end_year=plan.end_year,
            signer=SignerDoc(authority=plan.signer_authority, title=plan.signer_title, name=plan.signer_name),
            legal_bases=[
                LegalBasisDoc(code=b.code, issued_on=b.issued_on, issuer=b.issuer, summary=b.summary)
                for b in plan.legal_bases.all()
            ],
            preamble=plan.preamble_paragraphs,
            purposes=[p.text for p in plan.purposes.all()],
            objectives_heading=plan.objectives_heading,
            general_objective=plan.general_objective,
            targets=[target_to_doc(t) for t in plan.targets.all()],
            task_groups=[
                TaskGroupDoc(
                    number=g.number,
                    key=g.key,
                    title=g.title,
                    tasks=[task_to_doc(t) for t in g.tasks.all()],
                )
                for g in plan.task_groups.all()
            ],
            funding=FundingDoc(
                text=plan.funding_text,
                sources=[FundingSourceDoc(kind=s.kind, text=s.text) for s in plan.funding_sources.all()],
            ),
            responsibilities=[
                ResponsibilityDoc(
                    number=index,
                    heading=r.heading,
                    unit_kind=r.unit_kind,
                    unit=_code(r.unit),
                    items=r.item_list,
                )
                for index, r in enumerate(plan.responsibilities.all(), start=1)
            ],
            reporting=ReportingDoc(
                text=plan.reporting_text,
                deadlines=[
                    DeadlineDoc(month=d.month, day=d.day, label=d.label) for d in plan.reporting_deadlines.all()
                ],
                ad_hoc=plan.reporting_ad_hoc,
                via_unit=_code(plan.reporting_via),
                recipient_unit=_code(plan.reporting_recipient),
            ),
            closing=plan.closing,
            recipients=[RecipientDoc(text=r.text, unit=_code(r.unit)) for r in plan.recipients.all()],
        ),
    )


# -- import ------------------------------------------------------------------------------


def _period(period: str) -> tuple[int, int]:
    start, _, end = period.partition("-")
    return int(start), int(end or start)


class _Checker:
    """Collects every semantic problem of a document, each with its line and field."""

    def __init__(self, lines: dict[tuple[Any, ...], int]):
        self.lines = lines
        self.problems: list[str] = []

    def add(self, loc: tuple[Any, ...], message: str) -> None:
        self.problems.append(f"Dòng {line_of(self.lines, loc)}, trường {field_path(loc)}: {message}.")

    def unique(self, items: list[Any], loc: tuple[Any, ...], key: str) -> None:
        seen: set[Any] = set()
        for index, item in enumerate(items):
            value = getattr(item, key)
            if value in seen:
                self.add((*loc, index, key), ERR_DUPLICATE.format(value=value))
            seen.add(value)


def _check(body: PlanBody, units: dict[str, OrgUnit], checker: _Checker) -> None:
    root = ("plan",)
    commune = units.get(body.commune)
    if commune is None:
        checker.add((*root, "commune"), ERR_UNKNOWN_UNIT.format(code=body.commune))
    elif commune.kind != UnitKind.COMMUNE:
        checker.add((*root, "commune"), ERR_NOT_COMMUNE.format(code=body.commune))

    def unit_ref(loc: tuple[Any, ...], code: str | None, *, in_commune: bool) -> None:
        if code is None:
            return
        unit = units.get(code)
        if unit is None:
            checker.add(loc, ERR_UNKNOWN_UNIT.format(code=code))
        elif in_commune and commune is not None and unit.commune_id != commune.pk:
            checker.add(loc, ERR_OUTSIDE_COMMUNE.format(code=code))

    if body.start_year > body.end_year:
        checker.add((*root, "end_year"), ERR_YEARS)
    checker.unique(body.targets, (*root, "targets"), "code")
    for t_index, target in enumerate(body.targets):
        loc = (*root, "targets", t_index)
        start, end = _period(target.period)
        if start > end:
            checker.add((*loc, "period"), ERR_YEARS)
        elif start < body.start_year or end > body.end_year:
            checker.add((*loc, "period"), ERR_PERIOD_OUTSIDE.format(start=body.start_year, end=body.end_year))
        checker.unique(target.milestones, (*loc, "milestones"), "year")
        for m_index, milestone in enumerate(target.milestones):
            m_loc = (*loc, "milestones", m_index)
            if not start <= milestone.year <= end:
                checker.add((*m_loc, "year"), ERR_MILESTONE_YEAR.format(period=target.period))
            if milestone.comparison == "done" and (milestone.value is not None or milestone.unit is not None):
                checker.add(m_loc, ERR_MILESTONE_DONE)
            if milestone.comparison != "done" and milestone.value is None:
                checker.add((*m_loc, "value"), ERR_MILESTONE_VALUE)
    checker.unique(body.task_groups, (*root, "task_groups"), "number")
    checker.unique(body.task_groups, (*root, "task_groups"), "key")
    seen_codes: set[str] = set()
    for g_index, group in enumerate(body.task_groups):
        for k_index, task in enumerate(group.tasks):
            task_loc: tuple[Any, ...] = (*root, "task_groups", g_index, "tasks", k_index)
            if task.code in seen_codes:
                checker.add((*task_loc, "code"), ERR_DUPLICATE.format(value=task.code))
            seen_codes.add(task.code)
            if not task.lead:
                checker.add((*task_loc, "lead"), ERR_NO_LEAD)
            for role in ("lead", "coordinating"):
                codes = getattr(task, role)
                for u_index, code in enumerate(codes):
                    unit_ref((*task_loc, role, u_index), code, in_commune=True)
                    if code in codes[:u_index] or (role == "coordinating" and code in task.lead):
                        checker.add((*task_loc, role, u_index), ERR_DUPLICATE.format(value=code))
    for r_index, responsibility in enumerate(body.responsibilities):
        unit_ref((*root, "responsibilities", r_index, "unit"), responsibility.unit, in_commune=True)
    unit_ref((*root, "reporting", "via_unit"), body.reporting.via_unit, in_commune=True)
    unit_ref((*root, "reporting", "recipient_unit"), body.reporting.recipient_unit, in_commune=False)
    for r_index, recipient in enumerate(body.recipients):
        unit_ref((*root, "recipients", r_index, "unit"), recipient.unit, in_commune=False)


def _referenced_codes(body: PlanBody) -> set[str]:
    codes = {body.commune}
    for group in body.task_groups:
        for task in group.tasks:
            codes.update(task.lead, task.coordinating)
    codes.update(r.unit for r in body.responsibilities if r.unit)
    codes.update(r.unit for r in body.recipients if r.unit)
    codes.update(c for c in (body.reporting.via_unit, body.reporting.recipient_unit) if c)
    return codes


@transaction.atomic
def plan_import(
    *, document: PlanDocument, user: UserLike, lines: dict[tuple[Any, ...], int] | None = None
) -> ImportResult:
    """Create the plan of the document, or update the commune's plan of the same number in
    place: targets, groups and tasks are matched by code so that what refers to them
    (activities, indicators) stays attached. Either everything is applied or nothing."""
    body = document.plan
    units = {u.code: u for u in OrgUnit.objects.filter(code__in=_referenced_codes(body))}
    checker = _Checker(lines or {})
    _check(body, units, checker)
    if checker.problems:
        raise PlanDocumentError(checker.problems)
    commune = units[body.commune]
    scope = scope_for(user=user)
    if not (scope.is_superuser or commune.pk in scope.owned_commune_ids):
        raise PlanDocumentError([ERR_NO_RIGHT.format(commune=trong_cau(commune))])

    plan = Plan.objects.filter(commune=commune, code=body.code).first()
    created = plan is None
    before = None if created else plan_to_document(plan=plan)
    plan = plan or Plan(commune=commune, code=body.code)
    result = ImportResult(plan=plan, created=created)
    try:
        _apply_plan(plan, body, units)
        if before is None or _plan_fields(before.plan) != _plan_fields(body):
            plan.save_revision(user=user, log_action=True)
            result.changes.append(str(plan))
        _apply_targets(plan, body, user, result, before)
        groups = _apply_groups(plan, body, user, result)
        _apply_tasks(plan, body, groups, units, user, result, before)
    except ValidationError as exc:
        raise PlanDocumentError([f"{k}: {', '.join(v)}" for k, v in exc.message_dict.items()]) from exc
    return result


_CHILD_FIELDS = ("targets", "task_groups")


def _plan_fields(body: PlanBody) -> dict[str, Any]:
    return body.model_dump(exclude=set(_CHILD_FIELDS))


def _apply_plan(plan: Plan, body: PlanBody, units: dict[str, OrgUnit]) -> None:
    plan.document_type = body.document_type
    plan.issuer = body.issuer
    plan.issuer_header = "\n".join(body.issuer_header)
    plan.place = body.place
    plan.issued_on = body.issued_on
    plan.title = body.title
    plan.start_year = body.start_year
    plan.end_year = body.end_year
    plan.signer_authority = body.signer.authority
    plan.signer_title = body.signer.title
    plan.signer_name = body.signer.name
    plan.preamble = "\n".join(body.preamble)
    plan.objectives_heading = body.objectives_heading
    plan.general_objective = body.general_objective
    plan.funding_text = body.funding.text
    plan.reporting_text = body.reporting.text
    plan.reporting_ad_hoc = body.reporting.ad_hoc
    plan.reporting_via = units.get(body.reporting.via_unit or "")
    plan.reporting_recipient = units.get(body.reporting.recipient_unit or "")
    plan.closing = body.closing
    plan.legal_bases = [
        LegalBasis(sort_order=i, code=b.code, issued_on=b.issued_on, issuer=b.issuer, summary=b.summary)
        for i, b in enumerate(body.legal_bases)
    ]
    plan.purposes = [Purpose(sort_order=i, text=text) for i, text in enumerate(body.purposes)]
    plan.funding_sources = [
        FundingSource(sort_order=i, kind=s.kind, text=s.text) for i, s in enumerate(body.funding.sources)
    ]
    plan.responsibilities = [
        Responsibility(
            sort_order=i,
            heading=r.heading,
            unit_kind=r.unit_kind,
            unit=units.get(r.unit or ""),
            items="\n".join(r.items),
        )
        for i, r in enumerate(body.responsibilities)
    ]
    plan.reporting_deadlines = [
        ReportingDeadline(sort_order=i, month=d.month, day=d.day, label=d.label)
        for i, d in enumerate(body.reporting.deadlines)
    ]
    plan.recipients = [
        Recipient(sort_order=i, text=r.text, unit=units.get(r.unit or "")) for i, r in enumerate(body.recipients)
    ]
    plan.full_clean()
    plan.save()


def _delete_missing(queryset: Any, keep: set[str], what: str, key: str = "code") -> None:
    for obj in queryset.exclude(**{f"{key}__in": keep}):
        try:
            obj.delete()
        except ProtectedError as exc:
            raise PlanDocumentError([ERR_PROTECTED.format(what=what, code=getattr(obj, key))]) from exc


def _apply_targets(
    plan: Plan, body: PlanBody, user: UserLike, result: ImportResult, before: PlanDocument | None
) -> None:
    old = {t.code: t for t in (before.plan.targets if before else [])}
    existing = {t.code: t for t in plan.targets.all()}
    _delete_missing(plan.targets.all(), {t.code for t in body.targets}, "Mục tiêu")
    for order, doc in enumerate(body.targets):
        target = existing.get(doc.code) or Target(plan=plan, code=doc.code)
        start, end = _period(doc.period)
        target.sort_order = order
        target.period_start, target.period_end = start, end
        target.text = doc.text
        target.indicator = doc.indicator
        target.milestones = [
            Milestone(sort_order=i, year=m.year, comparison=m.comparison, value=m.value, unit=m.unit or "")
            for i, m in enumerate(doc.milestones)
        ]
        target.full_clean()
        target.save()
        if old.get(doc.code) != doc or doc.code not in existing:
            target.save_revision(user=user, log_action=True)
            result.changes.append(str(target))


def _apply_groups(plan: Plan, body: PlanBody, user: UserLike, result: ImportResult) -> dict[int, TaskGroup]:
    existing = {g.number: g for g in plan.task_groups.all()}
    groups: dict[int, TaskGroup] = {}
    for doc in body.task_groups:
        group = existing.get(doc.number) or TaskGroup(plan=plan, number=doc.number)
        changed = group.pk is None or (group.key, group.title) != (doc.key, doc.title)
        group.key, group.title = doc.key, doc.title
        group.full_clean(validate_unique=False)
        groups[doc.number] = group
        if changed:
            group.save()
            group.save_revision(user=user, log_action=True)
            result.changes.append(str(group))
    return groups


def _apply_tasks(
    plan: Plan,
    body: PlanBody,
    groups: dict[int, TaskGroup],
    units: dict[str, OrgUnit],
    user: UserLike,
    result: ImportResult,
    before: PlanDocument | None,
) -> None:
    old = {t.code: t for g in (before.plan.task_groups if before else []) for t in g.tasks}
    old_group = {t.code: g.number for g in (before.plan.task_groups if before else []) for t in g.tasks}
    existing = {t.code: t for t in plan.tasks.all()}
    _delete_missing(plan.tasks.all(), {t.code for g in body.task_groups for t in g.tasks}, "Nhiệm vụ")
    for group_doc in body.task_groups:
        group = groups[group_doc.number]
        for order, doc in enumerate(group_doc.tasks):
            task = existing.get(doc.code) or Task(plan=plan, code=doc.code)
            task.group = group
            task.sort_order = order
            task.text = doc.text
            task.recurrence = doc.recurrence
            task.deadline = doc.deadline
            roles = [(code, TaskUnitRole.LEAD) for code in doc.lead]
            roles += [(code, TaskUnitRole.COORDINATING) for code in doc.coordinating]
            task.task_units = [
                TaskUnit(sort_order=i, unit=units[code], role=role) for i, (code, role) in enumerate(roles)
            ]
            task.full_clean()
            task.save()
            if old.get(doc.code) != doc or old_group.get(doc.code) != group_doc.number or doc.code not in existing:
                task.save_revision(user=user, log_action=True)
                result.changes.append(str(task))
    _delete_missing(plan.task_groups.all(), {str(g.number) for g in body.task_groups}, "Nhóm nhiệm vụ", key="number")
