"""A proposal from draft to decision or rejection: who may do each step, what is recorded."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from xaso.activities.models import Activity, ActivityKind
from xaso.honours.models import Proposal, ProposalEvidence, ProposalStatus
from xaso.honours.selectors import honour_roll
from xaso.honours.services import (
    ERR_DECISION_FUTURE,
    ERR_NO_EVIDENCE,
    ERR_NOT_DECIDER,
    ERR_NOT_DRAFT,
    ERR_NOT_REVIEWER,
    ERR_NOT_WRITER,
    ERR_REASON,
    ERR_WRONG_STATE,
    proposal_decide,
    proposal_reject,
    proposal_review,
    proposal_save,
    proposal_submit,
)
from xaso.testing.clock import pinned

# Dates, deadlines and schedules are read on a pinned clock, never at the hour the suite runs.
pytestmark = pinned

DAY = dt.date(2026, 3, 10)


@pytest.fixture
def reviewed(demo, draft):
    proposal_submit(proposal=draft, user=demo.mai)
    return proposal_review(proposal=draft, user=demo.lan, note="Đủ hồ sơ.")


def test_the_whole_way_records_each_step_and_one_commendation_activity(demo, reviewed):
    decided = proposal_decide(proposal=reviewed, user=demo.hung, number="12/QĐ-UBND", date=DAY)
    assert decided.status == ProposalStatus.DECIDED
    steps = [(e.from_status, e.to_status, e.actor.username) for e in decided.events.all()]
    assert steps == [
        ("draft", "submitted", "thcs.mai"),
        ("submitted", "under_review", "vhxh.lan"),
        ("under_review", "decided", "pct.hung"),
    ]
    activity = Activity.objects.get(kind=ActivityKind.COMMENDATION)
    assert activity.date_start == DAY
    assert activity.participants == 1
    assert "12/QĐ-UBND" in activity.title
    assert list(honour_roll(commune_id=decided.commune_id)) == [decided]


def test_two_proposals_in_one_decision_count_as_one_activity(demo, reviewed, school):
    other = Proposal.objects.get(pk=reviewed.pk)
    other.pk = None
    other.nominee, other.status = "Tổ Tin học", ProposalStatus.DRAFT
    other.save()
    ProposalEvidence.objects.create(proposal=other, file=reviewed.evidence.first().file.name)
    proposal_submit(proposal=other, user=demo.mai)
    proposal_review(proposal=other, user=demo.lan)
    proposal_decide(proposal=reviewed, user=demo.hung, number="12/QĐ-UBND", date=DAY)
    proposal_decide(proposal=other, user=demo.hung, number="12/QĐ-UBND", date=DAY)
    activity = Activity.objects.get(kind=ActivityKind.COMMENDATION)
    assert activity.participants == 2


@pytest.mark.parametrize("persona", ["lan", "mai", "quang", "thu", "outsider"])
def test_only_a_leader_of_the_commune_decides(demo, reviewed, persona):
    with pytest.raises(PermissionDenied) as error:
        proposal_decide(proposal=reviewed, user=getattr(demo, persona), number="12/QĐ-UBND", date=DAY)
    assert str(error.value) == ERR_NOT_DECIDER
    reviewed.refresh_from_db()
    assert reviewed.status == ProposalStatus.UNDER_REVIEW
    assert not Activity.objects.filter(kind=ActivityKind.COMMENDATION).exists()


@pytest.mark.parametrize("persona", ["hung", "mai", "thu"])
def test_only_the_culture_social_office_reviews(demo, draft, persona):
    proposal_submit(proposal=draft, user=demo.mai)
    with pytest.raises(PermissionDenied) as error:
        proposal_review(proposal=draft, user=getattr(demo, persona))
    assert str(error.value) == ERR_NOT_REVIEWER


def test_a_reporter_of_another_unit_cannot_submit(demo, draft):
    with pytest.raises(PermissionDenied) as error:
        proposal_submit(proposal=draft, user=demo.ha)
    assert str(error.value) == ERR_NOT_WRITER


def test_a_decision_needs_a_number_and_a_past_date(demo, reviewed):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        proposal_decide(proposal=reviewed, user=demo.hung, number=" ", date=tomorrow)
    assert error.value.message_dict["date"] == [ERR_DECISION_FUTURE.format(date=tomorrow.strftime("%d/%m/%Y"))]
    assert "number" in error.value.message_dict
    reviewed.refresh_from_db()
    assert reviewed.status == ProposalStatus.UNDER_REVIEW


def test_a_decision_before_the_programme_is_refused_and_nothing_changes(demo, reviewed):
    with pytest.raises(ValidationError) as error:
        proposal_decide(proposal=reviewed, user=demo.hung, number="1/QĐ-UBND", date=dt.date(2020, 1, 1))
    assert "2025" in " ".join(error.value.message_dict["date"])
    reviewed.refresh_from_db()
    assert reviewed.status == ProposalStatus.UNDER_REVIEW
    assert not reviewed.events.filter(to_status="decided").exists()


def test_a_rejection_needs_a_reason_and_keeps_it(demo, reviewed):
    with pytest.raises(ValidationError) as error:
        proposal_reject(proposal=reviewed, user=demo.hung, reason="  ")
    assert error.value.message_dict["reason"] == [ERR_REASON]
    rejected = proposal_reject(proposal=reviewed, user=demo.hung, reason="Chưa đủ minh chứng về kết quả.")
    assert rejected.status == ProposalStatus.REJECTED
    assert rejected.reject_reason == "Chưa đủ minh chứng về kết quả."
    assert not honour_roll(commune_id=rejected.commune_id).exists()


def test_a_submitted_proposal_can_no_longer_be_edited(demo, draft):
    proposal_submit(proposal=draft, user=demo.mai)
    draft.achievement = "Sửa sau khi gửi"
    with pytest.raises(ValidationError) as error:
        proposal_save(proposal=draft, user=demo.mai)
    assert error.value.messages == [ERR_NOT_DRAFT]


def test_a_proposal_without_evidence_cannot_be_submitted(demo, school):
    bare = proposal_save(
        proposal=Proposal(unit=school, nominee="Tổ Tin học", achievement="…", public_summary="…"), user=demo.mai
    )
    with pytest.raises(ValidationError) as error:
        proposal_submit(proposal=bare, user=demo.mai)
    assert error.value.messages == [ERR_NO_EVIDENCE]


def test_deciding_twice_is_refused(demo, reviewed):
    proposal_decide(proposal=reviewed, user=demo.hung, number="12/QĐ-UBND", date=DAY)
    with pytest.raises(ValidationError) as error:
        proposal_decide(proposal=reviewed, user=demo.hung, number="13/QĐ-UBND", date=DAY)
    assert error.value.messages == [ERR_WRONG_STATE.format(state="Đã có quyết định khen thưởng", action="quyết định")]


def test_without_consent_a_decided_commendation_stays_off_the_roll(demo, reviewed):
    Proposal.objects.filter(pk=reviewed.pk).update(public_consent=False)
    reviewed.refresh_from_db()
    proposal_decide(proposal=reviewed, user=demo.hung, number="12/QĐ-UBND", date=DAY)
    assert not honour_roll(commune_id=reviewed.commune_id).exists()
