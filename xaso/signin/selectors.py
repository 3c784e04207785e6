"""Reads of the log-in: who must use a second factor, current lock-outs, and whose log-ins a person may read."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import django_otp
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Q, QuerySet, Sum
from django.utils import timezone

from xaso.access.policy import ROLES
from xaso.signin.models import LoginEvent
from xaso.units.models import Membership
from xaso.units.selectors import UserLike, scope_for

# Roles that sign, approve, follow many communes or create accounts: a stolen password alone must not
# open them. Read from the access declaration (ROLES[…].second_factor), the one place that says so.
SECOND_FACTOR_ROLES = tuple(role for role, rule in ROLES.items() if rule.second_factor)


def second_factor_required(*, user: UserLike) -> bool:
    """Whether this person must set up and use a second factor before the back office (XASO_REQUIRE_2FA)."""
    if not settings.REQUIRE_2FA or not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return Membership.objects.filter(user=user, role__in=SECOND_FACTOR_ROLES).exists()


def second_factor_set_up(*, user: UserLike) -> bool:
    return user.is_authenticated and django_otp.user_has_device(user, confirmed=True)


def logins_readable(*, user: UserLike) -> QuerySet[LoginEvent]:
    """Log-ins this person may read: superusers all; a commune's programme owner and leaders those of the
    people of their commune (their memberships' units are in it); province viewers those of the people of
    their province's communes; anyone else none. Attempts on names that are no account: superusers only."""
    scope = scope_for(user=user)
    if scope.is_superuser:
        return LoginEvent.objects.all()
    communes = scope.owned_commune_ids | scope.led_commune_ids
    people = Q(unit__commune_id__in=communes) if communes else Q(pk__in=[])
    for province_path in scope.viewed_province_paths:
        people |= Q(unit__commune__path__startswith=province_path)
    if not communes and not scope.viewed_province_paths:
        return LoginEvent.objects.none()
    return LoginEvent.objects.filter(user_id__in=Membership.objects.filter(people).values("user_id"))


def logins_visible(*, user: UserLike) -> bool:
    """Whether the log-in record means anything to this person (menu item, view)."""
    scope = scope_for(user=user)
    return scope.is_superuser or bool(scope.owned_commune_ids or scope.led_commune_ids or scope.viewed_province_paths)


@dataclass(frozen=True)
class Lockout:
    username: str
    address: str
    failures: int
    last_failure: datetime
    ends_at: datetime


def lockouts_current() -> list[Lockout]:
    """Accounts and addresses locked now (as many failures as the limit within the lock time)."""
    threshold = timezone.now() - settings.AXES_COOLOFF_TIME
    recent = AccessAttempt.objects.filter(attempt_time__gte=threshold)
    rows: list[Lockout] = []
    for field in ("username", "ip_address"):
        grouped = (
            recent.exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
            .order_by(field)
        )
        for row in grouped:
            rows.append(
                Lockout(
                    username=row[field] if field == "username" else "",
                    address=row[field] if field == "ip_address" else "",
                    failures=row["failures"],
                    last_failure=row["last"],
                    ends_at=row["last"] + settings.AXES_COOLOFF_TIME,
                )
            )
    return rows


def lockout_ends_at(*, username: str, address: str | None) -> datetime | None:
    """When the lock on this account or address ends (the later of the two), if either is locked."""
    ends = [
        lock.ends_at
        for lock in lockouts_current()
        if (username and lock.username == username) or (address and lock.address == address)
    ]
    return max(ends) if ends else None
