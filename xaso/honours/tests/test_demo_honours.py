from __future__ import annotations

from xaso.activities.models import Activity, ActivityKind
from xaso.honours.demo import load_demo_honours
from xaso.honours.models import Proposal


def test_the_demo_loads_once_with_one_decision_on_the_roll(demo):
    load_demo_honours(lambda _: None)
    load_demo_honours(lambda _: None)
    assert sorted(Proposal.objects.values_list("status", flat=True)) == ["decided", "submitted", "under_review"]
    assert Activity.objects.filter(kind=ActivityKind.COMMENDATION).count() == 1
