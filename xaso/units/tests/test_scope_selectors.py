"""Who reads and changes which units and plans: one test per persona, and the outsider."""

import pytest

from xaso.plans.selectors import plans_editable, plans_readable
from xaso.units.models import OrgUnit
from xaso.units.selectors import communes_readable, units_readable, units_writable

pytestmark = pytest.mark.django_db


def codes(queryset):
    return set(queryset.values_list("code", flat=True))


def hvt_units():
    return codes(OrgUnit.objects.filter(commune__code="ls-hvt"))


def test_the_programme_owner_reads_and_changes_every_unit_of_her_commune_only(demo):
    assert codes(units_readable(user=demo.lan)) == hvt_units()
    assert codes(units_writable(user=demo.lan)) == hvt_units()
    assert "ls-tt-th" not in codes(units_readable(user=demo.lan))
    assert list(plans_editable(user=demo.lan)) == [demo.plan]


def test_the_leader_reads_the_whole_commune_and_changes_no_unit_data(demo):
    assert codes(units_readable(user=demo.hung)) == hvt_units()
    assert not units_writable(user=demo.hung).exists()
    assert list(plans_readable(user=demo.hung)) == [demo.plan]
    assert not plans_editable(user=demo.hung).exists()


def test_a_school_reporter_sees_only_her_school_not_another_school(demo):
    assert codes(units_readable(user=demo.mai)) == {"ls-hvt-thcs"}
    assert codes(units_writable(user=demo.mai)) == {"ls-hvt-thcs"}
    assert codes(units_readable(user=demo.ha)) == {"ls-hvt-th"}
    assert list(plans_readable(user=demo.mai)) == [demo.plan]
    assert not plans_editable(user=demo.mai).exists()


def test_a_village_head_sees_only_his_village(demo):
    assert codes(units_readable(user=demo.son)) == {"ls-hvt-t-napan"}
    assert codes(units_writable(user=demo.son)) == {"ls-hvt-t-napan"}


def test_an_office_reporter_sees_only_his_office(demo):
    assert codes(units_writable(user=demo.tuan)) == {"ls-hvt-kt"}


def test_the_portal_editor_changes_no_unit_data(demo):
    assert not units_writable(user=demo.linh).exists()
    assert not plans_editable(user=demo.linh).exists()


def test_the_province_viewer_reads_every_commune_and_changes_nothing(demo):
    assert codes(communes_readable(user=demo.quang)) == {"ls-hvt", "ls-tt"}
    assert codes(units_readable(user=demo.quang)) == set(OrgUnit.objects.values_list("code", flat=True))
    assert not units_writable(user=demo.quang).exists()
    assert list(plans_readable(user=demo.quang)) == [demo.plan]
    assert not plans_editable(user=demo.quang).exists()


def test_another_communes_owner_cannot_reach_this_commune(demo):
    assert not units_readable(user=demo.thu).filter(commune__code="ls-hvt").exists()
    assert not plans_readable(user=demo.thu).exists()


def test_the_outsider_sees_nothing(demo):
    assert not units_readable(user=demo.outsider).exists()
    assert not units_writable(user=demo.outsider).exists()
    assert not communes_readable(user=demo.outsider).exists()
    assert not plans_readable(user=demo.outsider).exists()
