"""Back-office menu items shared by the apps."""

from __future__ import annotations

from typing import Any

from wagtail.admin.menu import MenuItem


class PermissionMenuItem(MenuItem):
    """An item shown to whoever holds one permission, e.g. "activities.add_activity".

    Hiding the item only spares the others a link they cannot use: the view behind it checks
    the permission (and the person's scope) again."""

    def __init__(self, label: str, url: str, *, permission: str, **kwargs: Any):
        super().__init__(label, url, **kwargs)
        self.permission = permission

    def is_shown(self, request: Any) -> bool:
        return bool(request.user.has_perm(self.permission))
