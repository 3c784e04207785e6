"""Who sees which reports: states and rates to whoever reads the unit, the text of drafts only to its writers."""

from __future__ import annotations

import pytest

from xaso.reporting.models import PeriodKind
from xaso.reporting.selectors import (
    assignments_readable,
    periods_readable,
    reports_readable,
    reports_reviewable,
    reports_writable,
)
from xaso.reporting.services import period_open
from xaso.reporting.tests.helpers import OPENED_AT, at, report_of, send, unit, write
from xaso.testing.factories import small_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def cycle(demo, half_year):
    """THCS has sent its report, Tiểu học has a draft, Nà Pàn has not started; Tân Thanh has its own period."""
    send(report_of(half_year, "ls-hvt-thcs"), demo.mai, when=at(2))
    write(report_of(half_year, "ls-hvt-th"), demo.ha)
    small_plan(unit("ls-tt"))
    other = period_open(
        commune=unit("ls-tt"), kind=PeriodKind.HALF_YEAR, year=2026, user=demo.thu, unit_kinds=["school"], now=OPENED_AT
    )
    return half_year, other


def units(queryset):
    return set(queryset.values_list("unit__code", flat=True))


def test_a_school_reporter_never_sees_another_schools_report(demo, cycle):
    assert units(reports_readable(user=demo.mai)) == {"ls-hvt-thcs"}
    assert units(assignments_readable(user=demo.mai)) == {"ls-hvt-thcs"}
    assert units(reports_readable(user=demo.ha)) == {"ls-hvt-th"}
    assert units(reports_writable(user=demo.ha)) == {"ls-hvt-th"}


def test_a_village_head_and_an_office_reporter_see_their_own_only(demo, cycle):
    assert units(assignments_readable(user=demo.son)) == {"ls-hvt-t-napan"}
    assert units(assignments_readable(user=demo.tuan)) == {"ls-hvt-kt"}


def test_the_office_reads_and_writes_every_report_of_its_commune_drafts_included(demo, cycle):
    assert len(units(reports_readable(user=demo.lan))) == 22
    assert "ls-hvt-th" in units(reports_writable(user=demo.lan))
    assert not units(reports_readable(user=demo.lan)) & {"ls-tt-th"}


def test_the_leader_sees_every_state_but_only_the_text_of_sent_reports(demo, cycle):
    assert len(units(assignments_readable(user=demo.hung))) == 22
    assert units(reports_readable(user=demo.hung)) == {"ls-hvt-thcs"}
    assert not reports_writable(user=demo.hung).exists()
    assert len(units(reports_reviewable(user=demo.hung))) == 22


def test_the_province_follows_every_commune_without_reading_drafts(demo, cycle):
    assert units(reports_readable(user=demo.quang)) == {"ls-hvt-thcs"}
    assert len(units(assignments_readable(user=demo.quang))) == 22 + 1
    assert not reports_writable(user=demo.quang).exists()
    assert not reports_reviewable(user=demo.quang).exists()
    assert periods_readable(user=demo.quang).count() == 2


def test_another_communes_office_sees_nothing_of_this_commune(demo, cycle):
    assert units(assignments_readable(user=demo.thu)) == {"ls-tt-th"}
    assert {p.commune.code for p in periods_readable(user=demo.thu)} == {"ls-tt"}


def test_an_outsider_sees_nothing(demo, cycle):
    for selector in (assignments_readable, reports_readable, reports_writable, reports_reviewable, periods_readable):
        assert not selector(user=demo.outsider).exists()
