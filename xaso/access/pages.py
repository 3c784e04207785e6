"""Which pages of the site tree a person reaches in the back office.

One server holds every commune's portal in one Wagtail tree. A person works on the pages of
the portals their roles give them (the commune's Wagtail groups, xaso/portal/access.py); the
other communes' pages — drafts above all — do not exist for them in the back office: not in
the explorer, the page chooser, a move's destination, a revision or a preview."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")


def pages_reachable(*, user: Any) -> QuerySet[Page]:
    """The pages of the portals the person works on, and the tree's root."""
    if user.is_superuser:
        return Page.objects.all()
    permitted = PagePermissionPolicy().instances_user_has_any_permission_for(user, PAGE_ACTIONS)
    return Page.objects.filter(Q(pk__in=permitted.values("pk")) | Q(depth=1))


def page_reachable(*, user: Any, page_id: Any) -> bool:
    return pages_reachable(user=user).filter(pk=page_id).exists()
