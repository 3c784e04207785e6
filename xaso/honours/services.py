"""The life of a commendation proposal, each step checked against who is asking.

- a unit's reporter (or the Culture–Social office) drafts and submits for the unit;
- the Culture–Social office (programme owner) takes a submitted proposal under review, or rejects it;
- a leader of the commune decides (decision number and date) or rejects with a reason.

A decision is recorded once as a "commendation" activity of the commune, keyed by the
decision number, so the honour indicator counts each decision (ceremony) once however many
people it commends.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from xaso.activities.models import ActivityKind, Audience
from xaso.activities.services import activity_record
from xaso.honours.models import Proposal, ProposalEvent, ProposalStatus
from xaso.plans.models import Task
from xaso.units.selectors import scope_for
from xaso.vi.dates import date_numeric
from xaso.vi.text import fold

ERR_NOT_DRAFT = "Đề nghị đã gửi đi thì không sửa được nữa."
ERR_NOT_WRITER = "Bạn không đề nghị khen thưởng cho đơn vị này được."
ERR_NOT_REVIEWER = "Chỉ Phòng Văn hóa - Xã hội của xã mới thẩm định đề nghị khen thưởng."
ERR_NOT_DECIDER = "Chỉ lãnh đạo Ủy ban nhân dân xã mới được quyết định khen thưởng."
ERR_WRONG_STATE = "Đề nghị đang ở trạng thái “{state}”, không thể {action}."
ERR_DECISION_NUMBER = "Hãy nhập số quyết định khen thưởng."
ERR_DECISION_DATE = "Hãy nhập ngày quyết định."
ERR_DECISION_FUTURE = "Ngày quyết định {date} chưa tới."
ERR_REASON = "Hãy ghi lý do không khen thưởng để đơn vị biết."
ERR_NO_COMMUNE = "Đơn vị “{unit}” không thuộc xã nào."
ERR_NO_EVIDENCE = "Hãy đính kèm ít nhất một tệp minh chứng thành tích trước khi gửi."

HONOUR_WORDS = ("khen thuong", "ton vinh")


def _move(proposal: Proposal, *, to: ProposalStatus, user: Any, note: str = "") -> Proposal:
    event = ProposalEvent(proposal=proposal, from_status=proposal.status, to_status=to, actor=user, note=note)
    proposal.status = to
    proposal.full_clean()
    proposal.save()
    event.save()
    return proposal


def _locked(proposal: Proposal) -> Proposal:
    # Two people acting on one proposal at once: the second sees the state the first left.
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _expect(proposal: Proposal, states: tuple[ProposalStatus, ...], action: str) -> None:
    if proposal.status not in states:
        label = ProposalStatus(proposal.status).label
        raise ValidationError(ERR_WRONG_STATE.format(state=label, action=action))


@transaction.atomic
def proposal_save(*, proposal: Proposal, user: Any) -> Proposal:
    """Save a draft built by the back-office form (with its in-memory evidence)."""
    if proposal.pk and Proposal.objects.filter(pk=proposal.pk).exclude(status=ProposalStatus.DRAFT).exists():
        raise ValidationError(ERR_NOT_DRAFT)
    if not scope_for(user=user).can_write_unit(proposal.unit):
        raise PermissionDenied(ERR_NOT_WRITER)
    if proposal.unit.commune_id is None:
        raise ValidationError({"unit": ERR_NO_COMMUNE.format(unit=proposal.unit)})
    proposal.commune_id = proposal.unit.commune_id
    if proposal.pk is None and getattr(user, "is_authenticated", False):
        proposal.created_by = user
    proposal.full_clean()
    for item in proposal.evidence.all():
        item.full_clean(exclude=["proposal"])
    proposal.save()
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: Proposal, user: Any) -> Proposal:
    proposal = _locked(proposal)
    if not scope_for(user=user).can_write_unit(proposal.unit):
        raise PermissionDenied(ERR_NOT_WRITER)
    _expect(proposal, (ProposalStatus.DRAFT,), "gửi")
    if not proposal.evidence.exists():
        raise ValidationError(ERR_NO_EVIDENCE)
    return _move(proposal, to=ProposalStatus.SUBMITTED, user=user)


def _is_reviewer(user: Any, proposal: Proposal) -> bool:
    scope = scope_for(user=user)
    return scope.is_superuser or proposal.commune_id in scope.owned_commune_ids


def _is_decider(user: Any, proposal: Proposal) -> bool:
    scope = scope_for(user=user)
    return scope.is_superuser or proposal.commune_id in scope.led_commune_ids


@transaction.atomic
def proposal_review(*, proposal: Proposal, user: Any, note: str = "") -> Proposal:
    proposal = _locked(proposal)
    if not _is_reviewer(user, proposal):
        raise PermissionDenied(ERR_NOT_REVIEWER)
    _expect(proposal, (ProposalStatus.SUBMITTED,), "thẩm định")
    return _move(proposal, to=ProposalStatus.UNDER_REVIEW, user=user, note=note.strip())


@transaction.atomic
def proposal_reject(*, proposal: Proposal, user: Any, reason: str) -> Proposal:
    proposal = _locked(proposal)
    reviewer, decider = _is_reviewer(user, proposal), _is_decider(user, proposal)
    if not (reviewer or decider):
        raise PermissionDenied(ERR_NOT_DECIDER)
    states = (ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW) if reviewer else (ProposalStatus.UNDER_REVIEW,)
    _expect(proposal, states, "từ chối")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": ERR_REASON})
    proposal.reject_reason = reason
    return _move(proposal, to=ProposalStatus.REJECTED, user=user, note=reason)


def decision_source(*, commune_id: int, number: str) -> str:
    return f"honours.decision:{commune_id}:{fold(number).replace(' ', '')}"


def _honour_tasks(commune_id: int) -> list[Task]:
    tasks = Task.objects.filter(plan__commune_id=commune_id, plan__is_active=True)
    return [task for task in tasks if any(word in fold(task.text) for word in HONOUR_WORDS)]


@transaction.atomic
def proposal_decide(*, proposal: Proposal, user: Any, number: str, date: dt.date | None) -> Proposal:
    proposal = _locked(proposal)
    if not _is_decider(user, proposal):
        raise PermissionDenied(ERR_NOT_DECIDER)
    _expect(proposal, (ProposalStatus.UNDER_REVIEW,), "quyết định")
    number = " ".join((number or "").split())
    problems = {}
    if not number:
        problems["number"] = ERR_DECISION_NUMBER
    if date is None:
        problems["date"] = ERR_DECISION_DATE
    elif date > timezone.localdate():
        problems["date"] = ERR_DECISION_FUTURE.format(date=date_numeric(date))
    if problems:
        raise ValidationError(problems)
    assert date is not None
    proposal.decision_number, proposal.decision_date = number, date
    _move(proposal, to=ProposalStatus.DECIDED, user=user, note=f"Quyết định số {number} ngày {date_numeric(date)}")
    _record_decision(proposal=proposal, user=user)
    return proposal


def _record_decision(*, proposal: Proposal, user: Any) -> None:
    """One activity per decision (a ceremony or decision commends everyone it lists at once)."""
    commended = Proposal.objects.filter(
        commune_id=proposal.commune_id, status=ProposalStatus.DECIDED, decision_number=proposal.decision_number
    )
    count = commended.count()
    assert proposal.decision_date is not None
    try:
        activity_record(
            unit=proposal.commune,
            kind=ActivityKind.COMMENDATION,
            title=f"Khen thưởng theo Quyết định số {proposal.decision_number} ngày "
            f"{date_numeric(proposal.decision_date)}: {count} tập thể, cá nhân",
            description="; ".join(f"{p.nominee} ({p.unit.name})" for p in commended.select_related("unit")),
            date_start=proposal.decision_date,
            tasks=_honour_tasks(proposal.commune_id),
            audience=Audience.OFFICIALS,
            participants=count,
            source=decision_source(commune_id=proposal.commune_id, number=proposal.decision_number),
            user=user,
        )
    except ValidationError as error:
        # The activity's date rules (inside the programme's years) speak for the decision date.
        messages = error.message_dict if hasattr(error, "error_dict") else {"date": error.messages}
        raise ValidationError({"date": [m for ms in messages.values() for m in ms]}) from error
