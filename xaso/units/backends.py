from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend

from xaso.access.permissions import permissions_for_roles


class RoleBackend(ModelBackend):
    """Password authentication plus the permissions of the roles a person holds."""

    def get_all_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        cached: set[str] | None = getattr(user_obj, "_xaso_role_perm_cache", None)
        if cached is None:
            roles = set(user_obj.memberships.values_list("role", flat=True))
            cached = set(super().get_all_permissions(user_obj)) | permissions_for_roles(roles)
            user_obj._xaso_role_perm_cache = cached
        return cached
