"""A commendation decided through the honours workflow counts towards the plan's honour target on the
programme dashboard (MT-2026-2: at least one honouring activity in 2026), for the commune and its leader."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from xaso.honours.services import proposal_decide, proposal_review, proposal_submit
from xaso.indicators.status import Status

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]

HONOUR_TARGET = "MT-2026-2"


def honour_row(client):
    response = client.get(reverse("indicators_dashboard"), {"ky": "2026"})
    return next(row for row in response.context["dashboard"].targets if row.target.code == HONOUR_TARGET)


def test_a_decided_commendation_meets_the_honour_target(demo, draft, client_for):
    before = honour_row(client_for(demo.lan))
    assert (before.result.numerator, before.status) == (0, Status.BEHIND)

    proposal_submit(proposal=draft, user=demo.mai)
    proposal_review(proposal=draft, user=demo.lan, note="Đủ hồ sơ.")
    proposal_decide(proposal=draft, user=demo.hung, number="12/QĐ-UBND", date=dt.date(2026, 3, 10))

    for person in (demo.lan, demo.hung):
        after = honour_row(client_for(person))
        assert (after.result.numerator, after.status) == (1, Status.ACHIEVED)


def test_a_proposal_not_yet_decided_does_not_count(demo, draft, client_for):
    proposal_submit(proposal=draft, user=demo.mai)
    proposal_review(proposal=draft, user=demo.lan, note="Đủ hồ sơ.")
    assert honour_row(client_for(demo.lan)).result.numerator == 0
