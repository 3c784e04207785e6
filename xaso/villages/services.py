"""Writes for the villages' digital technology teams: members, support visits, household counts.

Every support visit is also an activity of the village (kind "digital_support", source
"villages.visit:<pk>") recorded through activities.services.activity_record, so the
dashboard, the reports and the reviews count it like any other delivery. A rule broken on
either side raises ValidationError with Vietnamese messages keyed by this app's fields,
and nothing is written.

The services do not check who may write: the calling view has already decided through
villages.selectors (a village head writes his village, the Culture–Social office all).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from xaso.activities.models import ActivityKind, Audience
from xaso.activities.services import activity_record, recorded_delete
from xaso.indicators.templatetags.indicators import trong_cau
from xaso.plans.models import Task
from xaso.registers.models import VillageProfile
from xaso.units.models import OrgUnit
from xaso.villages import rules
from xaso.villages.models import HouseholdSnapshot, Platform, PlatformCount, SupportVisit, TeamMember

ERR_SNAPSHOT_RACE = "Số hộ của tháng này vừa được người khác ghi cùng lúc; hãy mở lại trang và kiểm tra."

# An activity's fields, as the visit form calls them.
ACTIVITY_TO_VISIT = {
    "unit": "village",
    "date_start": "date",
    "date_end": "date",
    "participants": "households_helped",
    "residents": "households_helped",
    "tasks": "tasks",
}


def _raise(problems: dict[str, list[str]]) -> None:
    if problems:
        raise ValidationError(problems)


def _collect(problems: dict[str, list[str]], more: Mapping[str, str]) -> None:
    for field, message in more.items():
        problems.setdefault(field, []).append(message)


def _model_problems(instance: Any, *, exclude: Iterable[str] = ()) -> dict[str, list[str]]:
    try:
        instance.full_clean(exclude=list(exclude), validate_unique=False)
    except ValidationError as error:
        return {field: list(messages) for field, messages in error.message_dict.items()}
    return {}


def village_households(*, village: OrgUnit) -> int | None:
    """The village's households from its register, or None when it has not told them yet."""
    households = VillageProfile.objects.filter(unit=village).values_list("households", flat=True).first()
    return int(households) if households else None


# -- members ---------------------------------------------------------------------------------------------


@transaction.atomic
def team_member_save(*, member: TeamMember) -> TeamMember:
    problems: dict[str, list[str]] = {}
    _collect(problems, rules.village_problems(member.village))
    _raise(problems)
    member.commune_id = member.village.commune_id
    member.full_name = " ".join(member.full_name.split())
    member.phone = member.phone.strip()
    member.full_clean()
    member.save()
    return member


def team_member_add(*, village: OrgUnit, full_name: str, role: str = "member", phone: str = "") -> TeamMember:
    return team_member_save(member=TeamMember(village=village, full_name=full_name, role=role, phone=phone))


@transaction.atomic
def platform_save(*, platform: Platform) -> Platform:
    platform.name = " ".join(platform.name.split())
    platform.full_clean()
    platform.save()
    return platform


# -- support visits ---------------------------------------------------------------------------------------


def _visit_title(visit: SupportVisit) -> str:
    helped = [label.lower() for label in visit.helped_labels()]
    what = ", ".join(helped) if helped else "ứng dụng công nghệ số"
    return f"Tổ công nghệ số cộng đồng {trong_cau(visit.village)} hỗ trợ người dân: {what}"[:255]


def _as_visit_errors(error: ValidationError) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return error
    mapped: dict[str, list[str]] = {}
    for field, messages in error.message_dict.items():
        target = ACTIVITY_TO_VISIT.get(field, NON_FIELD_ERRORS)
        for message in messages:
            if message not in mapped.get(target, []):
                mapped.setdefault(target, []).append(message)
    return ValidationError(mapped)


@transaction.atomic
def support_visit_save(
    *, visit: SupportVisit, members: Iterable[TeamMember], tasks: Iterable[Task], user: Any = None
) -> SupportVisit:
    """Save a visit built by a form (or by support_visit_record) and record it as an activity."""
    member_list, task_list = list(members), list(tasks)
    village: OrgUnit | None = visit.village if visit.village_id else None
    # A unit that is not a village: say so plainly, not "not a valid choice".
    problems: dict[str, list[str]] = {}
    _collect(problems, rules.village_problems(village))
    _raise(problems)
    problems = _model_problems(visit, exclude=["commune"])
    if village is None:
        _raise(problems)
    assert village is not None
    if "date" not in problems:
        _collect(problems, rules.visit_date_problems(village=village, date=visit.date, today=timezone.localdate()))
    if not visit.work.strip() and "work" not in problems:
        _collect(problems, {"work": rules.ERR_NO_WORK})
    if not member_list:
        _collect(problems, {"members": rules.ERR_NO_MEMBER})
    for member in member_list:
        if member.village_id != village.pk:
            _collect(problems, {"members": rules.ERR_MEMBER_OTHER_VILLAGE.format(name=member.full_name)})
            break
    if "households_helped" not in problems:
        _collect(
            problems,
            rules.within_village(
                field="households_helped",
                what=rules.HOUSEHOLDS_HELPED,
                count=visit.households_helped,
                households=village_households(village=village),
            ),
        )
    _raise(problems)

    visit.commune_id = village.commune_id
    if visit.pk is None and user is not None and getattr(user, "is_authenticated", False):
        visit.created_by = user
    visit.save()
    visit.members.set(member_list)
    visit.tasks.set(task_list)
    try:
        activity = activity_record(
            unit=village,
            kind=ActivityKind.DIGITAL_SUPPORT,
            title=_visit_title(visit),
            date_start=visit.date,
            tasks=task_list,
            audience=Audience.RESIDENTS,
            participants=visit.households_helped,
            residents=visit.households_helped,
            description=visit.work,
            source=visit.source,
            user=user,
        )
    except ValidationError as error:
        raise _as_visit_errors(error) from None
    if visit.activity_id != activity.pk:
        visit.activity = activity
        visit.save(update_fields=["activity"])
    return visit


def support_visit_record(
    *,
    village: OrgUnit,
    date: dt.date,
    members: Iterable[TeamMember],
    work: str,
    households_helped: int,
    helped_ecommerce: bool = False,
    helped_cashless: bool = False,
    helped_online_services: bool = False,
    tasks: Iterable[Task] = (),
    user: Any = None,
) -> SupportVisit:
    visit = SupportVisit(
        village=village,
        date=date,
        work=work,
        households_helped=households_helped,
        helped_ecommerce=helped_ecommerce,
        helped_cashless=helped_cashless,
        helped_online_services=helped_online_services,
    )
    return support_visit_save(visit=visit, members=members, tasks=tasks, user=user)


@transaction.atomic
def support_visit_delete(*, visit: SupportVisit) -> None:
    """Remove a visit entered by mistake, with its activity (the indicators stop counting it)."""
    recorded_delete(item=visit)


# -- household counts -------------------------------------------------------------------------------------


def _snapshot_problems(
    snapshot: HouseholdSnapshot, counts: Mapping[Platform, int], *, village: OrgUnit
) -> dict[str, list[str]]:
    problems = _model_problems(snapshot, exclude=["commune"])
    if "month" not in problems:
        _collect(problems, rules.month_problems(village=village, month=snapshot.month, today=timezone.localdate()))
    for platform, households in counts.items():
        if platform.commune_id != village.commune_id:
            _collect(problems, {"platform_counts": rules.ERR_PLATFORM_OTHER_COMMUNE.format(platform=platform)})
            break
        if households < 0:
            _collect(problems, {f"platform_{platform.pk}": rules.ERR_NEGATIVE_PLATFORM.format(platform=platform)})
    if "ecommerce_households" not in problems and not any(k.startswith("platform_") for k in problems):
        _collect(
            problems,
            rules.platform_problems(total=snapshot.ecommerce_households, counts={p.name: n for p, n in counts.items()}),
        )
    known = village_households(village=village)
    for field, what in (("ecommerce_households", rules.ECOMMERCE), ("cashless_households", rules.CASHLESS)):
        if field not in problems:
            count = getattr(snapshot, field)
            _collect(problems, rules.within_village(field=field, what=what, count=count, households=known))
    return problems


@transaction.atomic
def household_snapshot_set(
    *,
    village: OrgUnit,
    month: dt.date,
    ecommerce_households: int,
    cashless_households: int,
    platform_counts: Mapping[Platform, int],
    note: str = "",
    user: Any = None,
) -> HouseholdSnapshot:
    """Record the village's households at the end of `month`; a second entry for the same month
    corrects the first (the latest figures are what the village knows)."""
    problems: dict[str, list[str]] = {}
    _collect(problems, rules.village_problems(village))
    _raise(problems)
    month = month.replace(day=1)
    snapshot = HouseholdSnapshot.objects.select_for_update().filter(
        village=village, month=month
    ).first() or HouseholdSnapshot(village=village, month=month)
    snapshot.commune_id = village.commune_id
    snapshot.ecommerce_households = ecommerce_households
    snapshot.cashless_households = cashless_households
    snapshot.note = note.strip()
    _raise(_snapshot_problems(snapshot, platform_counts, village=village))
    if user is not None and getattr(user, "is_authenticated", False):
        snapshot.updated_by = user
    try:
        with transaction.atomic():
            snapshot.save()
    except IntegrityError:
        # Someone saved the same month between our read and our insert.
        raise ValidationError({"month": [ERR_SNAPSHOT_RACE]}) from None
    for platform, households in platform_counts.items():
        PlatformCount.objects.update_or_create(
            snapshot=snapshot, platform=platform, defaults={"households": households}
        )
    return snapshot
