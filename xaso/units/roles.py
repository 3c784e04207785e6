"""What each role may do, as Django permissions, contributed by each app.

Roles live in Membership rows, not in Django groups, so that a person's rights follow
their unit. Model-level rights come from this registry (via units.backends.RoleBackend);
which *rows* a person reaches is decided by the scope selectors in units.selectors.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from xaso.units.models import Role

# Anyone with a role may open the back office.
BASE_PERMISSIONS = frozenset({"wagtailadmin.access_admin"})

_registry: dict[str, set[str]] = defaultdict(set)
_on_roles_changed: list[Callable[..., None]] = []


def register_role_permissions(role: Role, permissions: set[str] | frozenset[str]) -> None:
    """Called from an app's AppConfig.ready(): grant `permissions` ("app.codename") to `role`."""
    _registry[role.value].update(permissions)


def permissions_for_roles(roles: set[str] | frozenset[str]) -> frozenset[str]:
    granted: set[str] = set(BASE_PERMISSIONS) if roles else set()
    for role in roles:
        granted |= _registry.get(role, set())
    return frozenset(granted)


def view_permissions(app_label: str, *models: str) -> set[str]:
    return {f"{app_label}.view_{model}" for model in models}


def manage_permissions(app_label: str, *models: str) -> set[str]:
    return {f"{app_label}.{action}_{model}" for model in models for action in ("view", "add", "change", "delete")}


def register_roles_changed(hook: Callable[..., None]) -> None:
    """Called from an app's AppConfig.ready(): `hook(user=…)` runs whenever a person's roles change.

    For apps whose rights live outside the role registry (the portal maps roles to
    Wagtail groups); units.services calls the hooks after granting or revoking a role."""
    if hook not in _on_roles_changed:
        _on_roles_changed.append(hook)


def roles_changed(*, user: Any) -> None:
    for hook in _on_roles_changed:
        hook(user=user)
