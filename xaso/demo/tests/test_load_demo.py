"""`manage.py load_demo` can run at every start: it adds what is missing, keeps what users changed."""

import io

import pytest
from django.core.management import call_command

from xaso.plans.models import Plan, Target
from xaso.units.models import Membership, OrgUnit

pytestmark = pytest.mark.django_db


def test_running_it_twice_adds_nothing_and_keeps_edits():
    call_command("load_demo", stdout=io.StringIO())
    target = Target.objects.get(code="MT-2025-2")
    target.text = "Đã sửa bởi người dùng"
    target.save()
    counts = (OrgUnit.objects.count(), Membership.objects.count(), Plan.objects.count(), Target.objects.count())
    call_command("load_demo", stdout=io.StringIO())
    assert (OrgUnit.objects.count(), Membership.objects.count(), Plan.objects.count(), Target.objects.count()) == counts
    assert Target.objects.get(code="MT-2025-2").text == "Đã sửa bởi người dùng"
    assert Plan.objects.get().targets.count() == 9
