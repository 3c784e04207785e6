"""The demo commune's registries and activities: loaded once, meaningful on the dashboard, never twice."""

import datetime as dt

import pytest

from xaso.activities.demo import load_activities
from xaso.activities.models import Activity
from xaso.indicators.selectors import programme_dashboard
from xaso.indicators.status import Status
from xaso.outreach.demo import load_outreach
from xaso.registers.demo import load_registers
from xaso.registers.models import Person
from xaso.units.models import OrgUnit

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.time_machine(dt.datetime(2026, 11, 20, 2, 0, tzinfo=dt.UTC), tick=False),
]


def quiet(_):
    return None


def test_the_demo_fills_every_part_of_the_dashboard_and_loads_only_once(demo):
    load_registers(quiet)
    load_activities(quiet)
    count, people = Activity.objects.count(), Person.objects.count()
    # Club sessions, contests, enterprise sessions, showcases and village support come from their own
    # apps' demos (one activity each, never twice), so this loader alone makes fewer than the ~250.
    assert count > 150
    assert not Activity.objects.filter(date_start__gt=dt.date(2026, 11, 20)).exists()
    load_registers(quiet)
    load_activities(quiet)
    assert (Activity.objects.count(), Person.objects.count()) == (count, people)

    dashboard = programme_dashboard(
        user=demo.lan, unit=OrgUnit.objects.get(code="ls-hvt"), period=None, today=dt.date(2026, 11, 20)
    )
    assert dashboard is not None
    statuses = {row.target.code: row.status for row in dashboard.targets}
    assert statuses["MT-2025-1"] == Status.ACHIEVED
    assert statuses["MT-2025-2"] == Status.BEHIND  # five teachers missed the 2025 conference
    assert statuses["MT-2026-2"] == Status.ACHIEVED
    assert statuses["MT-2028-2030-2"] == Status.NOT_DUE
    # Schools' clubs and contests and the sessions for enterprises are the outreach demo's activities.
    load_outreach(quiet)
    dashboard = programme_dashboard(
        user=demo.lan, unit=OrgUnit.objects.get(code="ls-hvt"), period=None, today=dt.date(2026, 11, 20)
    )
    assert dashboard is not None
    assert {task.code for task in dashboard.idle_tasks} == {"NV-2.3", "NV-3.3", "NV-3.4"}
    assert all(row.counts.activities for row in dashboard.units if row.unit.kind in ("school", "village"))
