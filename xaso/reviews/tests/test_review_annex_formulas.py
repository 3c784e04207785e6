"""The interim and final reviews' XLSX annex: a unit named like a formula is written as text."""

import datetime as dt

import pytest

from xaso.documents.xlsx import xlsx_annex
from xaso.reviews.document import build_programme_review
from xaso.testing.exports import HYPERLINK, assert_xlsx_inert
from xaso.testing.factories import activity
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def test_the_review_annex_has_no_formula(demo):
    OrgUnit.objects.filter(code="ls-hvt-t-napan").update(name=HYPERLINK)
    activity(OrgUnit.objects.get(code="ls-hvt-t-napan"), kind="conference", date_start=dt.date(2026, 3, 2))
    params = {
        "plan_id": demo.plan.pk,
        "kind": "interim",
        "start": "2025-01-01",
        "end": "2026-10-31",
        "number": 45,
        "shortcomings": "Một số thôn chưa gửi số liệu đúng hạn.",
    }
    rendering = build_programme_review(params=params, user=demo.lan, progress=lambda *_: None)
    assert_xlsx_inert(xlsx_annex(sheets=list(rendering.annex)), [HYPERLINK])
