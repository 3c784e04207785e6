"""The province's administrator (role province_admin, xaso/access/policy.py): reads what a province
viewer reads, brings communes on board, and logs in with a second factor; a viewer does not onboard."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError

from xaso.access.policy import ROLES
from xaso.access.rules import Duty
from xaso.onboarding.selectors import communes_onboardable, provinces_onboarded
from xaso.signin.selectors import second_factor_required
from xaso.testing.factories import UserFactory, grant
from xaso.units.models import OrgUnit, Role
from xaso.units.selectors import communes_readable
from xaso.units.services import membership_grant

pytestmark = pytest.mark.django_db


def test_the_role_is_declared_with_its_duty_and_second_factor():
    rule = ROLES[Role.PROVINCE_ADMIN]
    assert rule.duties == {Duty.FOLLOW_PROVINCE, Duty.ONBOARD_COMMUNES}
    assert rule.second_factor
    assert Duty.ONBOARD_COMMUNES not in ROLES[Role.PROVINCE_VIEWER].duties


def test_it_reads_every_commune_of_the_province_like_a_viewer(demo):
    assert set(communes_readable(user=demo.hoa)) == set(communes_readable(user=demo.quang))
    assert demo.hoa.has_perm("plans.view_plan")
    assert not demo.hoa.has_perm("plans.change_plan")


def test_only_the_administrator_onboards_the_province(demo):
    province = OrgUnit.objects.get(code="ls")
    assert list(provinces_onboarded(user=demo.hoa)) == [province]
    assert set(communes_onboardable(user=demo.hoa)) == set(communes_readable(user=demo.hoa))
    assert not provinces_onboarded(user=demo.quang).exists()
    assert not communes_onboardable(user=demo.lan).exists()


def test_it_must_use_a_second_factor(demo):
    assert second_factor_required(user=demo.hoa)


def test_it_is_granted_at_the_province_or_a_department_only(demo):
    person: Any = UserFactory(username="khong.dung.cho")
    with pytest.raises(ValidationError):
        membership_grant(user=person, unit=OrgUnit.objects.get(code="ls-hvt"), role=Role.PROVINCE_ADMIN)
    grant(person, OrgUnit.objects.get(code="ls"), Role.PROVINCE_ADMIN)


@pytest.mark.parametrize(
    ("persona", "onboarding", "drafts"),
    [("hoa", True, True), ("quang", True, True), ("lan", False, True), ("hung", False, True), ("mai", False, False)],
)
def test_the_menu_items(demo, client_for, persona, onboarding, drafts):
    from xaso.backoffice.tests.test_permission_menu_item import menu_names

    names = menu_names(client_for(getattr(demo, persona)))
    assert ("dua-xa-len" in names) is onboarding
    assert ("ke-hoach-tu-van-ban" in names) is drafts
