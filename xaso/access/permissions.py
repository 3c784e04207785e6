"""Model permissions of a set of roles, read from the declaration (xaso/access/policy.py)."""

from __future__ import annotations

from functools import cache

from xaso.access.policy import BASE_PERMISSIONS, MODELS
from xaso.units.models import Role


@cache
def _role_permissions(role: str) -> frozenset[str]:
    granted: set[str] = set()
    for label, rule in MODELS.items():
        granted |= rule.permissions(label, Role(role))
    return frozenset(granted)


def permissions_for_roles(roles: set[str] | frozenset[str]) -> frozenset[str]:
    granted: set[str] = set(BASE_PERMISSIONS) if roles else set()
    for role in roles:
        granted |= _role_permissions(role)
    return frozenset(granted)
