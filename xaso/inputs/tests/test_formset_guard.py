"""Inline lists sent incomplete (what the generated forms found: a plan's deadlines announced without
their ids, a child announced and not sent) are a Vietnamese 400 page that saves nothing."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from xaso.inputs.formsets import ERR_FORMSET, formset_problem
from xaso.plans.models import Plan, Target
from xaso.testing.badinputs import assert_vietnamese, fingerprint

pytestmark = pytest.mark.django_db

PLAN_SETS = ("legal_bases", "purposes", "funding_sources", "responsibilities", "reporting_deadlines", "recipients")


def management(prefix, total="0", initial="0"):
    return {
        f"{prefix}-TOTAL_FORMS": total,
        f"{prefix}-INITIAL_FORMS": initial,
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def test_an_initial_child_without_its_id_is_refused(demo, client_for):
    data = {"code": "99/KH-UBND"}
    for prefix in PLAN_SETS:
        data.update(management(prefix))
    data.update(management("reporting_deadlines", total="1", initial="1"))
    data["reporting_deadlines-0-label"] = "Báo cáo 6 tháng"
    before = fingerprint(Plan)
    response = client_for(demo.lan).post(reverse("wagtailsnippets_plans_plan:add"), data)
    assert response.status_code == 400
    assert ERR_FORMSET.format(prefix="reporting_deadlines") in response.text
    assert fingerprint(Plan) == before


def test_a_child_announced_but_not_sent_is_refused(demo, client_for):
    data = {"plan": demo.plan.pk, "code": "MT-X", **management("milestones", total="1")}
    before = fingerprint(Target)
    response = client_for(demo.lan).post(reverse("wagtailsnippets_plans_target:add"), data)
    assert response.status_code == 400
    assert fingerprint(Target) == before


@pytest.mark.parametrize(
    ("query", "problem"),
    [
        ("a-TOTAL_FORMS=²&a-INITIAL_FORMS=0", "a"),
        ("a-TOTAL_FORMS=2&a-INITIAL_FORMS=3", "a"),
        ("a-TOTAL_FORMS=5000&a-INITIAL_FORMS=0", "a"),
        ("a-TOTAL_FORMS=1&a-INITIAL_FORMS=0&a-0-ten=x", None),
        ("a-TOTAL_FORMS=1&a-INITIAL_FORMS=1&a-0-ten=x", "a"),
        ("a-TOTAL_FORMS=1&a-INITIAL_FORMS=1&a-0-id=7", None),
    ],
)
def test_the_management_counts_must_match_what_was_sent(query, problem):
    assert formset_problem(QueryDict(query)) == problem


def test_the_message_is_vietnamese():
    assert_vietnamese(ERR_FORMSET.format(prefix="milestones"))
