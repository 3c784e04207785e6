"""Apps whose rights live outside the access declaration (the portal maps roles to Wagtail
groups) are told when a person's roles change.

What each role may do is declared once in xaso/access/policy.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_on_roles_changed: list[Callable[..., None]] = []


def register_roles_changed(hook: Callable[..., None]) -> None:
    """Called from an app's AppConfig.ready(): `hook(user=…)` runs whenever a person's roles change.

    units.services calls the hooks after granting or revoking a role."""
    if hook not in _on_roles_changed:
        _on_roles_changed.append(hook)


def roles_changed(*, user: Any) -> None:
    for hook in _on_roles_changed:
        hook(user=user)
