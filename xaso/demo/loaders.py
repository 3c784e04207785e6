"""Demo data for a local run: the seed commune, its people and its programme.

Each step is idempotent: running `manage.py load_demo` again creates what is missing
and never overwrites what users changed. Apps add their own demo content by appending
a step to STEPS.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from django.contrib.auth import get_user_model
from django.db import transaction

from xaso.units.models import OrgUnit
from xaso.units.services import membership_grant, unit_create

HERE = Path(__file__).resolve().parent
DEMO_PASSWORD = "XaSo@2025"  # noqa: S105 - local demo only; documented in README.md
Log = Callable[[str], None]


@transaction.atomic
def load_organisation(log: Log) -> None:
    created = 0
    for row in yaml.safe_load((HERE / "organisation.yaml").read_text(encoding="utf-8")):
        if OrgUnit.objects.filter(code=row["code"]).exists():
            continue
        parent = OrgUnit.objects.get(code=row["parent"]) if row.get("parent") else None
        unit_create(
            code=row["code"],
            name=row["name"],
            kind=row["kind"],
            parent=parent,
            short_name=row.get("short_name", ""),
            is_demo=row["demo"],
        )
        created += 1
    log(f"Đơn vị: thêm {created}.")


@transaction.atomic
def load_users(log: Log) -> None:
    user_model = get_user_model()
    created = 0
    for row in yaml.safe_load((HERE / "users.yaml").read_text(encoding="utf-8")):
        first, _, last = row["name"].rpartition(" ")
        user, is_new = user_model.objects.get_or_create(
            username=row["username"],
            defaults={"first_name": last, "last_name": first, "email": f"{row['username']}@xaso.local"},
        )
        if is_new:
            user.set_password(DEMO_PASSWORD)
            user.save()
            created += 1
            if row["unit"]:
                membership_grant(
                    user=user, unit=OrgUnit.objects.get(code=row["unit"]), role=row["role"], position=row["position"]
                )
    if not user_model.objects.filter(username="quantri").exists():
        user_model.objects.create_superuser("quantri", "quantri@xaso.local", DEMO_PASSWORD)
        created += 1
    log(f"Người dùng mẫu: thêm {created}.")


def load_seed_plan(log: Log) -> None:
    from xaso.plans.demo import load_seed_plan as load

    load(log)


def load_portal_home(log: Log) -> None:
    from xaso.portal.demo import load_home

    load_home(log)


def load_portal_section(log: Log) -> None:
    from xaso.portal.demo import load_section

    load_section(log)


def load_portal_demo_articles(log: Log) -> None:
    from xaso.portal.demo import load_demo_articles

    load_demo_articles(log)


def load_villages(log: Log) -> None:
    from xaso.villages.demo import load_villages as load

    load(log)


def load_registers(log: Log) -> None:
    from xaso.registers.demo import load_registers as load

    load(log)


def load_learning(log: Log) -> None:
    from xaso.learning.demo import load_courses, load_demo_learners

    load_courses(log)
    load_demo_learners(log)


def load_honours(log: Log) -> None:
    from xaso.honours.demo import load_demo_honours

    load_demo_honours(log)


def load_channels(log: Log) -> None:
    from xaso.channels.demo import load_broadcast_history, load_deliveries
    from xaso.channels.demo import load_channels as load_accounts

    load_accounts(log)
    load_deliveries(log)
    load_broadcast_history(log)


def load_activities(log: Log) -> None:
    from xaso.activities.demo import load_activities as load

    load(log)


def load_outreach(log: Log) -> None:
    from xaso.outreach.demo import load_outreach as load

    load(log)


def load_funding(log: Log) -> None:
    from xaso.funding.demo import load_funding as load

    load(log)


def load_reporting(log: Log) -> None:
    from xaso.reporting.demo import load_demo_reporting

    load_demo_reporting(log)


STEPS: list[Callable[[Log], None]] = [
    load_organisation,
    load_users,
    load_seed_plan,
    load_portal_home,
    load_portal_section,
    load_portal_demo_articles,
    load_registers,
    load_villages,
    load_learning,
    load_honours,
    load_channels,
    load_activities,
    load_outreach,
    load_funding,
    load_reporting,
]
