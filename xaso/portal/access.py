"""Who may write and approve on a commune's portal: project roles mapped to Wagtail.

Wagtail decides page rights from groups with page permissions (GroupPagePermission)
and picture/file rights from collection permissions; its approval workflow asks
groups to approve. Xã số keeps roles in Membership rows instead, so this module
derives the groups from the roles — always through these services, never a signal:

- portal_setup(home=…) gives a commune's home page its two groups, their page and
  collection permissions, and the approval workflow "Lãnh đạo duyệt tin bài";
- portal_access_sync(user=…) puts a person in exactly the groups their roles call for;
  units.services runs it whenever a role is granted or revoked (units.roles.roles_changed),
  and the demo loader runs it for everyone once the portal exists.

| role (Membership)                   | Wagtail group of the commune | may                                   |
| ----------------------------------- | ---------------------------- | ------------------------------------- |
| portal_editor, programme_owner      | Biên tập viên — <xã>         | write drafts, upload, submit for approval |
| leader                              | Lãnh đạo duyệt bài — <xã>    | approve (publish), request changes, unpublish |
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from xaso.portal.models import HomePage, PortalGroup, PortalGroupKind
from xaso.portal.services import home_collection
from xaso.units.models import Membership, OrgUnit, Role

# Which roles put a person in which group of their commune.
ROLE_GROUPS: dict[str, PortalGroupKind] = {
    Role.PORTAL_EDITOR: PortalGroupKind.EDITORS,
    Role.PROGRAMME_OWNER: PortalGroupKind.EDITORS,
    Role.LEADER: PortalGroupKind.APPROVERS,
}
PAGE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    PortalGroupKind.EDITORS: ("add_page", "change_page"),
    PortalGroupKind.APPROVERS: ("change_page", "publish_page", "lock_page", "unlock_page"),
}
COLLECTION_PERMISSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    PortalGroupKind.EDITORS: (
        ("wagtailimages", "add_image"),
        ("wagtailimages", "change_image"),
        ("wagtailimages", "choose_image"),
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "change_document"),
        ("wagtaildocs", "choose_document"),
    ),
    PortalGroupKind.APPROVERS: (("wagtailimages", "choose_image"), ("wagtaildocs", "choose_document")),
}
GROUP_NAMES = {
    PortalGroupKind.EDITORS: "Biên tập viên trang thông tin — {commune}",
    PortalGroupKind.APPROVERS: "Lãnh đạo duyệt tin bài — {commune}",
}
WORKFLOW_NAME = "Duyệt tin bài — {commune}"
TASK_NAME = "Lãnh đạo xã duyệt — {commune}"


def _permission(app_label: str, codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _group(commune: OrgUnit, kind: PortalGroupKind) -> Group:
    link = PortalGroup.objects.filter(commune=commune, kind=kind).select_related("group").first()
    if link is not None:
        return link.group
    group, _ = Group.objects.get_or_create(name=GROUP_NAMES[kind].format(commune=commune.name))
    PortalGroup.objects.create(commune=commune, kind=kind, group=group)
    return group


def _grant(group: Group, kind: PortalGroupKind, home: HomePage, collection: Collection) -> None:
    for codename in PAGE_PERMISSIONS[kind]:
        GroupPagePermission.objects.get_or_create(
            group=group, page=home, permission=_permission("wagtailcore", codename)
        )
    for app_label, codename in COLLECTION_PERMISSIONS[kind]:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app_label, codename)
        )


def _workflow(home: HomePage, approvers: Group, commune: OrgUnit) -> Workflow:
    assigned = WorkflowPage.objects.filter(page=home).select_related("workflow").first()
    if assigned is not None:
        # Kept as the commune's administrators may have changed it.
        return assigned.workflow
    workflow = Workflow.objects.create(name=WORKFLOW_NAME.format(commune=commune.name), active=True)
    task = GroupApprovalTask.objects.create(name=TASK_NAME.format(commune=commune.name), active=True)
    task.groups.set([approvers])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.create(page=home, workflow=workflow)
    return workflow


@transaction.atomic
def portal_setup(*, home: HomePage) -> Workflow:
    """Groups, permissions and the approval workflow of a commune's portal (idempotent)."""
    commune = home.commune
    if commune is None:
        raise ValueError("portal_setup needs a home page linked to a commune")
    collection = home_collection(home=home)
    groups = {kind: _group(commune, kind) for kind in PortalGroupKind}
    for kind, group in groups.items():
        _grant(group, kind, home, collection)
    workflow = _workflow(home, groups[PortalGroupKind.APPROVERS], commune)
    for membership in Membership.objects.filter(unit__commune=commune, role__in=list(ROLE_GROUPS)):
        portal_access_sync(user=membership.user)
    return workflow


@transaction.atomic
def portal_access_sync(*, user: Any) -> None:
    """Puts `user` in exactly the portal groups their current roles call for."""
    wanted: set[int] = set()
    memberships = Membership.objects.filter(user=user, role__in=list(ROLE_GROUPS), unit__is_active=True)
    for membership in memberships.select_related("unit"):
        commune_id = membership.unit.commune_id
        kind = ROLE_GROUPS[membership.role]
        link = PortalGroup.objects.filter(commune_id=commune_id, kind=kind).first()
        if link is not None:
            wanted.add(link.group_id)
    managed = set(PortalGroup.objects.values_list("group_id", flat=True))
    current = set(user.groups.filter(pk__in=managed).values_list("pk", flat=True))
    if wanted - current:
        user.groups.add(*(wanted - current))
    if current - wanted:
        user.groups.remove(*(current - wanted))
    # Wagtail caches permission checks on the user object for the request.
    for attribute in ("_perm_cache", "_group_perm_cache", "_xaso_role_perm_cache", "_group_approval_task_checks"):
        if hasattr(user, attribute):
            delattr(user, attribute)
